from django import forms

from sections.models import Section

from .text import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"搜索词最多 {MAX_QUERY_LENGTH} 个字,请缩短后再试。"},
        widget=forms.SearchInput(attrs={"placeholder": "输入标题或正文中的词,如:台企"}),
    )
    section = forms.ModelChoiceField(
        label="栏目",
        queryset=Section.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label="全部栏目",
        error_messages={"invalid_choice": "没有这个栏目。"},
    )
    start = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "请按 年-月-日 填写日期,如 2015-12-18。"})
    end = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": "请按 年-月-日 填写日期,如 2015-12-18。"})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "截止日期不能早于起始日期。")
        return cleaned
