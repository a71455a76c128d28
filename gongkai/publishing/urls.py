"""Public routes outside Wagtail's page tree."""

from django.urls import path, re_path

from gongkai.publishing.cache import cached_serve
from gongkai.publishing.views import public

urlpatterns = [
    path("<slug:slug>/sitemap.xml", public.sitemap_xml_for, name="publishing_sitemap_xml"),
    # Wagtail's own page pattern, with the anonymous page cache in front of its routing
    re_path(r"^((?:[\w\-]+/)*)$", cached_serve, name="publishing_cached_serve"),
]
