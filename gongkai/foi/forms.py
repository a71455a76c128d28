"""Forms of the back office and the public pages. Labels and messages in Chinese.

Forms only parse and validate input shape; the rules live in operations and rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code, normalise_resident_id
from gongkai.foi.models import APPLICANT_KIND_CHOICES, CHANNEL_CHOICES, IdType
from gongkai.foi.rules.events import ConsultationParty
from gongkai.foi.rules.fees import FeeMethod
from gongkai.foi.rules.outcomes import FAMILY_LABELS, OUTCOMES, Family

FORM_REQUIREMENTS = [("纸质", "纸质"), ("电子数据", "电子数据")]
DELIVERIES = [("邮寄", "邮寄"), ("电子邮件", "电子邮件"), ("当面领取", "当面领取"), ("在线查看", "在线查看")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": f"{label}不是有效日期", "required": f"请填写{label}"},
    )


def _outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[Family, list[tuple[str, str]]] = {}
    for o in OUTCOMES:
        if o.key in ("other.no_correction", "other.no_fee"):
            continue  # reached through their own steps
        groups.setdefault(o.family, []).append((o.key, o.reason or o.short))
    return [(FAMILY_LABELS[f], items) for f, items in groups.items()]


class ApplicantForm(forms.Form):
    """条例第二十九条第二款第一项: 申请人的姓名或者名称、身份证明、联系方式."""

    kind = forms.ChoiceField(label="申请人类型", choices=APPLICANT_KIND_CHOICES, initial="natural_person")
    name = forms.CharField(label="姓名或名称", max_length=100)
    id_type = forms.ChoiceField(
        label="证件类型",
        choices=[(IdType.RESIDENT_ID, "居民身份证"), (IdType.CREDIT_CODE, "统一社会信用代码"), (IdType.OTHER, "其他证件")],
    )
    id_number = forms.CharField(label="证件号码", max_length=40)
    contact_person = forms.CharField(label="联系人（法人或其他组织填写）", max_length=50, required=False)
    phone = forms.RegexField(
        label="联系电话", regex=r"^[0-9+\-\s()]{7,20}$", max_length=20,
        error_messages={"invalid": "联系电话只能包含数字、空格、+、-和括号，7到20位"},
    )
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确"})
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字"}
    )

    def clean(self) -> dict[str, Any]:
        # Checked here too (operations check again), so that a wrong check digit is named
        # together with every other mistake instead of after they are fixed.
        data = super().clean()
        number, id_type = data.get("id_number"), data.get("id_type")
        check = {IdType.RESIDENT_ID: normalise_resident_id, IdType.CREDIT_CODE: normalise_credit_code}.get(id_type)
        if number and check is not None:
            try:
                check(number)
            except InvalidIdentifier as exc:
                self.add_error("id_number", str(exc))
        return data


class RequestForm(forms.Form):
    content = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        min_length=4,
        error_messages={"min_length": "描述过短：请写明所需信息的名称、文号或特征性描述（条例第二十九条）", "required": "请填写所需政府信息的描述"},
    )
    form_requirement = forms.ChoiceField(label="获取信息的方式", choices=FORM_REQUIREMENTS)
    delivery = forms.ChoiceField(label="获取信息的途径", choices=DELIVERIES)


class RegisterForm(ApplicantForm, RequestForm):
    channel = forms.ChoiceField(label="申请方式", choices=CHANNEL_CHOICES, initial="in_person")
    submitted_on = date_field("提交日期", required=False, help_text="当面提交的，提交之日即收到日期")
    signed_on = date_field("签收日期", required=False, help_text="邮寄需签收的，以签收之日为收到日期")
    confirmed_on = date_field(
        "确认收到日期", required=False, help_text="平常信函、网络、传真、电子邮件：以双方确认之日为收到日期（条例第三十一条）"
    )
    pieces = forms.IntegerField(label="计费件数", min_value=1, max_value=500, initial=1, help_text="按“一事一申请”拆分后的件数")
    attachment = forms.FileField(label="申请材料（可选）", required=False)

    field_order = ["channel", "submitted_on", "signed_on", "confirmed_on", "kind", "name", "id_type", "id_number",
                   "contact_person", "phone", "email", "address", "postcode", "content", "form_requirement", "delivery", "pieces", "attachment"]


class PublicApplicationForm(ApplicantForm, RequestForm):
    attachment = forms.FileField(label="身份证明或其他材料（可选）", required=False)
    agree = forms.BooleanField(label="我确认以上信息真实，并知悉申请信息将用于办理本申请", error_messages={"required": "请勾选确认"})


class ActionForm(forms.Form):
    on = date_field("日期")

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if today is not None and "on" in self.fields:
            self.fields["on"].initial = today


class ConfirmReceiptForm(ActionForm):
    pass


class CorrectionRequestForm(ActionForm):
    items = forms.CharField(label="需要补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 3}))
    period_workdays = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, initial=15)


class CorrectionReceivedForm(ActionForm):
    note = forms.CharField(label="补正内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationStartForm(ActionForm):
    party = forms.ChoiceField(label="征求对象", choices=[(p.value, p.label) for p in ConsultationParty])
    name = forms.CharField(label="第三方或机关名称", max_length=100)


class ConsultationEndForm(ActionForm):
    ref = forms.CharField(widget=forms.HiddenInput)
    result = forms.CharField(label="意见", max_length=200, required=False, help_text="如：不同意公开、同意公开、逾期未答复")


class ExtensionForm(ActionForm):
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(ActionForm):
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod])
    units = forms.IntegerField(label="页数（按量计收时填写）", min_value=1, required=False)


class FeePaidForm(ActionForm):
    receipt_no = forms.CharField(label="财政票据号", max_length=50, required=False)


class ReplyForm(ActionForm):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "请选择……"), *_outcome_choices()])
    summary = forms.CharField(
        label="事实和理由", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="不予公开、部分公开的须说明理由（条例第三十六条第三项、第三十七条），写入答复书",
    )
    access = forms.CharField(label="获取信息的方式和途径", required=False, max_length=300,
                             help_text="予以公开的：如何、何时、在哪里获取；已主动公开的：公开的位置")
    proactively_disclosed = forms.BooleanField(label="该信息已主动公开（条例第三十六条第一项）", required=False)
    disclosed_part = forms.CharField(label="予以公开的内容（部分公开时填写）", required=False, max_length=500)
    withheld_part = forms.CharField(label="不予公开的内容（部分公开时填写）", required=False, max_length=500)
    referral = forms.CharField(label="负责公开的机关及联系方式（不属于本机关负责公开时填写）", required=False, max_length=300)


class DeliveryForm(ActionForm):
    method = forms.ChoiceField(label="送达方式", choices=[*DELIVERIES, ("直接送达", "直接送达")])


class WithdrawForm(ActionForm):
    reason = forms.CharField(label="撤回说明", max_length=200, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class DeadlineCalculatorForm(forms.Form):
    received = date_field("收到申请日期")
    corrected = date_field("收到补正日期", required=False)
    pause_start = date_field("征求意见发函日期", required=False)
    pause_end = date_field("征求意见结束日期", required=False)
    extended = forms.BooleanField(label="经批准延期", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        s, e = data.get("pause_start"), data.get("pause_end")
        if bool(s) != bool(e):
            raise forms.ValidationError("征求意见的发函日期和结束日期须同时填写")
        if s and e and e < s:
            self.add_error("pause_end", "结束日期不能早于发函日期")
        if data.get("corrected") and data.get("received") and data["corrected"] < data["received"]:
            self.add_error("corrected", "补正日期不能早于收到日期")
        return data


class FeeCalculatorForm(forms.Form):
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod])
    first_ordinal = forms.IntegerField(label="本件是该申请人本月第几件（按件）", min_value=1, initial=1, required=False)
    units = forms.IntegerField(label="件数或页数", min_value=1, max_value=100000, initial=1)


class QueryForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20, help_text="提交申请时页面显示的12位查询码，如 ABCD-EFGH-JKLM")


class PublicCorrectionForm(forms.Form):
    text = forms.CharField(label="补正内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    attachment = forms.FileField(label="补正材料（可选）", required=False)


class CalendarNoticeForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2060)
    source = forms.CharField(label="通知名称及文号", max_length=200, required=False,
                             help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）")
    text = forms.CharField(label="通知正文", widget=forms.Textarea(attrs={"rows": 12}),
                           help_text="粘贴通知中“一、元旦：……”至最后一条的全部条目")


class CalendarDayForm(forms.Form):
    day = date_field("日期")
    kind = forms.ChoiceField(label="类型", choices=[("holiday", "放假"), ("workday", "调休上班"), ("", "恢复按星期计算")], required=False)
    name = forms.CharField(label="节日名称", max_length=40, required=False)
