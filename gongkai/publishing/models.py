"""The disclosure portal as Wagtail pages, the catalogue entries, the review tasks, and the
records derived from publication (条例第二十六条 timeliness, channel pushes, search index).

Tree: Root › PlatformHome (the site root, "/") › PortalHome (one per agency, "/<slug>/") ›
columns › entries. Every entry carries its agency (denormalised from its portal) so tenant
queries and the unique 索引号 constraint never walk the tree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Task, TaskState

from gongkai.agencies.models import Agency, Role
from gongkai.core.append_only import AppendOnlyModel
from gongkai.publishing.rules import metadata as md
from gongkai.publishing.rules import search as search_rules
from gongkai.publishing.rules.index_no import DEFAULT_PATTERN, PatternError, check_pattern

# Wagtail's rich-text whitelist for bodies: no raw HTML, no embeds (anything else is stripped on save).
BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link"]
PORTAL_DEPTH = 3  # Root (1) › PlatformHome (2) › PortalHome (3)


def portal_path(page: Page) -> str:
    return page.path[: Page.steplen * PORTAL_DEPTH]


def agency_id_of_page(page: Page) -> int | None:
    """The agency whose portal contains ``page`` (None outside every portal)."""
    if getattr(page, "depth", 0) < PORTAL_DEPTH or not page.path:
        return None
    return PortalHome.objects.filter(path=portal_path(page)).values_list("agency_id", flat=True).first()


class PlatformHome(Page):
    """The platform's site root: the list of agencies' portals."""

    intro = RichTextField("简介", blank=True, features=BODY_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publishing.PortalHome"]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "publishing/public/platform_home.html"

    class Meta:
        verbose_name = "平台首页"

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context(request, *args, **kwargs)
        ctx["portals"] = PortalHome.objects.live().child_of(self).select_related("agency").order_by("title")
        return ctx


class PortalHome(Page):
    """An agency's portal home (its site root on the platform)."""

    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="portal")
    intro = RichTextField("首页简介", blank=True, features=BODY_FEATURES)
    index_no_pattern = models.CharField(
        "索引号格式", max_length=80, default=DEFAULT_PATTERN,
        help_text="可用 {credit_code} 统一社会信用代码、{org_code} 组织机构代码、{year} 年份、{month} 月份、{seq:05d} 流水号；含年份时流水号每年重新起算。",
    )

    parent_page_types = ["publishing.PlatformHome"]
    subpage_types = ["publishing.ColumnPage", "publishing.GuidePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("index_no_pattern")]
    template = "publishing/public/portal_home.html"

    class Meta:
        verbose_name = "门户首页"

    def clean(self) -> None:
        super().clean()
        try:
            check_pattern(self.index_no_pattern)
        except PatternError as exc:
            raise ValidationError({"index_no_pattern": str(exc)}) from None

    def serve(self, request: Any, *args: Any, portal_route: str = "", **kwargs: Any) -> Any:
        from gongkai.publishing.cache import serve_cached
        from gongkai.publishing.views import public

        if portal_route:
            return public.portal_route(self, request, portal_route)
        return serve_cached(self, request, lambda: super(PortalHome, self).serve(request, *args, **kwargs))

    def route(self, request: Any, path_components: list[str]) -> Any:
        from wagtail.url_routing import RouteResult

        from gongkai.publishing.views import public

        if len(path_components) == 1 and path_components[0] in public.PORTAL_ROUTES and self.live:
            return RouteResult(self, kwargs={"portal_route": path_components[0]})
        return super().route(request, path_components)

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.publishing import services

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(services.home_context(self))
        return ctx


class ColumnKind(models.TextChoices):
    DISCLOSURE = "disclosure", "政府信息公开"
    SYSTEM = "system", "政府信息公开制度"
    STATUTORY = "statutory", "法定主动公开内容"
    CATEGORY = "category", "法定主动公开内容分类"
    REPORTS = "reports", "政府信息公开年报"
    APPLY = "apply", "依申请公开"
    NEWS = "news", "工作动态"
    NOTICES = "notices", "通知公告"
    OTHER = "other", "其他栏目"


class ColumnPage(Page):
    """A column (栏目): lists its entries newest first and its sub-columns."""

    kind = models.CharField("栏目类型", max_length=16, choices=ColumnKind.choices, default=ColumnKind.OTHER)
    article20_item = models.CharField("条例第二十条对应项", max_length=12, blank=True, help_text="如“（一）”")
    intro = RichTextField("栏目说明", blank=True, features=BODY_FEATURES)

    parent_page_types = ["publishing.PortalHome", "publishing.ColumnPage"]
    subpage_types = ["publishing.ColumnPage", "publishing.CatalogEntry", "publishing.GuidePage"]
    content_panels = [*Page.content_panels, FieldRowPanel([FieldPanel("kind"), FieldPanel("article20_item")]), FieldPanel("intro")]
    template = "publishing/public/column.html"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def serve(self, request: Any, *args: Any, portal_route: str = "", **kwargs: Any) -> Any:
        from gongkai.publishing.cache import serve_cached
        from gongkai.publishing.views import public

        if portal_route == "rss":
            return public.column_rss(self, request)
        return serve_cached(self, request, lambda: super(ColumnPage, self).serve(request, *args, **kwargs))

    def route(self, request: Any, path_components: list[str]) -> Any:
        from wagtail.url_routing import RouteResult

        if path_components == ["rss"] and self.live:
            return RouteResult(self, kwargs={"portal_route": "rss"})
        return super().route(request, path_components)

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.publishing import services

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(services.column_context(self, request))
        return ctx


class GuidePage(Page):
    """政府信息公开指南 (条例第十二条): the office's contacts come from the agency record, so
    they are always current; the rest is editable text."""

    body = RichTextField("指南正文", features=BODY_FEATURES, help_text="分类与编排体系、获取方式、依申请公开程序等。机构名称、地址、办公时间、电话、传真、电子邮箱由机关信息自动生成。")

    parent_page_types = ["publishing.PortalHome", "publishing.ColumnPage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("body")]
    template = "publishing/public/guide.html"

    class Meta:
        verbose_name = "政府信息公开指南"

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from gongkai.publishing.cache import serve_cached

        return serve_cached(self, request, lambda: super(GuidePage, self).serve(request, *args, **kwargs))

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.publishing import services

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(services.page_chrome(self))
        return ctx


class TopicCategory(models.Model):
    """主题分类: a configurable vocabulary (catalog-metadata.md §4, no authoritative list)."""

    name = models.CharField("名称", max_length=60, unique=True, help_text="两级分类用反斜杠分隔，如“综合政务\\政务公开”")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CatalogEntry(Page):
    """A 政府信息公开目录 entry with the metadata box portals show (catalog-metadata.md §2)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="catalog_entries", editable=False)
    index_no = models.CharField("索引号", max_length=64, blank=True, editable=False)
    publisher = models.CharField("发布机构", max_length=100, blank=True, help_text="全称，不用简称；联合发文填主办机关。留空则为本机关。")
    written_on = models.DateField("成文日期")
    formed_on = models.DateField("形成或变更日期", help_text="条例第二十六条：自形成或者变更之日起20个工作日内公开。文件变更后重新发布时改为变更日期。")
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    doc_no = models.CharField("文号", max_length=60, blank=True, help_text="如“张民宗发〔2024〕3号”，年份用六角括号〔〕")
    topic = models.ForeignKey(TopicCategory, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT)
    genre = models.CharField("体裁/文种", max_length=12, choices=[(g, g) for g in md.GENRES], default="其他")
    document_kind = models.CharField(
        "规章/规范性文件", max_length=12, choices=md.DOCUMENT_KINDS, blank=True,
        help_text="属于规章或行政规范性文件的选此项（计入年度报告表二）",
    )
    validity = models.CharField("有效性", max_length=4, choices=[(v, v) for v in md.VALIDITY], default=md.VALID)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    keywords = models.CharField("主题词", max_length=100, blank=True)
    summary = models.CharField("内容概述", max_length=md.SUMMARY_MAX, help_text=f"不超过{md.SUMMARY_MAX}字，不要只重复标题")
    body = RichTextField("正文", features=BODY_FEATURES, blank=True)
    interprets = models.ForeignKey(
        "self", verbose_name="所解读的文件", null=True, blank=True, on_delete=models.SET_NULL, related_name="interpretations",
        help_text="体裁为“解读”时选择被解读的文件；该文件页面会自动链接到本解读。",
    )

    parent_page_types = ["publishing.ColumnPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("formed_on")]),
                FieldRowPanel([FieldPanel("doc_no"), FieldPanel("publisher")]),
                FieldRowPanel([FieldPanel("genre"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("document_kind"), FieldPanel("validity"), FieldPanel("repealed_on")]),
                FieldPanel("keywords"),
                FieldPanel("summary"),
                FieldPanel("interprets"),
            ],
            heading="目录信息",
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]
    template = "publishing/public/entry.html"

    class Meta:
        verbose_name = "信息公开目录条目"
        verbose_name_plural = "信息公开目录条目"
        constraints = [
            models.UniqueConstraint(fields=["agency", "index_no"], condition=~models.Q(index_no=""), name="entry_unique_index_no"),
        ]
        indexes = [models.Index(fields=["agency", "published_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.doc_no:
            self.doc_no = md.normalise_doc_no(self.doc_no)
            if problem := md.doc_no_problem(self.doc_no):
                errors["doc_no"] = problem
        if problem := md.summary_problem(self.summary or "", self.title or ""):
            errors["summary"] = problem
        if problem := md.validity_problem(self.validity, self.repealed_on, self.written_on):
            errors["repealed_on" if "日期" in problem else "validity"] = problem
        if self.formed_on and self.written_on and self.formed_on < self.written_on:
            errors["formed_on"] = "形成或变更日期不能早于成文日期"
        if self.interprets_id is not None:
            if self.genre != md.INTERPRETATION:
                errors["interprets"] = "只有体裁为“解读”的条目才能关联被解读的文件"
            elif self.interprets_id == self.pk:
                errors["interprets"] = "不能解读自身"
            else:
                target = CatalogEntry.objects.filter(pk=self.interprets_id).values_list("path", flat=True).first()
                if target is None or (self.path and target[: Page.steplen * PORTAL_DEPTH] != portal_path(self)):
                    errors["interprets"] = "只能解读本机关门户中的文件"
        if self.document_kind and self.genre in md.OTHER_GENRES:
            errors["document_kind"] = f"体裁为“{self.genre}”的条目不能登记为规章或规范性文件"
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # The agency is fixed by the portal the entry sits in (set before validation so the
        # unique 索引号 constraint can be checked).
        if self.agency_id is None and self.path:
            self.agency_id = agency_id_of_page(self)
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.path:
            self.agency_id = agency_id_of_page(self)
        super().save(*args, **kwargs)

    def with_content_json(self, content: dict[str, Any]) -> CatalogEntry:
        """Fields assigned at publication stay as the database has them, whatever revision
        is restored or published (a 索引号 is never changed or reused)."""
        obj = super().with_content_json(content)
        obj.agency_id = self.agency_id
        obj.index_no = self.index_no
        obj.published_on = self.published_on
        return obj

    @property
    def publisher_name(self) -> str:
        return self.publisher or (self.agency.name if self.agency_id else "")

    def search_text(self) -> str:
        """Everything a reader may search for: title, metadata, summary, body, attachment names.
        The publisher is indexed only when it is not the portal's own agency (on the portal of
        the 民族宗教事务委员会, 宗教 would otherwise match every entry)."""
        from django.utils.html import strip_tags

        parts = [self.title, self.index_no, self.doc_no, self.publisher, self.topic.name if self.topic_id else "",
                 self.genre, self.get_document_kind_display() if self.document_kind else "", self.validity,
                 self.keywords, self.summary, strip_tags(self.body or "")]
        parts += [a.title for a in self.attachments.all()]
        return "\n".join(p for p in parts if p)

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from gongkai.publishing.cache import serve_cached

        return serve_cached(self, request, lambda: super(CatalogEntry, self).serve(request, *args, **kwargs))

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.publishing import services

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(services.entry_context(self))
        return ctx


def attachment_path(instance: EntryAttachment, filename: str) -> str:
    return f"publishing/{dt.date.today():%Y/%m}/{filename}"


class EntryAttachment(Orderable):
    """An attachment (文件下载) of an entry. Every file passes ``gongkai.core.uploads.check_upload``."""

    page = ParentalKey(CatalogEntry, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    size = models.PositiveBigIntegerField("大小", default=0, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def clean(self) -> None:
        from gongkai.core.errors import OperationError
        from gongkai.core.uploads import check_upload

        f = self.file
        if f and not getattr(f, "_committed", True):
            try:
                checked = check_upload(f.file, f.name)
            except OperationError as exc:
                raise ValidationError({"file": exc.message}) from None
            self.size, self.sha256 = checked.size, checked.sha256


# -- review workflow ----------------------------------------------------------------------


class ReviewTask(Task):
    """A review step done by the holders of one role in the page's agency.

    Nobody may decide on a submission they made, or on a revision they wrote themselves
    (checked in ``user_can_review``, which ``on_action`` calls again before anything
    changes, so a crafted request is refused like a hidden button)."""

    role = models.CharField("审核岗位", max_length=24, choices=Role.choices)
    due_workdays = models.PositiveSmallIntegerField("办理时限（工作日）", default=3)
    requires_attestation = models.BooleanField("须签署保密审查意见", default=False)

    admin_form_fields = [*Task.admin_form_fields, "role", "due_workdays", "requires_attestation"]
    task_state_class: Any = None  # set below (ReviewTaskState)

    class Meta:
        verbose_name = "岗位审核步骤"
        verbose_name_plural = "岗位审核步骤"

    @classmethod
    def get_description(cls) -> str:
        return "由页面所属机关中担任指定岗位的人员审核；提交人不能审核自己提交的内容"

    # permission logic ----------------------------------------------------------------
    def _agency_id(self, obj: Any) -> int | None:
        return agency_id_of_page(obj) if isinstance(obj, Page) else None

    def holds_role(self, obj: Any, user: Any) -> bool:
        from gongkai.agencies.auth import roles_in

        agency_id = self._agency_id(obj)
        return agency_id is not None and self.role in roles_in(user, agency_id)

    def user_can_review(self, obj: Any, user: Any, task_state: TaskState | None = None) -> bool:
        if not self.holds_role(obj, user):
            return False
        state = task_state or self._current_state(obj)
        if state is None:
            return False
        ws = state.workflow_state
        if ws.requested_by_id == user.pk:
            return False
        return not (state.revision and state.revision.user_id == user.pk)

    def _current_state(self, obj: Any) -> TaskState | None:
        ws = getattr(obj, "current_workflow_state", None)
        if ws is None or ws.current_task_state is None or ws.current_task_state.task_id != self.pk:
            return None
        return ws.current_task_state

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self.holds_role(obj, user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self.holds_role(obj, user)

    def user_can_lock(self, obj: Any, user: Any) -> bool:
        return self.holds_role(obj, user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not self.user_can_review(obj, user):
            return []
        approve = "签署保密审查意见并通过" if self.requires_attestation else "审核通过"
        return [("reject", "退回修改", True), ("approve", approve, True)]

    def get_form_for_action(self, action: str) -> Any:
        from gongkai.publishing import forms

        if action == "approve" and self.requires_attestation:
            return forms.AttestationForm
        if action == "reject":
            return forms.RejectForm
        return forms.ApproveForm

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        from gongkai.publishing import workflow

        return workflow.review_action(self, task_state, user, action_name, **kwargs)

    def start(self, workflow_state: Any, user: Any = None) -> TaskState:
        from gongkai.publishing import workflow

        return workflow.start_review_step(self, workflow_state, user)

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        from gongkai.publishing import workflow

        return workflow.reviewable_states(self, user)


class ReviewTaskState(TaskState):
    """A step's state: its due date and, for 保密审查, the reviewer's attestation."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("办理期限", null=True, blank=True)
    attested = models.BooleanField("已签署保密审查意见", default=False)
    attestation = models.TextField("保密审查意见", blank=True)

    class Meta:
        verbose_name = "审核步骤状态"

    def get_comment(self) -> str:
        if self.attested:
            return f"【保密审查】{self.attestation}" + (f"；{self.comment}" if self.comment else "")
        return self.comment


ReviewTask.task_state_class = ReviewTaskState


class ReviewNotice(models.Model):
    """A reviewer's decision sent to everyone before them in the workflow (submitter and
    earlier reviewers), with the comment. Shown on their dashboard; e-mailed when they have
    an address."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_notices")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField("结果", max_length=16)
    step = models.CharField("步骤", max_length=255)
    reviewer_label = models.CharField("审核人", max_length=150)
    comment = models.TextField("意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.step}：{self.decision}"


# -- records derived from publication ----------------------------------------------------


class PublicationRecord(AppendOnlyModel):
    """One publication of an entry (first, or after a change), with its 条例第二十六条 check."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    entry_id = models.BigIntegerField("条目", db_index=True)  # a plain id: the record outlives a deleted page
    title = models.CharField("标题", max_length=255)
    index_no = models.CharField("索引号", max_length=64)
    column_title = models.CharField("栏目", max_length=255)
    first = models.BooleanField("首次发布")
    formed_on = models.DateField("形成或变更日期")
    published_on = models.DateField("发布日期")
    workdays_taken = models.PositiveIntegerField("用时（工作日）")
    late = models.BooleanField("超过时限")
    revision_id = models.BigIntegerField(null=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["agency", "published_on"])]


class ChannelPush(models.Model):
    """The same entry published on another channel (微信公众号, 政务微博 …), logged by hand."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(CatalogEntry, null=True, on_delete=models.SET_NULL, related_name="channel_pushes")
    entry_title = models.CharField("标题", max_length=255)
    channel = models.CharField("渠道", max_length=24)
    pushed_on = models.DateField("推送日期")
    url = models.URLField("链接", blank=True, max_length=500)
    note = models.CharField("备注", max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pushed_on", "-id"]
        indexes = [models.Index(fields=["agency", "channel", "pushed_on"])]

    def __str__(self) -> str:
        return f"{self.pushed_on} {self.channel} {self.entry_title}"


# -- search index ------------------------------------------------------------------------


class BigramsField(models.Field):
    """The bigram terms of a document, stored for the database's own full-text machinery:
    PostgreSQL: ``integer[]`` of bigram codes under a GIN index; SQLite: the token document
    (bigrams separated by spaces) read by an FTS5 table kept in step by triggers."""

    description = "bigram terms"

    def db_type(self, connection: Any) -> str:
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            value = value.split()
        if connection.vendor == "postgresql":
            return search_rules.codes(list(value))
        return " ".join(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value


class SearchDoc(models.Model):
    """One live entry as the search sees it: filters denormalised, normalised text, terms."""

    entry = models.OneToOneField(CatalogEntry, primary_key=True, on_delete=models.CASCADE, related_name="search_doc")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    column_path = models.CharField(max_length=255, default="")  # the entry's column's tree path: filter by any ancestor column
    year = models.PositiveSmallIntegerField()
    published_on = models.DateField()
    topic_id = models.BigIntegerField(null=True)
    genre = models.CharField(max_length=12)
    validity = models.CharField(max_length=4)
    text = models.TextField()
    bigrams = BigramsField()

    class Meta:
        indexes = [
            models.Index(fields=["agency", "-published_on", "-entry"], name="searchdoc_agency_date"),
            models.Index(fields=["column_path", "-published_on", "-entry"], name="searchdoc_column_date"),
        ]

    def __str__(self) -> str:
        return f"search document of entry {self.entry_id}"

    @cached_property
    def tokens(self) -> list[str]:
        return search_rules.token_document(self.text)
