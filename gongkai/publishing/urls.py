"""Public routes outside Wagtail's page tree, and Wagtail's own page pattern served through
``views.public.serve`` (page cache → lean read path for anonymous readers → Wagtail)."""

from django.urls import path, re_path

from gongkai.publishing.views import public

urlpatterns = [
    path("<slug:slug>/sitemap.xml", public.sitemap_xml_for, name="publishing_sitemap_xml"),
    # Wagtail's own page pattern, with the page cache and the lean read path in front of its routing
    re_path(r"^((?:[\w\-]+/)*)$", public.serve, name="publishing_cached_serve"),
]
