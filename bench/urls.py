"""The platform's URLs plus two hand-written baselines measured in the same run."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from gongkai.urls import urlpatterns as gongkai_urls


def bare(request: HttpRequest) -> HttpResponse:
    """A bare Django view: the ceiling of the stack (middleware, routing, response)."""
    return HttpResponse("ok")


def list20(request: HttpRequest) -> HttpResponse:
    """A hand-written 20-row list: one SQL query, string-built HTML. The workbench's baseline."""
    agency_id = int(request.GET.get("agency", "1"))
    with connection.cursor() as cur:
        cur.execute(
            "SELECT a.number, p.name, a.content, a.received_on, a.concluded_on, a.outcome "
            "FROM foi_application a JOIN foi_applicant p ON p.id = a.applicant_id "
            "WHERE a.agency_id = %s ORDER BY a.received_on DESC, a.id DESC LIMIT 20",
            [agency_id],
        )
        rows = cur.fetchall()
    body = "".join(
        f"<tr><td>{escape(n)}</td><td>{escape(name)}</td><td>{escape(c[:40])}</td><td>{r}</td><td>{d or ''}</td><td>{o}</td></tr>"
        for n, name, c, r, d, o in rows
    )
    return HttpResponse(f"<!doctype html><title>list</title><table>{body}</table>")


urlpatterns = [path("bench/bare/", bare), path("bench/list20/", list20), *gongkai_urls]
