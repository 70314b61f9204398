"""The build overview (``build/index.html``) as a reader sees it, in headless Chromium.

The example publication is built in English and Arabic, with one source file changed after its
translations were recorded in git, so that the translation panel has stale cells and their
diffs. The page is then opened from the disk, as a person would open it, and looked at: the
first pages shown, every link, the right-to-left edition, the keyboard, a screenshot. A second
test runs `briefing watch` on a throwaway project and waits for the page to reload itself
after a change to the Markdown.

Chromium runs offline: Selenium is given Debian's ``/usr/bin/chromedriver`` and
``/usr/bin/chromium`` (``bash setup.sh`` installs both), may not run Selenium Manager (it
would download drivers), and the browser resolves no host name; a test checks that the page
asks for nothing but files of the build folder.

The overview screenshot in ``docs/`` comes from this module. Tests never write into the
repository, so save it elsewhere and copy it::

    BRIEFING_SCREENSHOTS=/tmp/shots .venv/bin/python -m pytest tests/test_overview_browser.py
    cp /tmp/shots/overview.png docs/overview.png
"""

from __future__ import annotations

import io
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pytest
from conftest import INDEX, REPO, base_files, run_cli, write_files
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.selenium_manager import SeleniumManager
from selenium.webdriver.support.wait import WebDriverWait

from briefing.build.thumbnails import THUMBNAIL_WIDTH
from briefing.build.watch import watch_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        "the overview's browser tests need Debian's chromium and chromium-driver "
        f"({CHROMIUM}, {CHROMEDRIVER}); run `bash setup.sh` to install them",
        allow_module_level=True,
    )

WINDOW = (1280, 900)
#: The source file changed after its translations were recorded.
CHANGED = "content/egm-2016/01-context.md"
ADDED = "A sentence added to the source after the translations were made."
GIT = ["git", "-c", "user.name=Tests", "-c", "user.email=tests@example.org"]


def _no_selenium_manager(*_args: object, **_kwargs: object) -> dict[str, str]:
    raise AssertionError("Selenium Manager was about to run (it may download a driver)")


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    """Headless Chromium, as Debian installs it; nothing is downloaded, no host resolved."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        # Any request for a host fails at once: the page must not need one.
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(argument)
    # Every request the page makes is logged (Network.requestWillBeSent), to be checked.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        patch.setattr(SeleniumManager, "binary_paths", _no_selenium_manager)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example built in English and Arabic; its source ``CHANGED`` was edited
    after the translations were committed, so they are stale and git has what changed."""
    root = tmp_path_factory.mktemp("overview") / "briefings"  # the name the page shows
    root.mkdir()
    shutil.copy(REPO / "briefing.toml", root)
    shutil.copytree(REPO / "content", root / "content")
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "example"], cwd=root, check=True)
    source = root / CHANGED
    source.write_text(source.read_text("utf-8") + f"\n{ADDED}\n", "utf-8")
    assert run_cli("build", root, "--lang", "en-GB,ar", "--jobs", "1") == 0
    return root / "build"


def _open(driver: webdriver.Chrome, page: Path) -> None:
    driver.get(page.resolve().as_uri())
    driver.execute_script("window.scrollTo(0, 0)")


def _thumbnails(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """Each thumbnail once it has loaded or failed to (lazy ones are scrolled to first)."""
    driver.execute_script(
        "for (const img of document.querySelectorAll('.thumb img')) img.scrollIntoView()"
    )
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script(
            "return [...document.querySelectorAll('.thumb img')].every(i => i.dataset.state)"
        )
    )
    driver.execute_script("window.scrollTo(0, 0)")
    found: list[dict[str, Any]] = driver.execute_script(
        "return [...document.querySelectorAll('.thumb img')].map(i => ({src: i.src,"
        " state: i.dataset.state, width: i.naturalWidth, height: i.naturalHeight}))"
    )
    return found


def test_every_first_page_is_shown(browser: webdriver.Chrome, built: Path) -> None:
    _open(browser, built / "index.html")
    thumbnails = _thumbnails(browser)
    assert len(thumbnails) == len(list(built.glob("*/*.pdf"))) == 4
    for thumbnail in thumbnails:
        assert thumbnail["state"] == "loaded", thumbnail
        assert thumbnail["width"] == THUMBNAIL_WIDTH, thumbnail
        assert 1.3 < thumbnail["height"] / thumbnail["width"] < 1.5, thumbnail  # A4
    assert browser.find_elements("css selector", ".thumb.missing") == []


def test_every_link_and_picture_is_a_file_of_the_build(
    browser: webdriver.Chrome, built: Path
) -> None:
    _open(browser, built / "index.html")
    references: list[dict[str, str]] = browser.execute_script(
        "return [...document.querySelectorAll('[href], [src]')].map(e => {"
        " const raw = e.getAttribute('href') ?? e.getAttribute('src');"
        " return {tag: e.tagName, raw, url: new URL(raw, document.baseURI).href}; })"
    )
    files = [r for r in references if not r["raw"].startswith("#")]
    assert len(files) >= 12  # for each edition: a thumbnail, its link and a PDF link
    for reference in files:
        parts = urlsplit(reference["url"])
        assert parts.scheme == "file", reference
        path = Path(url2pathname(unquote(parts.path)))
        assert path.is_file(), reference
        assert path.resolve().is_relative_to(built.resolve()), reference
    fragments = [r["raw"][1:] for r in references if r["raw"].startswith("#")]
    assert fragments, "the translation panel links to no diff"
    for fragment in fragments:
        assert browser.execute_script("return document.getElementById(arguments[0])", fragment)


def test_the_page_asks_for_nothing_but_files(browser: webdriver.Chrome, built: Path) -> None:
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})  # every file asked for afresh
    browser.get_log("performance")  # what earlier pages asked for
    _open(browser, built / "index.html")
    _thumbnails(browser)
    requested = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert any(url.endswith("/index.html") for url in requested), requested
    assert sum(".png?v=" in url for url in requested) == 4, requested
    assert [url for url in requested if not url.startswith("file://")] == []


def test_the_arabic_editions_read_right_to_left(browser: webdriver.Chrome, built: Path) -> None:
    _open(browser, built / "index.html")
    measured: dict[str, dict[str, Any]] = browser.execute_script(
        """
        const measure = (lang) => {
          const row = document.querySelector(`.language[lang="${lang}"]`);
          const card = row.querySelector("li.edition");
          const title = card.querySelector(".title");
          const words = document.createRange();
          words.selectNodeContents(title);
          const box = title.getBoundingClientRect(), text = words.getBoundingClientRect();
          return {
            row: getComputedStyle(row).direction, card: getComputedStyle(card).direction,
            title: title.textContent, align: getComputedStyle(title).textAlign,
            box: [box.left, box.right], text: [text.left, text.right],
            thumb: [card.querySelector(".thumb").getBoundingClientRect().left,
                    card.querySelector(".thumb").getBoundingClientRect().right],
          };
        };
        return {en: measure("en-GB"), ar: measure("ar")};
        """
    )
    english, arabic = measured["en"], measured["ar"]
    assert (english["row"], english["card"]) == ("ltr", "ltr"), english
    assert (arabic["row"], arabic["card"]) == ("rtl", "rtl"), arabic
    assert english["title"] != arabic["title"]
    # The Arabic title ends at the right of its column, well clear of the left; the card is
    # mirrored, its first page on the right. The English one the other way round.
    assert arabic["align"] in ("right", "start"), arabic
    assert abs(arabic["text"][1] - arabic["box"][1]) < 1.5, arabic
    assert arabic["text"][0] - arabic["box"][0] > 10, arabic
    assert arabic["thumb"][0] >= arabic["box"][1], arabic
    assert abs(english["text"][0] - english["box"][0]) < 1.5, english
    assert english["box"][1] - english["text"][1] > 10, english
    assert english["thumb"][1] <= english["box"][0], english


def test_the_translation_panel_tells_each_file_as_it_is(
    browser: webdriver.Chrome, built: Path
) -> None:
    _open(browser, built / "index.html")
    languages, rows = browser.execute_script(
        """
        const panel = document.querySelector("section.translations");
        const head = [...panel.querySelectorAll("thead th")].slice(1).map(th => th.textContent);
        const rows = [...panel.querySelectorAll("tbody tr")].map(tr => [
          tr.querySelector("th").textContent, [...tr.querySelectorAll("td")].map(td => td.className)
        ]);
        return [head, rows];
        """
    )
    assert "ar" in languages
    folder = built.parent / Path(CHANGED).parent
    for name, states in rows:
        assert len(states) == len(languages), (name, states)
        for language, state in zip(languages, states, strict=True):
            translation = folder / name.replace(".md", f".{language}.md")
            # Only a file that is not there is missing; the one changed is stale everywhere.
            assert (state == "missing") == (not translation.is_file()), (name, language, state)
            if translation.is_file():
                expected = "stale" if name == Path(CHANGED).name else "up-to-date"
                assert state == expected, (name, language, state)


def test_a_stale_cell_opens_what_changed(browser: webdriver.Chrome, built: Path) -> None:
    _open(browser, built / "index.html")
    links = browser.find_elements("css selector", "section.translations td.stale a")
    arabic = next(
        link for link in links if link.get_attribute("href").endswith("-ar-01-context-md")
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", arabic)
    arabic.click()
    target: dict[str, Any] = browser.execute_script(
        """
        const details = document.getElementById(location.hash.slice(1));
        const box = details.getBoundingClientRect();
        return {tag: details.tagName, open: details.open, top: box.top, height: innerHeight,
                diff: details.querySelector("pre")?.innerText ?? ""};
        """
    )
    assert target["tag"] == "DETAILS"
    assert target["open"], "the link leads to a closed <details>"
    assert 0 <= target["top"] < target["height"], target  # scrolled into view
    assert f"+{ADDED}" in target["diff"].splitlines(), target["diff"]


def test_the_keyboard_reaches_the_first_page(browser: webdriver.Chrome, built: Path) -> None:
    _open(browser, built / "index.html")
    visited = []
    for _ in range(5):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused: dict[str, Any] = browser.execute_script(
            "const e = document.activeElement; const style = getComputedStyle(e);"
            " return {first: e === document.querySelector('a.thumb'), tag: e.tagName,"
            " href: e.getAttribute('href'), outline: style.outlineStyle};"
        )
        visited.append(focused)
        if focused["first"]:
            break
    assert visited[-1]["first"], visited
    assert visited[-1]["outline"] == "solid", visited  # and the focus shows


def test_a_screenshot_shows_the_page(browser: webdriver.Chrome, built: Path) -> None:
    _open(browser, built / "index.html")
    _thumbnails(browser)
    png = browser.get_screenshot_as_png()
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    # Headless Chromium draws the page's viewport: the window without its (unseen) frame.
    width, height, ratio = browser.execute_script(
        "return [innerWidth, innerHeight, devicePixelRatio]"
    )
    assert browser.get_window_size()["width"] == WINDOW[0] == width
    assert picture.size == (round(width * ratio), round(height * ratio))
    colours = picture.getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 50, "the screenshot is almost blank"
    white = next((count for count, colour in colours if colour == (255, 255, 255)), 0)
    assert white < 0.97 * picture.width * picture.height
    if folder := os.environ.get("BRIEFING_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "overview.png").write_bytes(png)


def test_the_page_reloads_after_a_change_in_watch(
    browser: webdriver.Chrome, tmp_path: Path
) -> None:
    root = write_files(tmp_path / "project", base_files())
    stop, listening = threading.Event(), threading.Event()
    rounds: queue.Queue[object] = queue.Queue()

    def run() -> None:
        try:
            for round_ in watch_project(root, stop, kinds=("pack",), ready=listening):
                rounds.put(round_)
        except BaseException as error:  # shown by the test, not lost in the thread
            rounds.put(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert listening.wait(timeout=60)
        _open(browser, root / "build" / "index.html")
        before: dict[str, str] = browser.execute_script(
            "window.notReloaded = true;"
            " return {src: document.querySelector('.thumb img').getAttribute('src'),"
            " title: document.querySelector('.title').textContent}"
        )
        assert before["title"] == "Test briefing"
        index = root / "content/test/index.md"
        index.write_text(INDEX.replace("title: Test briefing", "title: Changed briefing"))
        after = before
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.25)
            try:
                after = browser.execute_script(
                    "const img = document.querySelector('.thumb img');"
                    " return {reloaded: !window.notReloaded, src: img?.getAttribute('src'),"
                    " title: document.querySelector('.title')?.textContent,"
                    " state: img?.dataset.state}"
                )
            except WebDriverException:
                continue  # caught in the middle of the reload
            if after["reloaded"] and after["title"] == "Changed briefing":
                break
        assert after.get("reloaded"), "the page did not reload itself within 60 s"
        assert after["title"] == "Changed briefing", after
        assert after["src"] != before["src"], after
        assert after["src"].startswith(".overview/en/test.png?v="), after
        WebDriverWait(browser, 10).until(
            lambda d: d.execute_script("return document.querySelector('.thumb img').dataset.state")
        )
        assert (
            browser.execute_script("return document.querySelector('.thumb img').dataset.state")
            == "loaded"
        )
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive(), "the watcher did not stop"
    results = [rounds.get_nowait() for _ in range(rounds.qsize())]
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert len(results) == 2  # the first build, and the one after the change
