"""A person's name as the portal writes it, everywhere (portal/people.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.template import Context, Template

from portal.people import display_name


@pytest.mark.parametrize(
    ("first", "last", "username", "expected"),
    [
        ("Ana", "Ruiz", "aruiz", "Ana Ruiz"),
        ("Ana", "", "aruiz", "Ana"),
        ("", "", "aruiz", "aruiz"),
    ],
)
def test_a_person_is_named_by_full_name_else_username(first, last, username, expected):
    user = User(first_name=first, last_name=last, username=username)

    assert display_name(user) == expected
    assert Template("{{ user|person }}").render(Context({"user": user})) == expected


def test_nobody_reads_as_what_the_page_says_instead():
    assert display_name(None) == ""
    rendered = Template('{{ user|person|default:"the system" }}').render(Context({"user": None}))
    assert rendered == "the system"


def test_no_template_names_a_person_its_own_way():
    templates_dir = Path(settings.BASE_DIR) / "templates"

    own_ways = [
        path.relative_to(templates_dir).as_posix()
        for path in templates_dir.rglob("*")
        if path.is_file() and "get_full_name" in path.read_text(encoding="utf-8")
    ]

    assert own_ways == [], "name people with {{ user|person }}"
