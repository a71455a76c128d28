"""Public routes outside Wagtail's page tree."""

from django.urls import path

from gongkai.publishing.views import public

urlpatterns = [path("<slug:slug>/sitemap.xml", public.sitemap_xml_for, name="publishing_sitemap_xml")]
