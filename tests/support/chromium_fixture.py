"""The headless Chromium fixture the browser tests share (tests/test_browser.py, tests/test_book.py).

Registered for the whole suite by conftest.py's `pytest_plugins`.
"""

import pytest

from tests.support.jupyterlab_browser import launch_chromium, missing_browser, sync_playwright


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium; the test fails here, saying how to install what is missing."""
    if problem := missing_browser():
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
