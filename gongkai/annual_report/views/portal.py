"""The year's report as a page of the agency's 主动公开 portal (``AnnualReportPage``).

Live, the page shows the frozen publication of the version its live revision points to
(``ReportDecision.html``, the same document as ``/gongkai/<slug>/nianbao/<year>/``) in the
portal's own layout, with the downloads and the 图解 of the public report pages. A version
that is not published is never shown to readers (404); Wagtail's preview, which reviewers
open from their task, shows the frozen 定稿 marked as not yet published.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe

from gongkai.annual_report import publication
from gongkai.annual_report.models import AnnualReportPage, DecisionKind
from gongkai.annual_report.render import common
from gongkai.annual_report.views.public import DOWNLOAD_LABELS, DOWNLOADS, split_document


def report_page_context(page: AnnualReportPage, request: HttpRequest) -> dict[str, Any]:
    from gongkai.publishing import services  # the portal's header, navigation and breadcrumbs

    version = page.report_version
    decision = publication.decision_of(version)
    published = decision is not None and decision.kind == DecisionKind.PUBLISHED
    preview = bool(getattr(request, "is_preview", False))
    if not published and not preview:
        raise Http404("该年度报告尚未发布")
    agency, year = page.agency, page.year
    shown = decision.report if published and decision else version.report
    style, body = split_document(decision.html if published and decision else version.html)
    versions = publication.published(agency, year)
    slug = agency.slug
    ctx = services.page_chrome(page)
    ctx.update(
        {
            "report_title": common.title(shown),
            "version": version,
            "decision": decision if published else None,
            "preview_only": not published,
            "first_on": versions[-1].on if versions else None,
            "revised": len(versions) > 1,
            "versions": [
                {
                    "on": d.on,
                    "note": d.version.revision_note,
                    "url": reverse("annual_report_public_version", args=[slug, year, d.version.number]),
                    "current": d.version_id == version.pk,
                }
                for d in versions
            ],
            "downloads": [
                (
                    label,
                    reverse("annual_report_public_version_download", args=[slug, year, version.number, k]),
                )
                for k in DOWNLOADS
                for label in [DOWNLOAD_LABELS[k]]
            ]
            if published
            else [],
            "illustrated_url": reverse("annual_report_public_illustrated", args=[slug, year])
            if published
            else "",
            "all_reports_url": reverse("annual_report_public_index", args=[slug]),
            "column": page.get_parent(),
            "report_style": mark_safe(style),  # noqa: S308 (written by our renderer, all text escaped there)
            "report_body": mark_safe(body),  # noqa: S308 (the frozen document, escaped when rendered)
        }
    )
    return ctx
