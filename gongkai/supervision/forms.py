"""Forms of the 互联网+监管 pages. They parse input; the rules live in operations and rules."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.supervision import services
from gongkai.supervision.rules import Result


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), error_messages={"invalid": f"{label}不是有效日期", "required": f"请填写{label}"})


def grade_choices() -> list[tuple[str, str]]:
    return [(g.code, f"{g.code} {g.label}（每次抽查{g.share_percent}%）") for g in services.grades()]


class EntityForm(forms.Form):
    name = forms.CharField(label="名称", max_length=200)
    kind = forms.CharField(label="类别", max_length=50, initial="宗教活动场所")
    registration_no = forms.CharField(label="登记编号", max_length=60, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    grade = forms.ChoiceField(label="信用等级", choices=grade_choices)


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label="新的信用等级", choices=grade_choices)
    reason = forms.CharField(label="评定依据", max_length=300)


class ConflictForm(forms.Form):
    inspector = forms.TypedChoiceField(label="检查人员", coerce=int, error_messages={"invalid_choice": "请选择本机关的检查人员"})
    reason = forms.CharField(label="回避事由", max_length=200)

    def __init__(self, *args: Any, inspectors: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = [("", "请选择……"), *inspectors]


class InspectorForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    cert_no = forms.CharField(label="执法证号", max_length=40)


class PlanForm(forms.Form):
    title = forms.CharField(label="计划名称", max_length=200)
    matter = forms.CharField(label="抽查事项", max_length=200, initial="宗教活动场所规范管理情况")
    starts_on = _date("检查开始日期")
    ends_on = _date("检查结束日期")
    per_entity = forms.IntegerField(label="每个对象的检查人员数", min_value=1, max_value=5, initial=2,
                                    error_messages={"min_value": "至少1人", "max_value": "最多5人", "invalid": "请填写整数"})


class ResultForm(forms.Form):
    on = _date("检查日期")
    result = forms.ChoiceField(label="检查结果", choices=[("", "请选择……"), *Result.LABELS.items()])
    findings = forms.CharField(label="发现的问题及处理", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PublishForm(forms.Form):
    on = _date("公示日期")
