"""Forms of the review actions (the modal Wagtail shows) and of the back-office tools."""

from __future__ import annotations

import datetime as dt

from django import forms


class ApproveForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea({"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(label="退回意见（将发送给提交人和此前各步审核人）", widget=forms.Textarea({"rows": 3}))


class AttestationForm(forms.Form):
    # 条例第十七条: review before disclosure under the secrecy laws.
    attested = forms.BooleanField(label="经保密审查，本信息不涉及国家秘密、工作秘密，可以公开", required=True)
    attestation = forms.CharField(label="保密审查意见", widget=forms.Textarea({"rows": 3}), max_length=1000)
    comment = forms.CharField(label="其他意见", required=False, widget=forms.Textarea({"rows": 2}))


class PushForm(forms.Form):
    channel = forms.ChoiceField(label="渠道")
    pushed_on = forms.DateField(label="推送日期", widget=forms.DateInput(attrs={"type": "date"}), initial=dt.date.today)
    url = forms.URLField(label="链接", required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label="备注", required=False, max_length=200)

    def __init__(self, *args, channels: list[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = channels
