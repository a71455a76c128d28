"""Forms of the annual report back office. They only parse input; the operations decide."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.annual_report.models import DOCUMENT_KIND_CHOICES


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


def text_field(label: str, *, rows: int = 2, required: bool = True, max_length: int = 2000, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"请填写{label}", "max_length": f"{label}不能超过{max_length}字"},
    )


class FigureForm(forms.Form):
    """A typed figure: its path is chosen from the format's cells (``path_choices``)."""

    path = forms.ChoiceField(label="数据项", error_messages={"invalid_choice": "请选择本年度报告格式中的数据项", "required": "请选择数据项"})
    value = forms.CharField(label="数值", max_length=40, error_messages={"required": "请填写数值"})
    note = text_field("来源说明", help_text="写明数据从哪里来，如：根据行政处罚案件台账统计", max_length=500)

    def __init__(self, *args: Any, path_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["path"].choices = path_choices


class ClearFigureForm(forms.Form):
    path = forms.CharField(max_length=80, widget=forms.HiddenInput)
    note = forms.CharField(label="撤销原因", max_length=500, error_messages={"required": "请写明撤销原因"})


class SectionForm(forms.Form):
    text = forms.CharField(label="正文", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 14}),
                           error_messages={"max_length": "正文不能超过20000字"})


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=DOCUMENT_KIND_CHOICES, error_messages={"invalid_choice": "请选择文件类别"})
    title = forms.CharField(label="标题", max_length=300, error_messages={"required": "请填写文件标题"})
    doc_number = forms.CharField(label="文号", max_length=80, required=False)
    written_on = date_field("成文日期")
    published_on = date_field("公开日期", required=False)
    repealed_on = date_field("废止日期", required=False, help_text="仍然有效的留空")


class RepealForm(forms.Form):
    on = date_field("废止日期")


class FinaliseForm(forms.Form):
    revision_note = text_field("修订说明", required=False, rows=3, max_length=1000,
                               help_text="报告发布后再次定稿时必填：写明修订了哪些内容、为什么修订，将随修订版一并公开")


class PublishForm(forms.Form):
    on = date_field("发布日期", help_text="在政府信息公开年报栏目公开之日；默认为今天")


class ReturnForm(forms.Form):
    reason = text_field("理由", rows=3, max_length=1000)
