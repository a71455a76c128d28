"""The only code that changes the portal: each operation checks the actor, runs in a
transaction and writes the audit log (Wagtail's log entries record the page events too)."""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from gongkai.agencies.auth import require_role, roles_in
from gongkai.agencies.models import Agency, Membership
from gongkai.core import audit
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.sequences import next_value
from gongkai.publishing import auth, channels, clock
from gongkai.publishing.cache import bump_generation, portal_slug_of
from gongkai.publishing.models import (
    PORTAL_DEPTH,
    CatalogEntry,
    ChannelPush,
    ColumnKind,
    ColumnPage,
    GuidePage,
    PlatformHome,
    PortalHome,
    PublicationRecord,
    ReviewTask,
    SearchDoc,
    TopicCategory,
    agency_id_of_page,
    portal_path,
)
from gongkai.publishing.rules import metadata as md
from gongkai.publishing.rules import search as search_rules
from gongkai.publishing.rules.index_no import IndexContext, format_index_no, sequence_scope
from gongkai.publishing.rules.timeliness import timeliness

# The user whose approval completes a review (the publication's actor; page_published has no user).
_publisher: ContextVar[Any] = ContextVar("publisher", default=None)
# The publication date of an imported historical entry (import_published); None = today.
_published_on: ContextVar[dt.date | None] = ContextVar("published_on", default=None)

RESERVED_SLUGS = {"admin", "documents", "yisqgk", "static", "media", "gongkai", "zwfw", "bench", "search"}

# 法定主动公开内容: one category per item of 条例第二十条 (and 政策解读, which portals show beside them).
CATEGORIES = (
    ("jgzn", "机构职能", "（二）"),
    ("gfxwj", "规章和行政规范性文件", "（一）"),
    ("zcjd", "政策解读", ""),
    ("ghxx", "规划信息", "（三）"),
    ("tjxx", "统计信息", "（四）"),
    ("xzxk", "行政许可和其他对外管理服务事项", "（五）"),
    ("xzcf", "行政处罚和行政强制", "（六）"),
    ("czyjs", "财政预算决算", "（七）"),
    ("xzsf", "行政事业性收费", "（八）"),
    ("zfcg", "政府集中采购", "（九）"),
    ("zdxm", "重大建设项目", "（十）"),
    ("msbz", "扶贫、教育、医疗、社会保障和就业", "（十一）"),
    ("tfsj", "突发公共事件应对", "（十二）"),
    ("jdjc", "监督检查", "（十三）"),
    ("gwylu", "公务员招考录用", "（十四）"),
    ("qtxx", "其他法定公开信息", "（十五）"),
)

GUIDE_TEXT = (
    "<h2>一、主动公开</h2>"
    "<p>（一）公开内容。本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条的规定主动公开政府信息，"
    "主要包括机构职能、规章和行政规范性文件、政策解读、规划信息、财政预算决算、行政许可和其他对外管理服务事项等，"
    "具体见本网站“法定主动公开内容”栏目。</p>"
    "<p>（二）分类与编排。政府信息按主题分类和体裁（文种）编排，每条信息标注索引号、发布机构、成文日期、发布日期、文号、主题分类和有效性。</p>"
    "<p>（三）公开形式和时限。主动公开的政府信息通过本网站发布，并可通过政务新媒体等渠道同步发布；"
    "属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。</p>"
    "<h2>二、依申请公开</h2>"
    "<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请可以通过本网站“依申请公开”栏目在线提交，"
    "也可以当面、邮寄或传真提交。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复。</p>"
    "<h2>三、监督和救济</h2>"
    "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，"
    "也可以依法申请行政复议或者提起行政诉讼。</p>"
)


def _bump_cache(page: Page) -> None:
    """Published pages changed: every cached page of that portal (and the platform home) is stale."""
    bump_generation(portal_slug_of(page) if page.depth >= PORTAL_DEPTH else "")
    bump_generation("")


def _require_operator(actor: Any, agency: Agency | None, doing: str) -> None:
    """Portal set-up is done by the platform (actor None, a superuser) or the agency's 公开办管理员."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if agency is None:
        raise NotAllowed(f"只有平台管理员可以{doing}")
    require_role(actor, agency, auth.PORTAL_ADMIN_ROLES, doing)


# -- platform and portals ---------------------------------------------------------------


def ensure_platform(actor: Any = None) -> PlatformHome:
    """The platform home as the default site's root (replacing Wagtail's welcome page)."""
    _require_operator(actor, None, "设置平台首页")
    existing = PlatformHome.objects.first()
    if existing is not None:
        return existing
    with transaction.atomic():
        root = Page.get_first_root_node() or _make_root()
        home = PlatformHome(title="政府信息公开平台", slug="home-platform", intro="<p>各机关政府信息公开门户。</p>")
        root.add_child(instance=home)
        home.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="政府信息公开平台")
        else:
            old = site.root_page
            site.root_page, site.site_name = home, site.site_name or "政府信息公开平台"
            site.save()
            if old.depth == 2 and type(old.specific) is Page and not old.get_children().exists():
                old.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
        audit.record(actor, "publishing.platform.created", obj=home, summary="建立平台首页")
    return home


def _make_root() -> Page:
    """Wagtail's root node, as its first migration makes it (a database emptied by TRUNCATE
    — a test flush on PostgreSQL — has none)."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))


def ensure_workflow(actor: Any = None) -> Workflow:
    _require_operator(actor, None, "设置审核流程")
    from gongkai.publishing.workflow import DEFAULT_STEPS, WORKFLOW_NAME

    wf = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if wf is not None:
        return wf
    with transaction.atomic():
        wf = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        for order, (name, role, days, attest) in enumerate(DEFAULT_STEPS):
            task = ReviewTask.objects.create(name=name, role=role, due_workdays=days, requires_attestation=attest)
            WorkflowTask.objects.create(workflow=wf, task=task, sort_order=order)
        audit.record(actor, "publishing.workflow.created", obj=wf, summary=f"建立审核流程“{WORKFLOW_NAME}”", data={"steps": [s[0] for s in DEFAULT_STEPS]})
    return wf


def ensure_topics() -> None:
    if not TopicCategory.objects.exists():
        TopicCategory.objects.bulk_create([TopicCategory(name=n, sort_order=i) for i, n in enumerate(md.DEFAULT_TOPICS)])


def editor_group_name(agency: Agency) -> str:
    return f"门户编辑·{agency.slug}"


def _add_published(parent: Page, page: Page, actor: Any) -> Page:
    """A structural page created live by the set-up operation (audited once for the portal);
    later edits get revisions and go through the review like any page."""
    from django.utils import timezone

    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return page


def create_portal(actor: Any, agency: Agency) -> PortalHome:
    """Open an agency's portal: its home, the 政府信息公开 column and its sub-columns, the
    work columns, the review workflow on the whole tree and the editors' page permissions."""
    _require_operator(actor, agency, "开通门户")
    if PortalHome.objects.filter(agency=agency).exists():
        raise OperationError(f"“{agency.name}”的门户已经开通")
    if agency.slug in RESERVED_SLUGS:
        raise OperationError(f"网址标识“{agency.slug}”为系统保留，不能用作门户地址", field="slug")
    with transaction.atomic():
        platform = ensure_platform(None)
        workflow = ensure_workflow(None)
        ensure_topics()
        home = PortalHome(title=agency.name, slug=agency.slug, agency=agency,
                          intro=f"<p>{agency.name}政府信息公开门户。</p>")
        _add_published(platform, home, actor)
        disclosure = _add_published(home, ColumnPage(title="政府信息公开", slug="zfxxgk", kind=ColumnKind.DISCLOSURE, show_in_menus=True,
                                                     intro="<p>依照《中华人民共和国政府信息公开条例》设置的政府信息公开专栏。</p>"), actor)
        _add_published(disclosure, GuidePage(title="政府信息公开指南", slug="gkzn", body=GUIDE_TEXT), actor)
        _add_published(disclosure, ColumnPage(title="政府信息公开制度", slug="gkzd", kind=ColumnKind.SYSTEM), actor)
        statutory = _add_published(disclosure, ColumnPage(title="法定主动公开内容", slug="fdzdgknr", kind=ColumnKind.STATUTORY,
                                                          intro="<p>按照《中华人民共和国政府信息公开条例》第二十条分类公开。</p>"), actor)
        for slug, title, item in CATEGORIES:
            _add_published(statutory, ColumnPage(title=title, slug=slug, kind=ColumnKind.CATEGORY, article20_item=item), actor)
        _add_published(disclosure, ColumnPage(title="政府信息公开年报", slug="gknb", kind=ColumnKind.REPORTS), actor)
        _add_published(disclosure, ColumnPage(title="依申请公开", slug="ysqgk", kind=ColumnKind.APPLY), actor)
        _add_published(home, ColumnPage(title="工作动态", slug="gzdt", kind=ColumnKind.NEWS, show_in_menus=True), actor)
        _add_published(home, ColumnPage(title="通知公告", slug="tzgg", kind=ColumnKind.NOTICES, show_in_menus=True), actor)
        WorkflowPage.objects.create(workflow=workflow, page=home)
        group, _ = Group.objects.get_or_create(name=editor_group_name(agency))
        for codename in ("add_page", "change_page"):  # never publish_page: publication only through review
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            )
        sync_editor_group(agency)
        audit.record(actor, "publishing.portal.created", obj=home, agency_id=agency.pk, summary=f"开通“{agency.name}”门户")
        _bump_cache(home)
    return home


def sync_editor_group(agency: Agency) -> None:
    """The agency's editor group holds exactly its members with an editor role."""
    group = Group.objects.filter(name=editor_group_name(agency)).first()
    if group is None:
        return
    wanted = set(Membership.objects.filter(agency=agency, role__in=auth.EDITOR_ROLES).values_list("user_id", flat=True))
    current = set(group.user_set.values_list("pk", flat=True))
    if wanted - current:
        group.user_set.add(*(wanted - current))
    if current - wanted:
        group.user_set.remove(*(current - wanted))


# -- drafting and review ----------------------------------------------------------------


@dataclass
class EntryData:
    title: str
    written_on: dt.date
    summary: str
    body: str = ""
    formed_on: dt.date | None = None
    doc_no: str = ""
    publisher: str = ""
    genre: str = "其他"
    document_kind: str = ""
    validity: str = md.VALID
    repealed_on: dt.date | None = None
    keywords: str = ""
    topic: str = ""  # a TopicCategory name
    interprets: CatalogEntry | None = None
    slug: str = ""


def _require_edit(actor: Any, page: Page, doing: str, *, add: bool = False) -> int:
    agency_id = agency_id_of_page(page)
    if agency_id is None:
        raise NotAllowed(f"不能在门户以外{doing}")
    perms = page.permissions_for_user(actor)
    if not (perms.can_add_subpage() if add else perms.can_edit()) or not auth.is_editor(actor, agency_id):
        raise NotAllowed(f"您没有在该门户{doing}的权限")
    return agency_id


def _apply(entry: CatalogEntry, data: EntryData) -> None:
    entry.title = data.title
    entry.written_on = data.written_on
    entry.formed_on = data.formed_on or data.written_on
    entry.summary = data.summary
    entry.body = data.body
    entry.doc_no = data.doc_no
    entry.publisher = data.publisher
    entry.genre = data.genre
    entry.document_kind = data.document_kind
    entry.validity = data.validity
    entry.repealed_on = data.repealed_on
    entry.keywords = data.keywords
    entry.topic = TopicCategory.objects.filter(name=data.topic).first() if data.topic else None
    entry.interprets = data.interprets


def draft_entry(actor: Any, column: ColumnPage, data: EntryData) -> CatalogEntry:
    """Create an entry as a draft in ``column`` (not live until the review publishes it)."""
    agency_id = _require_edit(actor, column, "起草信息", add=True)
    entry = CatalogEntry(live=False, owner=actor, slug=data.slug or f"d{next_value(f'publishing.slug:{agency_id}')}")
    _apply(entry, data)
    try:
        with transaction.atomic():
            column.add_child(instance=entry)
            entry.save_revision(user=actor, log_action=True)
            audit.record(actor, "publishing.entry.drafted", obj=entry, agency_id=agency_id, summary=f"起草《{entry.title}》")
    except ValidationError as exc:
        raise OperationError("；".join(f"{k}: {'、'.join(v)}" for k, v in exc.message_dict.items())) from None
    return entry


def edit_entry(actor: Any, entry: CatalogEntry, data: EntryData) -> Any:
    agency_id = _require_edit(actor, entry, "修改信息")
    entry = CatalogEntry.objects.get(pk=entry.pk)
    latest = entry.get_latest_revision_as_object()
    _apply(latest, data)
    try:
        with transaction.atomic():
            revision = latest.save_revision(user=actor, log_action=True)
            audit.record(actor, "publishing.entry.edited", obj=entry, agency_id=agency_id, summary=f"修改《{entry.title}》")
    except ValidationError as exc:
        raise OperationError("；".join(f"{k}: {'、'.join(v)}" for k, v in exc.message_dict.items())) from None
    return revision


def submit_for_review(actor: Any, page: Page) -> Any:
    """Start (or, after changes were requested, resume) the review workflow."""
    page = page.specific
    agency_id = _require_edit(actor, page, "提交审核")
    with transaction.atomic():
        ws = page.current_workflow_state
        if ws is not None and ws.status == ws.STATUS_NEEDS_CHANGES:
            if page.get_latest_revision().user_id is None:
                page.save_revision(user=actor)
            ws.resume(user=actor)
        elif ws is not None:
            raise OperationError("该信息正在审核中")
        else:
            workflow = page.get_workflow()
            if workflow is None:
                raise OperationError("该门户没有设置审核流程")
            ws = workflow.start(page, actor)
        audit.record(actor, "publishing.entry.submitted", obj=page, agency_id=agency_id, summary=f"提交审核《{page.title}》")
    return ws


def cancel_review(actor: Any, page: Page, reason: str) -> None:
    """Withdraw a page from the review (its submitter or an editor of its agency): the steps
    in progress are cancelled, nothing is published. The content stays as a draft."""
    page = page.specific
    agency_id = agency_id_of_page(page)
    if agency_id is None or not auth.is_editor(actor, agency_id):
        raise NotAllowed("只有本机关的信息编辑人员可以撤回审核")
    with transaction.atomic():
        ws = page.current_workflow_state
        if ws is None:
            raise OperationError("该信息不在审核中")
        ws.cancel(user=actor)
        audit.record(actor, "publishing.review.cancelled", obj=page, agency_id=agency_id,
                     summary=f"撤回审核《{page.title}》：{reason[:80]}", data={"workflow_state": ws.pk, "reason": reason})


def review(actor: Any, page: Page, action: str, **data: Any) -> None:
    """Approve or reject the current step of ``page`` as ``actor`` (the admin's modal does
    the same through ``ReviewTask.on_action``)."""
    page = page.specific
    ws = page.current_workflow_state
    if ws is None or ws.current_task_state is None:
        raise OperationError("该信息不在审核中")
    state = ws.current_task_state.specific
    task = state.task.specific
    try:
        task.on_action(state, actor, action, **data)
    except PermissionDenied as exc:
        raise NotAllowed(str(exc) or "您不能审核此步骤") from None


def publish_after_review(workflow_state: Any, user: Any) -> None:
    """The end of the workflow: publish the approved (latest) revision in one transaction.
    A page type of a higher app may act first or refuse (``workflow.complete``: its refusal
    undoes the approval and rejects the step with the reason)."""
    from gongkai.publishing.workflow import complete

    token = _publisher.set(user)
    try:
        with transaction.atomic():
            page = workflow_state.content_object
            complete(workflow_state, user)
            revision = page.get_latest_revision()
            revision.publish(user=user, skip_permission_checks=True)
            audit.record(user, "publishing.published", obj=page, agency_id=agency_id_of_page(page),
                         summary=f"审核完成，发布《{page.title}》", data={"revision": revision.pk, "workflow_state": workflow_state.pk})
    finally:
        _publisher.reset(token)


def import_published(column: ColumnPage, data: EntryData, published_on: dt.date) -> CatalogEntry:
    """Bring an entry already published elsewhere (a previous portal, before Gongkai) into
    the catalogue as published on ``published_on``: a platform operation for migration and
    demo data, audited as an import; staff always publish through the review."""
    agency_id = agency_id_of_page(column)
    if agency_id is None:
        raise OperationError("只能导入到门户栏目中")
    entry = CatalogEntry(live=False, slug=data.slug or f"d{next_value(f'publishing.slug:{agency_id}')}")
    _apply(entry, data)
    token = _published_on.set(published_on)
    try:
        with transaction.atomic():
            column.add_child(instance=entry)
            entry.save_revision(user=None).publish(user=None, skip_permission_checks=True)
            audit.record(None, "publishing.entry.imported", obj=entry, agency_id=agency_id,
                         summary=f"导入已发布信息《{entry.title}》（{published_on.isoformat()}发布）")
    finally:
        _published_on.reset(token)
    entry.refresh_from_db()
    return entry


# -- what publication does -----------------------------------------------------------------


def allocate_index_no(entry: CatalogEntry, on: dt.date) -> str:
    """The next 索引号 of the entry's agency. Inside the publishing transaction: the sequence
    row stays locked until commit, so concurrent publications queue and never share a
    number; a number drawn by a transaction that rolls back is skipped, never reused."""
    portal = PortalHome.objects.select_related("agency").get(path=portal_path(entry))
    ctx = IndexContext(portal.agency.credit_code, on.year, on.month)
    scope = sequence_scope(portal.index_no_pattern, portal.agency_id, on.year)
    for _ in range(1000):  # skip numbers already taken by imported legacy entries
        value = format_index_no(portal.index_no_pattern, ctx, next_value(scope))
        if not CatalogEntry.objects.filter(agency_id=portal.agency_id, index_no=value).exists():
            return value
    raise OperationError("无法分配索引号：流水号与已有索引号连续冲突")


def on_entry_published(entry: CatalogEntry, revision: Any, user: Any = None) -> None:
    """Called in the publish transaction: 索引号 and 发布日期 on first publication, the
    条例第二十六条 record, the search index."""
    user = user or _publisher.get()
    with transaction.atomic():
        row = CatalogEntry.objects.select_for_update().get(pk=entry.pk)
        today = _published_on.get() or clock.today()
        first = row.published_on is None
        if first:
            row.published_on = today
        if not row.index_no:
            row.index_no = allocate_index_no(row, row.published_on)
        try:
            CatalogEntry.objects.filter(pk=row.pk).update(index_no=row.index_no, published_on=row.published_on, agency_id=row.agency_id)
        except IntegrityError:
            raise OperationError(f"索引号“{row.index_no}”已被使用") from None
        entry.index_no, entry.published_on, entry.agency_id = row.index_no, row.published_on, row.agency_id
        previous = PublicationRecord.objects.filter(entry_id=entry.pk).order_by("-id").first()
        if first or previous is None or entry.formed_on != previous.formed_on:
            from gongkai.workdays.services import current_calendar

            t = timeliness(entry.formed_on, today, current_calendar())
            PublicationRecord.objects.create(
                agency_id=row.agency_id, entry_id=entry.pk, title=entry.title[:255], index_no=row.index_no,
                column_title=entry.get_parent().title[:255], first=first, formed_on=entry.formed_on, published_on=today,
                workdays_taken=t.workdays_taken, late=t.late, revision_id=getattr(revision, "pk", None),
                actor=user if getattr(user, "is_authenticated", False) else None,
            )
        audit.record(user, "publishing.entry.published", obj=entry, agency_id=row.agency_id,
                     summary=f"发布《{entry.title}》，索引号{row.index_no}", data={"index_no": row.index_no, "first": first})
        index_entry(entry)
        _bump_cache(entry)


def on_entry_unpublished(entry: CatalogEntry) -> None:
    SearchDoc.objects.filter(entry_id=entry.pk).delete()
    _bump_cache(entry)


def index_entry(entry: CatalogEntry) -> SearchDoc:
    """(Re)write the entry's search document from its live state."""
    text = search_rules.normalise(entry.search_text())
    doc = SearchDoc(
        entry_id=entry.pk, agency_id=entry.agency_id, column_path=entry.path[: -Page.steplen],
        year=entry.published_on.year, published_on=entry.published_on, topic_id=entry.topic_id, genre=entry.genre,
        validity=entry.validity, text=text, bigrams=search_rules.token_document(text),
    )
    doc.save()
    return doc


# -- channels ----------------------------------------------------------------------------


def record_push(actor: Any, entry: CatalogEntry, channel: str, pushed_on: dt.date, url: str = "", note: str = "") -> ChannelPush:
    """Record that a published entry went out on another channel (微信公众号 …)."""
    entry = CatalogEntry.objects.select_related("agency").get(pk=entry.pk)
    auth.require_channel_role(actor, entry.agency)
    adapters = channels.channels()
    if channel not in adapters:
        raise OperationError("未知的发布渠道", field="channel")
    if not entry.live or entry.published_on is None:
        raise OperationError("只能记录已在门户发布的信息的推送", field="channel")
    if pushed_on < entry.published_on - dt.timedelta(days=30) or pushed_on > clock.today():
        raise OperationError("推送日期应在门户发布日期前后、且不晚于今天", field="pushed_on")
    result = adapters[channel].push(entry, pushed_on=pushed_on, url=url, note=note)
    with transaction.atomic():
        push = ChannelPush.objects.create(
            agency=entry.agency, entry=entry, entry_title=entry.title[:255], channel=channel, pushed_on=result.pushed_on,
            url=result.url, note=result.note, actor=actor,
        )
        audit.record(actor, "publishing.channel.pushed", obj=push, agency_id=entry.agency_id,
                     summary=f"记录《{entry.title}》推送到{adapters[channel].label}", data={"entry": entry.pk, "channel": channel, "on": pushed_on.isoformat()})
    return push


def member_roles(user: Any, agency: Agency) -> set[str]:
    return roles_in(user, agency)
