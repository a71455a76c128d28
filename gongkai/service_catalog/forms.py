"""Forms of the 政务服务 back office and public pages. They parse input; rules live in
operations and rules. Labels and messages in Chinese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai.service_catalog.models import ApplicantType, item_type_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text,
                           error_messages={"invalid": f"{label}不是有效日期", "required": f"请填写{label}"})


def workdays_field(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=365, help_text=help_text,
                              error_messages={"invalid": f"{label}应为整数", "required": f"请填写{label}",
                                              "min_value": f"{label}不能为负数", "max_value": f"{label}不能超过365个工作日"})


class ItemForm(forms.Form):
    code = forms.CharField(label="事项编码", max_length=40, help_text="如 62070000MZ-XK-0001（办理主体编码-事项类型代码-序号）")
    name = forms.CharField(label="事项名称", max_length=200)
    type_code = forms.ChoiceField(label="事项类型", choices=item_type_choices)
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}), help_text="法律、法规、规章或规范性文件的名称和条款")
    conditions = forms.CharField(label="受理条件", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    procedure = forms.CharField(label="办理流程", max_length=500, initial="受理 → 审批 → 办结", required=False)
    materials = forms.CharField(label="申请材料（每行一项）", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    legal_workdays = workdays_field("法定时限（工作日）", "法律法规规定的办理期限；行政许可一般为20个工作日（行政许可法第四十二条）")
    promised_workdays = workdays_field("承诺时限（工作日）", "不得长于法定时限；即办件为0")
    instant = forms.BooleanField(label="即办件（当场办结）", required=False)
    fee = forms.CharField(label="收费标准", max_length=200, initial="不收费")
    department = forms.TypedChoiceField(label="办理科室", coerce=int, required=False, empty_value=None)
    place = forms.CharField(label="办理地点", max_length=200, required=False)
    phone = forms.CharField(label="咨询电话", max_length=40, required=False)

    def __init__(self, *args: Any, departments: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "—"), *departments]


class CaseRegisterForm(forms.Form):
    item = forms.TypedChoiceField(label="事项", coerce=int, error_messages={"invalid_choice": "请选择已发布的事项", "required": "请选择事项"})
    submitted_on = date_field("申请日期", help_text="收到申请材料的日期")
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号或统一社会信用代码", max_length=40, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    subject = forms.CharField(label="申请事由", max_length=300, required=False)

    def __init__(self, *args: Any, items: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "请选择……"), *items]


class ActionForm(forms.Form):
    on = date_field("日期")

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["on"].initial = today


class ReasonForm(ActionForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SuspendForm(ActionForm):
    reason = forms.CharField(label="特别程序（听证、检验、检测、鉴定、专家评审等）", max_length=200, required=False)


class ApproveForm(ActionForm):
    opinion = forms.CharField(label="审批意见", max_length=300, required=False)


class ConcludeForm(ActionForm):
    result_no = forms.CharField(label="证件编号或批准文号", max_length=80, required=False, help_text="准予许可的必填（行政许可法第三十九条）")
    note = forms.CharField(label="送达方式等说明", max_length=200, required=False)


class InstantForm(ActionForm):
    result_no = forms.CharField(label="证件编号或批准文号", max_length=80, required=False, help_text="准予许可的必填")


class NoteForm(forms.Form):
    text = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class LookupForm(forms.Form):
    number = forms.CharField(label="办件编号", max_length=40, error_messages={"required": "请填写办件编号"})
    name = forms.CharField(label="申请人姓名或名称", max_length=100, error_messages={"required": "请填写申请人姓名或名称"})
