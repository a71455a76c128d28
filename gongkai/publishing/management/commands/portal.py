"""``gongkai portal``: open an agency's portal, rebuild the search index, show figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.core.errors import OperationError
from gongkai.publishing import operations, services
from gongkai.publishing.models import CatalogEntry


class Command(BaseCommand):
    help = "主动公开门户：开通门户（create）、重建检索索引（reindex）、渠道统计（channels）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("create", help="为机关开通门户")
        c.add_argument("slug")
        sub.add_parser("reindex", help="重建全部已发布条目的检索索引")
        ch = sub.add_parser("channels", help="某年各渠道发布数量")
        ch.add_argument("slug")
        ch.add_argument("year", type=int)

    def handle(self, *args: object, **opts: object) -> None:
        action = opts["action"]
        if action == "reindex":
            n = 0
            for entry in CatalogEntry.objects.live().select_related("topic", "agency").iterator():
                operations.index_entry(entry)
                n += 1
            self.stdout.write(f"已重建{n}条信息的检索索引。")
            return
        agency = Agency.objects.filter(slug=opts["slug"]).first()
        if agency is None:
            raise CommandError(f"没有网址标识为“{opts['slug']}”的机关")
        if action == "create":
            try:
                home = operations.create_portal(None, agency)
            except OperationError as exc:
                raise CommandError(exc.message) from None
            self.stdout.write(f"已开通“{agency.name}”门户：/{home.slug}/")
        else:
            for label, n in services.channel_counts([agency.pk], int(opts["year"])).items():  # type: ignore[arg-type]
                self.stdout.write(f"{label}\t{n}")
