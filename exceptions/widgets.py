from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .filter_options import typed_text


class LongSelect(forms.Select):
    """A select for thousands of plain (value, label) choices, written out directly.

    Django renders every <option> through a template, some 40 µs apiece: the
    admin's case filters offer every policy and every recorder, and rendering
    them took longer than the rest of the page. This writes the same markup (no option
    groups, one selected value) in a single pass, escaping with the standard
    library's html.escape, which is what Django's escape calls underneath.
    """

    def render(self, name, value, attrs=None, renderer=None):
        context = forms.Widget.get_context(self, name, value, attrs)["widget"]
        selected = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(choice))}"'
            f"{' selected' if str(choice) in selected else ''}>{escape(str(label))}</option>"
            for choice, label in self.choices
        )
        return mark_safe(  # noqa: S308 - every value and label is escaped above
            f'<select name="{escape(name)}"{flatatt(context["attrs"])}>{options}</select>'
        )


class RecordPicker(forms.Widget):
    """A text box to find one record among thousands by name, and the id it picks.

    The page holds the picked record only, never the whole list: a text box shows
    its name, and a select holding just that record (and "any") carries its id
    under the filter's own parameter, so links with `?policy=<id>` keep working.
    record-picker.js hides the select and turns the text box into a combobox that
    asks `options_url` for the records matching what is typed.

    Without JavaScript the text box is sent as `<name>_search`; the next page
    lists the records matching it (at most a few) in the select, to pick from
    and filter again.
    """

    search_suffix = "_search"

    def __init__(self, *, options_url, find, empty_label, choose_label, matches_label, attrs=None):
        super().__init__(attrs)
        self.options_url = options_url
        self.find = find
        self.empty_label = empty_label
        self.choose_label = choose_label
        self.matches_label = matches_label
        self.picked: tuple[int, str] | None = None
        self.typed = ""

    def value_from_datadict(self, data, files, name):
        self.typed = typed_text(data.get(name + self.search_suffix, ""))
        return super().value_from_datadict(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.pop("id", name)
        picked = self.picked if self.picked and str(self.picked[0]) == str(value) else None
        options = [("", self.empty_label), *([picked] if picked else [])]
        if self.typed and (picked is None or self.typed != picked[1]):
            options += [match for match in self.find(query=self.typed) if match != picked]
        return format_html(
            '<div class="record-picker" data-record-picker data-options-url="{url}"'
            ' data-matches-label="{matches_label}" data-found-text="{found_text}"'
            ' data-no-match-text="{no_match_text}">'
            '<input type="search" name="{search_name}" value="{text}" autocomplete="off"'
            ' spellcheck="false"{attrs}>'
            '<select name="{name}" id="{field_id}_choice" aria-label="{choose_label}">'
            '{options}</select><noscript><p class="field__help">{hint}</p></noscript>'
            '<span class="visually-hidden" role="status" data-record-picker-status></span></div>',
            url=str(self.options_url),
            search_name=name + self.search_suffix,
            text=self.typed or (picked[1] if picked else ""),
            attrs=flatatt({"id": field_id, **attrs}),
            name=name,
            field_id=field_id,
            choose_label=self.choose_label,
            matches_label=self.matches_label,
            options=format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (pk, mark_safe(" selected") if (pk, label) == picked else "", label)
                    for pk, label in options
                ),
            ),
            found_text=_("Matches: %(count)s. Use the arrow keys to choose one."),
            no_match_text=_("No match."),
            hint=_("Type part of the name, press Filter, then choose from the list."),
        )
