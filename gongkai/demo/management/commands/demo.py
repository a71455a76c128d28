"""``gongkai demo``: load the demo agencies, people and records (idempotent)."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from gongkai.agencies import operations as agency_ops
from gongkai.agencies.models import Agency, AgencyKind, Role
from gongkai.demo import foi_scenarios, publishing_scenarios, report_scenarios, service_scenarios
from gongkai.foi import services

DEMO_PASSWORD = "gongkai-demo-2026"
AGENCY_CODE = "11620700MB1234567D"

PEOPLE = [
    # username, name, role
    ("keyuan", "王晓明（科员）", Role.CLERK),
    ("gongkaiban", "李静（公开办管理员）", Role.OFFICE_ADMIN),
    ("fenguan", "赵建国（分管领导）", Role.DEPUTY_LEADER),
    ("zhuyao", "钱志强（主要领导）", Role.PRINCIPAL_LEADER),
    ("baomi", "孙丽（保密审查员）", Role.SECRECY_REVIEWER),
    ("keshi", "马勇（宗教工作科科长）", Role.SECTION_HEAD),
]


class Command(BaseCommand):
    help = "载入演示数据：张掖市民族宗教事务委员会等机关、人员和2024—2026年的依申请公开记录"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="不打印演示账号")

    def handle(self, *args: object, **opts: object) -> None:
        if Agency.objects.filter(credit_code=AGENCY_CODE).exists():
            self.stdout.write("演示数据已存在，未重复载入。")
        else:
            with transaction.atomic():
                self._load()
        if not opts["quiet_logins"]:
            self._print_logins()

    def _load(self) -> None:
        rng = random.Random(20250120)  # the seed report's date: reproducible demo data
        province = agency_ops.add_region(None, code="620000", name="甘肃省")
        city = agency_ops.add_region(None, code="620700", name="张掖市", parent=province)
        district = agency_ops.add_region(None, code="620702", name="甘州区", parent=city)
        mzw = agency_ops.add_agency(
            None, code=AGENCY_CODE, name="张掖市民族宗教事务委员会", kind=AgencyKind.DEPARTMENT, region=city, slug="mzw",
            office_name="办公室", address="张掖市甘州区县府街1号", postcode="734000", phone="0936-8210000",
            email="mzw@example.gov.cn", office_hours="工作日 8:30—12:00，14:30—18:00", doc_prefix="张民宗",
        )
        depts = {n: agency_ops.add_department(None, mzw, n) for n in ("办公室", "民族工作科", "宗教工作科", "政策法规科")}
        users = {}
        for username, name, role in PEOPLE:
            dept = depts["宗教工作科"] if role == Role.SECTION_HEAD else depts["办公室"]
            users[username] = agency_ops.add_member(None, mzw, username=username, role=role, full_name=name, password=DEMO_PASSWORD, department=dept).user
        tjj = agency_ops.add_agency(None, code="11620700MB2345678Y", name="张掖市统计局", region=city, slug="tjj")
        tongji = agency_ops.add_member(None, tjj, username="tongji", role=Role.CLERK, full_name="周敏（统计局科员）", password=DEMO_PASSWORD).user
        agency_ops.add_agency(None, code="11620702MB3456789D", name="张掖市甘州区人民政府", kind=AgencyKind.GOVERNMENT, region=district, slug="gzq")
        agency_ops.add_supervisor(None, city, username="dudao", full_name="吴涛（市政务公开办）", password=DEMO_PASSWORD)
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            user_model.objects.create_superuser("admin", password=DEMO_PASSWORD, first_name="平台管理员")

        today = services.today()
        ctx = foi_scenarios.Ctx(users["keyuan"], users["gongkaiban"], mzw, rng)
        made = foi_scenarios.run(ctx, today)
        other = foi_scenarios.build_neighbour(tongji, tjj, rng, today)
        self.stdout.write(f"已载入演示数据：{mzw.name} {made['applications']} 件申请，{tjj.name} {other} 件申请。")
        for line in service_scenarios.run(users["keyuan"], users["gongkaiban"], mzw, rng, today):
            self.stdout.write(f"政务服务：{line}")
        publishing_scenarios.open_portal(mzw)  # before the reports: they are published through its review
        for line in report_scenarios.run(users, mzw, today):
            self.stdout.write(f"政府信息公开年报：{line}")
        pub = publishing_scenarios.run(mzw, users, rng, today)
        self.stdout.write(f"主动公开：门户已发布{pub['published']}条，微信公众号推送{pub['wechat']}条，审核中{pub['in_review']}条（门户：http://127.0.0.1:8000/{mzw.slug}/）")

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        rows = [(u, n) for u, n, _ in PEOPLE] + [("tongji", "周敏（张掖市统计局科员）"), ("dudao", "吴涛（张掖市政务公开办，督查全市）"), ("admin", "平台管理员")]
        for username, name in rows:
            self.stdout.write(f"  {username:<12}{name}")
        self.stdout.write("后台：http://127.0.0.1:8000/admin/   在线申请：http://127.0.0.1:8000/yisqgk/")
