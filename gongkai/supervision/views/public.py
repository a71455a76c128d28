"""Public 双随机抽查结果公示 (一公开)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from gongkai.agencies.models import Agency
from gongkai.supervision.models import Inspection
from gongkai.supervision.rules import Result


def results(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    qs = Inspection.objects.filter(agency=agency, published_on__isnull=False).select_related("entity", "plan").order_by("-inspected_on", "-pk")
    page = Paginator(qs, 30).get_page(request.GET.get("p"))
    rows = [{"i": i, "result": Result.LABELS.get(i.result, "")} for i in page.object_list]
    return render(request, "supervision/public/results.html", {"agency": agency, "rows": rows, "page": page})


urlpatterns = [path("<slug:slug>/jianguan/", results, name="supervision_public_results")]
