"""Public pages: a guide only for published items; the lookup needs number and exact name and
throttles failures; the 公示 shows approved licences only (行政许可法第四十条), people masked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.service_catalog import operations as ops
from gongkai.service_catalog.rules.publicity import holder_name, lookup_name_matches
from gongkai.service_catalog.views.public import LOOKUP_LIMIT
from tests.service_catalog.helpers import licence_case
from tests.web_helpers import client_for, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
D = dt.date
TODAY = D(2026, 5, 11)


@pytest.fixture(autouse=True)
def _setup(case_today):
    case_today(TODAY)
    cache.clear()


def test_the_guide_shows_a_published_item_and_hides_drafts_and_withdrawn_ones(world, make_item):
    live = make_item(name="大型宗教活动审批")
    draft = make_item(name="草稿事项甲乙", publish=False)
    c = client_for()
    r = c.get(reverse("service_public_guide", kwargs={"slug": "mzw", "code": live.code}))
    assert r.status_code == 200 and "《宗教事务条例》第二十三条" in text_of(r) and "场所负责人身份证明" in text_of(r)
    assert c.get(reverse("service_public_guide", kwargs={"slug": "mzw", "code": draft.code})).status_code == 404
    assert "草稿事项甲乙" not in text_of(c.get(reverse("service_public_agency", kwargs={"slug": "mzw"})))
    ops.withdraw_item(world.head_a, live)
    assert c.get(reverse("service_public_guide", kwargs={"slug": "mzw", "code": live.code})).status_code == 404


def test_the_lookup_needs_the_number_and_the_exact_name(world, make_item):
    case = licence_case(world.clerk_a, make_item(), on=D(2026, 5, 6), decision="denied", name="张掖市大佛寺")
    c = client_for()
    url = reverse("service_public_lookup")
    ok = c.post(url, {"number": case.number.lower(), "name": " 张掖市 大佛寺 "})
    assert ok.status_code == 200 and "不予许可" in text_of(ok) and "场所选址不符合" in text_of(ok) and "行政复议" in text_of(ok)
    for number, name in ((case.number, "张掖市大佛"), (case.number + "9", "张掖市大佛寺"), ("", "张掖市大佛寺"), (case.number, "")):
        r = c.post(url, {"number": number, "name": name})
        assert r.status_code == 400 and "大佛寺" not in text_of(r).replace(name, "")


def test_failed_lookups_are_throttled_per_address(world, make_item):
    case = licence_case(world.clerk_a, make_item(), on=D(2026, 5, 6), decision="approved")
    c = client_for()
    url = reverse("service_public_lookup")
    for _ in range(LOOKUP_LIMIT):
        assert "没有找到" in text_of(c.post(url, {"number": case.number, "name": "猜一个名字"}))
    blocked = c.post(url, {"number": case.number, "name": "张掖市大佛寺"})
    assert "查询失败次数过多" in text_of(blocked) and "张民宗许" not in text_of(blocked)
    other = client_for(REMOTE_ADDR="10.0.0.9")
    assert "准予许可" in text_of(other.post(url, {"number": case.number, "name": "张掖市大佛寺"}))


def test_the_publicity_list_shows_approved_licences_only_with_people_masked(world, make_item):
    licence = make_item()
    filing = make_item(type_code="QR", name="宗教教职人员备案")
    licence_case(world.clerk_a, licence, on=D(2026, 5, 6), decision="approved", name="张掖市大佛寺")
    licence_case(world.clerk_a, licence, on=D(2026, 5, 6), decision="denied", name="被拒绝的寺庙")
    licence_case(world.clerk_a, filing, on=D(2026, 5, 6), decision="approved", name="备案的教职人员")
    person = ops.register_case(world.clerk_a, licence, ops.ApplicantData("person", "马晓东"), submitted_on=D(2026, 5, 7))
    ops.accept(world.clerk_a, person, on=D(2026, 5, 7))
    ops.approve(world.clerk_a, person, on=D(2026, 5, 8))
    ops.conclude(world.clerk_a, person, on=D(2026, 5, 8), result_no="张民宗许〔2026〕9号")
    open_case = ops.register_case(world.clerk_a, licence, ops.ApplicantData("organisation", "尚在办理的寺"), submitted_on=D(2026, 5, 8))
    text = text_of(client_for().get(reverse("service_public_publicity", kwargs={"slug": "mzw"})))
    assert "张掖市大佛寺" in text and "马**" in text and "张民宗许〔2026〕9号" in text
    for hidden in ("被拒绝的寺庙", "备案的教职人员", "马晓东", open_case.applicant_name):
        assert hidden not in text


@pytest.mark.parametrize(("name", "person", "shown"), [("马晓东", True, "马**"), ("李", True, "*"), ("张掖市大佛寺", False, "张掖市大佛寺")])
def test_holder_names_in_the_publicity(name, person, shown):
    assert holder_name(name, person) == shown


@pytest.mark.parametrize(("given", "recorded", "match"), [("张掖市大佛寺", "张掖市大佛寺", True), ("张掖市\u3000大佛寺", "张掖市大佛寺", True),
                                                          ("张掖市大佛", "张掖市大佛寺", False), ("", "", False)])
def test_lookup_name_matching(given, recorded, match):
    assert lookup_name_matches(given, recorded) is match
