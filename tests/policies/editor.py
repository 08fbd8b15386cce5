"""Build the POST data of Wagtail's policy editor, as the browser would send it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def policy_form_data(policy, *, action=None, paths=None, **changes):
    """Return editor form data for `policy` with `changes`; `action` names the button pressed.

    `paths` replaces the exception paths (a list of field dicts); by default the
    existing ones are sent back unchanged.
    """
    if paths is None:
        paths = [
            {
                "id": path.pk,
                "name": path.name,
                "authority": path.authority,
                "limit_amount": "" if path.limit_amount is None else str(path.limit_amount),
                "limit_unit": path.limit_unit,
                "limit_text": path.limit_text,
                "conditions": path.conditions,
                "record": path.record,
                "decision_hours": path.decision_hours,
            }
            for path in policy.exception_paths.all()
        ]
    fields = {
        "title": policy.title,
        "slug": policy.slug,
        "summary": policy.summary,
        "rule": policy.rule,
        "rationale": policy.rationale,
        "flexibility": policy.flexibility,
        "how_to_explain": policy.how_to_explain,
        "scope": policy.scope,
        "owner": policy.owner_id or "",
        "owning_team": policy.owning_team,
        "effective_from": policy.effective_from.isoformat(),
        "review_every_months": policy.review_every_months,
        "next_review_due": policy.next_review_due.isoformat() if policy.next_review_due else "",
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "change_summary": "",
        "change_kind": "",
        **changes,
    }
    for name in ("rule", "rationale", "how_to_explain"):
        fields[name] = rich_text(fields[name])
    data = nested_form_data(
        {
            **fields,
            "exception_paths": inline_formset(paths, initial=len(policy.exception_paths.all())),
            "related_policy_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data
