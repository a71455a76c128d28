from __future__ import annotations

from django import forms


class NoticeForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2060, error_messages={"required": "请填写年份"})
    source = forms.CharField(
        label="通知名称及文号", max_length=200, required=False,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
    )
    text = forms.CharField(
        label="通知正文", widget=forms.Textarea(attrs={"rows": 10}),
        help_text="粘贴通知中从“一、元旦：……”到最后一条的全部条目，系统会逐条识别放假日期和调休上班日期",
        error_messages={"required": "请粘贴通知正文"},
    )


class DayForm(forms.Form):
    day = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"required": "请填写日期", "invalid": "日期格式不正确"})
    kind = forms.ChoiceField(
        label="设为", required=False,
        choices=[("holiday", "放假"), ("workday", "调休上班"), ("", "恢复按星期计算（周一至周五上班）")],
    )
    name = forms.CharField(label="节日名称", max_length=40, required=False)
