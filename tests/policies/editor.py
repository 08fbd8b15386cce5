"""The policy editor's form exactly as a browser submits it, every field as the page renders it."""

from bs4 import BeautifulSoup
from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.services import approve_policy_revision

RICH_TEXT_FIELDS = ("rule", "rationale", "how_to_explain")


def edit_url(policy):
    return reverse("wagtailadmin_pages:edit", args=[policy.pk])


def create_url(area):
    return reverse("wagtailadmin_pages:add", args=["policies", "policypage", area.pk])


def rendered_editor_form(client, policy) -> QueryDict:
    """The edit page's form as the browser would send it untouched: no button pressed,
    as "Save draft" sends it."""
    return rendered_form(client, edit_url(policy))


def rendered_form(client, url) -> QueryDict:
    """The page editor's form at `url` (edit or create) as the browser would send it untouched.

    Fields inside the empty-form templates (`__prefix__`) are not sent by a browser,
    and a browser sends a textarea's lines with CR LF line breaks and without the
    line break that follows the opening tag. A ticked checkbox without a value
    is sent as "on".
    """
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name in [name for name in data if "__prefix__" in name]:
        del data[name]
    form = BeautifulSoup(html, "html.parser").select_one("form#page-edit-form")
    assert form is not None
    for textarea in form.select("textarea[name]"):
        name = str(textarea["name"])
        if name in data:
            data[name] = data[name].removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
    for box in form.select("input[type=checkbox][checked][name]:not([value])"):
        if str(box["name"]) in data:
            data[str(box["name"])] = "on"
    return data


def policy_form_data(client, policy, *, action=None, **changes) -> QueryDict:
    """The rendered editor form of `policy` with `changes` typed in; `action` names the button.

    A rich text change is given as HTML and typed in as the editor's own format.
    Path fields are named as the form names them, e.g. `exception_paths-0-limit_amount`.
    """
    data = rendered_editor_form(client, policy)
    for name, value in changes.items():
        if name in RICH_TEXT_FIELDS:
            value = rich_text(value)
        if isinstance(value, list | tuple):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    if action:
        data[action] = "1"
    return data


def submit_and_approve(client, policy, *, owner, leader, **changes):
    """Submit the policy's editor form as `owner`, as the browser sends it with `changes` typed
    in (a substantive change no case drove, unless `changes` say otherwise); `leader` approves.
    """
    client.force_login(owner)
    fields = {
        "change_summary": "A change through the editor.",
        "change_kind": ChangeKind.SUBSTANTIVE,
        "no_case_drove_it": "on",
        **changes,
    }
    data = policy_form_data(client, policy, action="action-submit", **fields)
    assert client.post(edit_url(policy), data).status_code == 302
    approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)
