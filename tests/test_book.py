"""The course book (`make book`): built from the stored notebooks, then read page by page in headless Chromium.

Every page opens from the files alone (file://, every request to anywhere else refused), shows no
broken image or internal link, renders its equations (MathJax from the site itself: no raw `$$`
left), keeps every solution collapsed until clicked, and lets the reader move the kernel-free
sliders (the picture changes with no kernel behind the page). Screenshots of every page go to
build/screenshots/book/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from book.build import build, notebooks

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "screenshots" / "book"
pytestmark = pytest.mark.browser

# Pages whose kernel-free slider the reader must be able to move (issue 24): rank, epochs, w0.
SLIDER_PAGES = ("01_toy_svd", "02_toy_autoencoder", "07_ranking")


@pytest.fixture(scope="module")
def site() -> Path:
    """The book, built once for these tests from this checkout's stored notebooks."""
    return build().parent


def pages(site: Path) -> list[Path]:
    return sorted(
        path for path in site.rglob("*.html") if "_static" not in path.parts and path.name not in ("genindex.html",)
    )


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    outside = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file://", "data:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.outside = outside
    yield page
    context.close()


def test_the_book_has_a_page_per_notebook_in_reading_order(site):
    index = (site / "index.html").read_text()
    positions = [index.find(f"notebooks/{path.stem}.html") for path in notebooks()]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    for name in ("GLOSSARY.html", "BENCHMARKS.html", "README.html"):
        assert (site / name).is_file()


def _open(page, path: Path):
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)")
    page.evaluate("() => window.MathJax && MathJax.startup.promise")


def test_every_page_renders_offline_with_no_broken_image_or_link_and_no_raw_math(site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for path in pages(site):
        _open(page, path)
        name = path.relative_to(site)
        page.screenshot(path=SCREENSHOTS / f"{str(name).replace('/', '-')}.png")
        broken = page.evaluate(
            "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
        )
        problems += [f"{name}: broken image {src}" for src in broken]
        text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
        if "$$" in text or "\\begin{" in text:
            problems.append(f"{name}: raw LaTeX left on the page")
        for href in page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)"):
            parts = urlsplit(href)
            if parts.scheme == "file" and not Path(unquote(parts.path)).exists():
                problems.append(f"{name}: broken link {href}")
    assert not page.outside, f"pages asked for something outside the site: {page.outside[:5]}"
    assert problems == []


def test_notebook_pages_render_their_equations_with_mathjax(site, page):
    for path in notebooks():
        _open(page, site / "notebooks" / f"{path.stem}.html")
        assert page.locator("mjx-container").count() > 0, f"{path.stem}: no equation rendered"


def test_every_solution_starts_collapsed_and_opens_on_click(site, page):
    found = 0
    for path in notebooks():
        _open(page, site / "notebooks" / f"{path.stem}.html")
        blocks = page.locator("details:has(> summary:text-is('Show the solution'))")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            assert block.get_attribute("open") is None, f"{path.stem}: solution {index + 1} starts open"
            assert not block.locator("pre").first.is_visible()
            block.locator("summary").click()
            assert block.get_attribute("open") is not None and block.locator("pre").first.is_visible()
            found += 1
    assert found >= len(notebooks()), f"only {found} collapsed solutions in the book"


def test_a_kernel_free_slider_moves_on_the_rank_epochs_and_w0_pages(site, page):
    for stem in SLIDER_PAGES:
        _open(page, site / "notebooks" / f"{stem}.html")
        panels = page.locator(".kernel-free-panel:not(.still)")
        assert panels.count() >= 1, f"{stem}: no kernel-free slider on the page"
        panel = panels.first
        panel.scroll_into_view_if_needed()
        before = (panel.locator("img").get_attribute("src"), panel.locator("output").inner_text())
        slider = panel.locator("input[type=range]")
        slider.focus()
        key = "ArrowLeft" if slider.get_attribute("value") == slider.get_attribute("max") else "ArrowRight"
        page.keyboard.press(key)
        after = (panel.locator("img").get_attribute("src"), panel.locator("output").inner_text())
        assert after[1] != before[1], f"{stem}: the slider's label did not change"
        assert after[0] != before[0], f"{stem}: the picture did not change when the slider moved"
        page.screenshot(path=SCREENSHOTS / f"{stem}-kernel-free-slider.png")
