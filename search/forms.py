from collections import defaultdict

from django import forms
from django.forms.models import ModelChoiceIterator

from sections.models import Section

from .text import MAX_QUERY_LENGTH


class SectionTreeIterator(ModelChoiceIterator):
    """The section choices as the navigation has them: top-level sections in order, and each one with
    subsections as a group (<optgroup>) holding the section itself (which searches its subsections too)
    and then its subsections, indented by depth below that. One query, as the flat list had."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        sections = list(self.queryset)
        children = defaultdict(list)
        for section in sections:
            children[section.parent_id].append(section)
        shown = set()

        def below(section, depth):
            for child in children[section.pk]:
                if child.pk not in shown:  # a loop of parents in bad data must not recurse forever
                    shown.add(child.pk)
                    yield self.choice(child, "\u3000" * (depth - 1) + child.name)
                    yield from below(child, depth + 1)

        for top in children[None]:
            shown.add(top.pk)
            subsections = list(below(top, 1))
            if subsections:
                yield (top.name, [self.choice(top, f"{top.name}(含下级栏目)"), *subsections])
            else:
                yield self.choice(top)
        # Sections no top-level section leads to (only possible with a loop of parents) stay choosable.
        for section in sections:
            if section.pk not in shown:
                yield self.choice(section)

    def choice(self, obj, label=None):
        value, default_label = super().choice(obj)
        return (value, label or default_label)


class SectionChoiceField(forms.ModelChoiceField):
    iterator = SectionTreeIterator


class SearchForm(forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"搜索词最多 {MAX_QUERY_LENGTH} 个字,请缩短后再试。"},
        widget=forms.SearchInput(attrs={"placeholder": "输入标题或正文中的词,如:台企"}),
    )
    section = SectionChoiceField(
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
