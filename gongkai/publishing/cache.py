"""Whole-page cache for anonymous readers of the portal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page

# -- page cache -----------------------------------------------------------------------------
# Anonymous GETs of portal pages are cached whole. The key carries a generation per portal
# that every publish/unpublish in that portal bumps (operations._bump_cache), so a reader
# never sees a page older than the last publication. With several processes the cache
# must be shared (REDIS_URL); with the in-process default a process-local entry lives at
# most _seconds().


def _seconds() -> int:
    return int(getattr(settings, "GONGKAI_PORTAL_CACHE_SECONDS", 600))


def _gen_key(portal_slug: str) -> str:
    return f"gk:portal-gen:{portal_slug}"


def portal_slug_of(page: Page) -> str:
    """The portal's URL segment: url_path is "/<platform>/<portal>/…"."""
    parts = page.url_path.split("/")
    return parts[2] if len(parts) > 3 else ""


def generation(portal_slug: str) -> int:
    return cache.get(_gen_key(portal_slug)) or 0


def bump_generation(portal_slug: str) -> None:
    try:
        cache.incr(_gen_key(portal_slug))
    except ValueError:
        cache.set(_gen_key(portal_slug), 1, None)


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or not _seconds() or set(request.GET) - {"page"}:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return not request.user.is_authenticated
    return True


def serve_cached(page: Page, request: HttpRequest, render_page: Callable[[], Any]) -> Any:
    """A portal page's own serve: render, and mark the response as one the URL-level cache
    (``cached_serve``) may keep for anonymous readers."""
    response = render_page()
    response.gk_cacheable = True
    return response


def cached_serve(request: HttpRequest, path: str) -> Any:
    """Wagtail's serve view behind a whole-page cache checked before the page is routed (routing
    a deep page costs a query or two per level). The key carries the portal's generation,
    which every publication or unpublication in that portal bumps."""
    from wagtail.views import serve

    if not _cacheable(request):
        return serve(request, path)
    slug = path.split("/", 1)[0]
    key = f"gk:page:{generation(slug)}:{request.get_host()}:{request.get_full_path()}"
    hit = cache.get(key)
    if hit is not None:
        response = HttpResponse(hit[1], content_type=hit[0])
        response["X-Portal-Cache"] = "hit"
        return response
    response = serve(request, path)
    if getattr(response, "gk_cacheable", False) and response.status_code == 200:
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        cache.set(key, (response["Content-Type"], response.content), _seconds())
    return response
