"""Forms of the 权责清单 pages. They parse input; the rules live in operations and rules."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.powers import services


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           error_messages={"invalid": f"{label}不是有效日期", "required": f"请填写{label}"})


class AdjustmentForm(forms.Form):
    effective_on = _date("生效日期")
    reason = forms.CharField(label="调整说明", widget=forms.Textarea(attrs={"rows": 2}), help_text="新增、调整或取消的理由和依据")
    document = forms.CharField(label="调整依据（文件及文号）", max_length=200, required=False)


class PowerForm(AdjustmentForm):
    name = forms.CharField(label="职权名称", max_length=200)
    category = forms.ChoiceField(label="职权类型")
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.CharField(label="承办科室", max_length=100, required=False)
    review_transfer = forms.BooleanField(label="审核转报", required=False)
    duties = forms.CharField(label="责任事项（每行一项，“阶段：内容”）", widget=forms.Textarea(attrs={"rows": 6}), required=False,
                             help_text="如：受理责任：公示应当提交的材料，一次性告知补正材料")
    accountability = forms.CharField(label="追责情形", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    field_order = ["name", "category", "legal_basis", "department", "review_transfer", "duties", "accountability", "effective_on", "reason", "document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c, c) for c in services.categories()]


class NewPowerForm(PowerForm):
    code = forms.CharField(label="职权编码", max_length=40)

    field_order = ["code", *PowerForm.field_order]


class AsOfForm(forms.Form):
    date = _date("查看日期", required=False)
