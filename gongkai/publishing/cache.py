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


def _gen_key(portal_path: str) -> str:
    return f"gk:portal-gen:{portal_path}"


def generation(portal_path: str) -> int:
    return cache.get(_gen_key(portal_path)) or 0


def bump_generation(portal_path: str) -> None:
    try:
        cache.incr(_gen_key(portal_path))
    except ValueError:
        cache.set(_gen_key(portal_path), 1, None)


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or not _seconds() or set(request.GET) - {"page"}:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return not request.user.is_authenticated
    return True


def serve_cached(page: Page, request: HttpRequest, render_page: Callable[[], Any]) -> Any:
    if not _cacheable(request):
        return render_page()
    ppath = page.path[: Page.steplen * 3]
    gen = cache.get(_gen_key(ppath)) or 0
    key = f"gk:page:{gen}:{request.get_host()}:{request.get_full_path()}"
    hit = cache.get(key)
    if hit is not None:
        response = HttpResponse(hit[1], content_type=hit[0])
        response["X-Portal-Cache"] = "hit"
        return response
    response = render_page()
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200:
        cache.set(key, (response["Content-Type"], response.content), _seconds())
    return response


