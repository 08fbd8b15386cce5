"""One system Chromium for the whole session, a fresh browser context for each test.

The browser is Debian's `/usr/bin/chromium`, never one downloaded by a tool.
Pages are served by pytest-django's `live_server`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
EDITING_SESSION_RELEASE = "**/admin/editing-sessions/release/**"
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"
# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; install it with `apt-get install -y chromium`."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs the browser tests: {message}", pytrace=False)
        pytest.skip(message)
    # Playwright's sync API keeps an asyncio event loop running in this thread
    # for as long as the browser is open, and that changes how Django treats it:
    # - Django refuses every database call made from a thread with a running
    #   loop (SynchronousOnlyOperation): factories, fixtures, the flush after
    #   each test. The calls never run concurrently with the loop's own work,
    #   so the check is relaxed for exactly the lifetime of the browser.
    # - Django keeps connections per thread, but per task once a loop runs
    #   (asgiref's Local), so this thread would open new connections: ones that
    #   miss the test database's serialized content, and, on in-memory SQLite,
    #   are not the connection the live server shares. It keeps its own.
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def open_tab(browser, live_server):
    """Return a function that opens a desktop-sized tab in a fresh context (its own cookies).

    A journey with several users opens one tab per user, as on separate machines.
    """
    contexts = []

    def open_new_tab():
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT_MS)
        # Wagtail's editor tells the server it is closed by a beacon sent as the
        # page goes away, which would reach the server while the test database
        # is being emptied. The tests never depend on it, so it is answered here.
        context.route(EDITING_SESSION_RELEASE, lambda route: route.fulfill(status=200))
        contexts.append(context)
        return context.new_page()

    yield open_new_tab
    for context in contexts:
        for tab in context.pages:
            tab.goto("about:blank")
        context.close()


@pytest.fixture
def page(open_tab):
    return open_tab()


@pytest.fixture
def log_in_as(page, live_server):
    """Return a function that gives `page` the session of a user, skipping the login form.

    The journeys log in through the form; other tests need only to be logged in.
    """

    def log_in(user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": session.key, "value": session.value, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def save_screenshot(page):
    """Return a function that saves the whole page as var/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(name):
        width = page.viewport_size["width"]
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)

    return save
