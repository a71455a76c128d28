"""Public 权责清单: the list as of a date, and the record of adjustments."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from gongkai.agencies.models import Agency
from gongkai.powers import forms as f
from gongkai.powers import services
from gongkai.powers.models import PowerItem, PowerRevision
from gongkai.powers.rules import count_by_category


def power_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    form = f.AsOfForm(request.GET or None)
    day = services.today()
    if request.GET.get("date") and form.is_valid() and form.cleaned_data["date"]:
        day = form.cleaned_data["date"]
    rows = services.list_as_of(PowerItem.objects.filter(agency=agency), day)
    return render(request, "powers/public/list.html", {"agency": agency, "rows": rows, "day": day, "form": form,
                                                        "counts": count_by_category([r.as_rule() for r in rows], services.categories())},
                  status=400 if form.errors else 200)


def adjustments(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    revisions = PowerRevision.objects.filter(item__agency=agency).select_related("item").order_by("-effective_on", "-pk")[:500]
    return render(request, "powers/public/adjustments.html", {"agency": agency, "revisions": revisions})


urlpatterns = [
    path("<slug:slug>/qzqd/", power_list, name="powers_public_list"),
    path("<slug:slug>/qzqd/tiaozheng/", adjustments, name="powers_public_adjustments"),
]
