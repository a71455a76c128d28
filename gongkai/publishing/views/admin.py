"""Back office: 公开时效 (条例第二十六条), 渠道推送, and the reviewer's notices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.core.errors import OperationError
from gongkai.publishing import auth, channels, clock, forms, operations, services
from gongkai.publishing.models import CatalogEntry, ChannelPush, ReviewNotice


def _year(request: HttpRequest) -> int | None:
    y = request.GET.get("year") or ""
    return int(y) if y.isdigit() and 1990 <= int(y) <= 2100 else None


def timeliness(request: HttpRequest) -> HttpResponse:
    agency_ids = auth.readable_agency_ids(request.user)
    if not agency_ids:
        raise Http404
    year = _year(request)
    return render(request, "publishing/admin/timeliness.html", {
        "by_year": services.timeliness_by_year(agency_ids),
        "late": services.late_records(agency_ids, year)[:500],
        "year": year,
    })


def pushes(request: HttpRequest) -> HttpResponse:
    agency_ids = auth.readable_agency_ids(request.user)
    if not agency_ids:
        raise Http404
    year = _year(request) or clock.today().year
    labels = {c: a.label for c, a in channels.channels().items()}
    rows = ChannelPush.objects.filter(agency_id__in=agency_ids, pushed_on__year=year).select_related("entry")[:300]
    return render(request, "publishing/admin/pushes.html", {
        "year": year, "counts": services.channel_counts(agency_ids, year), "columns": services.column_counts(agency_ids, year),
        "rows": [(r, labels.get(r.channel, r.channel)) for r in rows],
    })


def push_form(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = CatalogEntry.objects.filter(pk=entry_id, agency_id__in=auth.readable_agency_ids(request.user)).first()
    if entry is None:
        raise Http404
    choices = [(c, a.label) for c, a in channels.channels().items()]
    form = forms.PushForm(request.POST or None, channels=choices)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            operations.record_push(request.user, entry, d["channel"], d["pushed_on"], d["url"], d["note"])
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已记录《{entry.title}》的推送")
            return redirect("publishing_pushes")
    return render(request, "publishing/admin/push_form.html", {"entry": entry, "form": form,
                                                                "history": entry.channel_pushes.all()})


def notices(request: HttpRequest) -> HttpResponse:
    qs = ReviewNotice.objects.filter(recipient=request.user).select_related("page")[:200]
    rows = list(qs)
    ReviewNotice.objects.filter(recipient=request.user, read_at=None).update(read_at=timezone.now())
    return render(request, "publishing/admin/notices.html", {"notices": rows})


def dashboard_context(user: Any) -> dict[str, Any]:
    from wagtail.models import TaskState

    from gongkai.publishing.models import ReviewTaskState

    unread = ReviewNotice.objects.filter(recipient=user, read_at=None).select_related("page")[:10]
    mine = [s for s in ReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, agency_id__in=list(auth.roles_by_agency_ids(user)))
            .select_related("task", "workflow_state").order_by("due_on")[:200] if s.task.specific.user_can_review(s.workflow_state.content_object.specific, user, s)]
    return {"unread": unread, "due": mine[:10], "today": clock.today()}
