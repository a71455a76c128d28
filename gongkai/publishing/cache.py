"""Whole-page cache for anonymous readers of the portal."""

from __future__ import annotations

import secrets
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
    """The portal's current generation. A missing one (a new cache, or one that was cleared)
    starts at a random value, so nothing kept under an earlier generation (pages here, the
    per-process portal maps of services) can ever match it again."""
    key = _gen_key(portal_slug)
    value = cache.get(key)
    if value is None:
        cache.add(key, secrets.randbits(48), None)
        value = cache.get(key) or 0
    return value


def bump_generation(portal_slug: str) -> None:
    try:
        cache.incr(_gen_key(portal_slug))
    except ValueError:
        cache.set(_gen_key(portal_slug), secrets.randbits(48), None)


def anonymous_get(request: HttpRequest) -> bool:
    """A GET from someone not logged in (a session cookie alone is not enough to be logged in)."""
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return not request.user.is_authenticated
    return True


def _cacheable(request: HttpRequest) -> bool:
    return bool(_seconds()) and not (set(request.GET) - {"page"}) and anonymous_get(request)


def page_key(request: HttpRequest, path: str) -> str | None:
    """The whole-page cache key of this request, None when the page cache does not apply (off,
    logged in, not a GET, query parameters other than ``page``). It carries the portal's
    generation, which every publication or unpublication in that portal bumps."""
    if not _cacheable(request):
        return None
    slug = path.split("/", 1)[0]
    return f"gk:page:{generation(slug)}:{request.get_host()}:{request.get_full_path()}"


def cached_page(key: str) -> HttpResponse | None:
    hit = cache.get(key)
    if hit is None:
        return None
    response = HttpResponse(hit[1], content_type=hit[0])
    response["X-Portal-Cache"] = "hit"
    return response


def keep_page(key: str, response: Any) -> Any:
    """Keep a page that its serve marked cacheable (``serve_cached`` or the lean read path)."""
    if getattr(response, "gk_cacheable", False) and response.status_code == 200:
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        cache.set(key, (response["Content-Type"], response.content), _seconds())
    return response


def serve_cached(page: Page, request: HttpRequest, render_page: Callable[[], Any]) -> Any:
    """A portal page's own serve: render, and mark the response as one the URL-level cache
    (``cached_serve``) may keep for anonymous readers."""
    response = render_page()
    response.gk_cacheable = True
    return response


def cached_serve(request: HttpRequest, path: str) -> Any:
    """Wagtail's serve view behind the whole-page cache, checked before the page is routed.
    (The portal's URL pattern is ``views.public.serve``, which puts the lean read path
    between the two.)"""
    from wagtail.views import serve

    key = page_key(request, path)
    if key is None:
        return serve(request, path)
    hit = cached_page(key)
    if hit is not None:
        return hit
    return keep_page(key, serve(request, path))
