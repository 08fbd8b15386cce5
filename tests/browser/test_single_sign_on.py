"""Signing in through the company's identity provider, as staff and as leadership.

The provider is a real OpenID Connect server (tests/identity_provider.py); Chromium
goes to it from the portal's login page, signs in at its form and comes back.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.test_pages import problems_at_each_width
from tests.identity_provider import serving, switch_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def sso(settings, monkeypatch):
    with serving() as provider:
        switch_on(settings, monkeypatch, provider)
        provider.put_person("sam.staff", groups=["cs-frontline"], given_name="Sam")
        provider.put_person("lena.lead", groups=["cs-exec", "cs-policy"], given_name="Lena")
        yield provider


def sign_in_at_the_provider(page, sub):
    page.goto("/")
    page.get_by_role("link", name="Sign in with Acme").click()
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def checked_at_both_widths(page, save_screenshot, name):
    """axe-core finds nothing blocking at 1280 and 375 px (screenshots of both are saved)."""
    assert problems_at_each_width(page, save_screenshot, name) == []
    page.set_viewport_size(DESKTOP)


def test_staff_and_leadership_sign_in_through_the_provider_each_with_their_role(
    sso, page, open_tab, save_screenshot
):
    page.goto("/accounts/login/")
    expect(page.get_by_role("link", name="Sign in with Acme")).to_be_visible()
    checked_at_both_widths(page, save_screenshot, "sso-login")

    sign_in_at_the_provider(page, "sam.staff")

    header = page.get_by_role("banner")
    expect(header.get_by_text("Sam Example")).to_be_visible()
    expect(header.get_by_role("link", name="Cases")).to_be_visible()
    expect(header.get_by_role("link", name="Approvals")).to_have_count(0)
    expect(header.get_by_role("link", name="Insights")).to_have_count(0)
    checked_at_both_widths(page, save_screenshot, "sso-staff-home")

    leader_tab = open_tab()
    sign_in_at_the_provider(leader_tab, "lena.lead")

    header = leader_tab.get_by_role("banner")
    expect(header.get_by_text("Lena Example")).to_be_visible()
    expect(header.get_by_role("link", name="Approvals")).to_be_visible()
    expect(header.get_by_role("link", name="Insights")).to_be_visible()
    expect(header.get_by_role("link", name="Admin")).to_be_visible()

    header.get_by_role("button", name="Log out").click()
    leader_tab.get_by_role("button", name="End session").click()
    expect(leader_tab).to_have_url(re.compile(r"/accounts/login/$"))
    leader_tab.goto("/")
    expect(leader_tab).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


def test_the_admins_sign_in_page_offers_the_provider(sso, page, save_screenshot):
    page.goto("/admin/login/")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        save_screenshot("sso-admin-login")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Sign in with Acme").click()
    page.get_by_placeholder("sub").fill("lena.lead")
    page.get_by_role("button", name="Authorize").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
