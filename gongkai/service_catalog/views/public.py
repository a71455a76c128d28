"""Public 政务服务 pages: the 办事指南 of each published item, the result lookup and the 公示.

The lookup needs the 办件编号 *and* the applicant's exact name: a wrong name finds nothing,
with the same message as a wrong number, and failed lookups are throttled per IP like the
依申请公开 query (gongkai/foi/views/public.py).
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.service_catalog import forms as f
from gongkai.service_catalog import operations as ops
from gongkai.service_catalog import services
from gongkai.service_catalog.models import Case, Publication, ServiceItem, item_types
from gongkai.service_catalog.rules.cases import CaseEventKind, Decision, decision_label
from gongkai.service_catalog.rules.items import LICENSING
from gongkai.service_catalog.rules.publicity import holder_name

LOOKUP_LIMIT = 20  # failed lookups per IP per hour
PER_PAGE = 30


def index(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    return render(request, "service_catalog/public/index.html", {"agencies": agencies})


def agency_home(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    items = list(ServiceItem.objects.filter(agency=agency, publication=Publication.PUBLISHED).select_related("department").order_by("code"))
    groups = [(t.label, [i for i in items if i.type_code == t.code]) for t in item_types()]
    return render(request, "service_catalog/public/agency.html", {
        "agency": agency, "groups": [(label, rows) for label, rows in groups if rows], "count": len(items),
        "counts": [(label, len(rows)) for label, rows in groups if rows],
    })


def guide(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    item = get_object_or_404(ServiceItem.objects.select_related("department"), agency=agency, code=code.upper(), publication=Publication.PUBLISHED)
    return render(request, "service_catalog/public/guide.html", {"agency": agency, "item": item})


def _client_key(request: HttpRequest) -> str:
    return f"service-lookup-fail:{request.META.get('REMOTE_ADDR', '')}"


_PUBLIC_STEPS = {
    CaseEventKind.REGISTERED: "收到申请",
    CaseEventKind.ACCEPTED: "受理",
    CaseEventKind.NOT_ACCEPTED: "不予受理",
    CaseEventKind.SUSPENDED: "进入特别程序（所需时间不计入办理时限）",
    CaseEventKind.RESUMED: "特别程序结束",
    CaseEventKind.APPROVED: "审批",
    CaseEventKind.DENIED: "审批",
    CaseEventKind.CONCLUDED: "办结",
}


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    form = f.LookupForm(request.POST or None)
    case = None
    if request.method == "POST":
        key = _client_key(request)
        if cache.get(key, 0) >= LOOKUP_LIMIT:
            form.add_error("number", "查询失败次数过多，请一小时后再试")
        elif form.is_valid():
            case = ops.find_case(form.cleaned_data["number"], form.cleaned_data["name"])
            if case is None:
                cache.set(key, cache.get(key, 0) + 1, 3600)
                form.add_error("number", "没有找到与该办件编号和申请人对应的办件，请核对后重新输入")
    context = {"form": form, "case": case}
    if case is not None:
        steps = [{"on": e.on, "label": _PUBLIC_STEPS[CaseEventKind(e.kind)]} for e in case.events.order_by("seq") if CaseEventKind(e.kind) in _PUBLIC_STEPS]
        decision = Decision(case.decision) if case.decision else None
        context.update(agency=case.agency, steps=steps, status=services.status_of(case),
                       decision=decision_label(decision, case.item_type == LICENSING) if decision else "",
                       reason=next((e.data.get("reason", "") for e in case.events.filter(kind__in=["denied", "not_accepted"])), ""))
    return render(request, "service_catalog/public/lookup.html", context, status=400 if form.errors else 200)


def publicity_list(request: HttpRequest, slug: str) -> HttpResponse:
    """公示: approved decisions of the published types (行政许可法第四十条)."""
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    qs = (Case.objects.filter(agency=agency, item_type__in=services.published_types(), decision=Decision.APPROVED, concluded_on__isnull=False)
          .select_related("item").order_by("-concluded_on", "-pk"))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("p"))
    rows = [{"case": c, "holder": holder_name(c.applicant_name, c.is_person)} for c in page.object_list]
    return render(request, "service_catalog/public/publicity.html", {"agency": agency, "rows": rows, "page": page})


urlpatterns = [
    path("", index, name="service_public_index"),
    path("query/", lookup, name="service_public_lookup"),
    path("<slug:slug>/", agency_home, name="service_public_agency"),
    path("<slug:slug>/items/<str:code>/", guide, name="service_public_guide"),
    path("<slug:slug>/gongshi/", publicity_list, name="service_public_publicity"),
]
