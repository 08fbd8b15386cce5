"""Logging in through the portal's and the admin's own forms, as a person does."""

import re

from tests.portal.factories import TEST_PASSWORD

# The portal's form says "Log in", the Wagtail admin's says "Sign in".
SUBMIT_LABEL = re.compile(r"^(Log|Sign) in$")


def fill_login_form(page, username, password=TEST_PASSWORD):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=SUBMIT_LABEL).click()
