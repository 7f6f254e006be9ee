"""The chat page in headless Chromium: ask in Korean, see the answer, a highlighted citation, the release."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, copy_index

from api.app import create_app
from index.settings import Settings
from qa.service import Assistant

CHROMIUM = Path("/usr/bin/chromium")
OUT = ROOT / "benchmarks" / "out"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, examples_index, embedder):
    """The page over a copy of the session's examples index (the bundled releases, real model)."""
    import uvicorn

    home = copy_index(examples_index, tmp_path_factory.mktemp("page") / "home")
    settings = Settings(home=home, api_key=None, protect_reads=False)
    app = create_app(settings, Assistant(settings, embedder))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield browser
        browser.close()


def full_page_screenshot(page, path: Path) -> None:
    """The whole conversation; the sticky ask box is laid out in place for the capture."""
    page.evaluate("document.querySelector('.askform').style.position = 'static'")
    page.screenshot(path=str(path), full_page=True)
    page.evaluate("document.querySelector('.askform').style.position = ''")


def ask(page, question: str, turn: int):
    page.fill("#question", question)
    page.click("#send")
    bubble = page.locator(".turn").nth(turn).locator(".bubble.bot")
    bubble.locator(".answer-text").wait_for(timeout=60_000)
    return bubble


def test_chat_page_in_korean(base_url, browser):
    OUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.locator("#status").filter(has_text="보도자료").wait_for(timeout=30_000)
    assert page.locator("#keybox").is_hidden()  # no key configured

    first = ask(page, "본사를 다솔시로 옮기는 별무리소프트의 대표는 누구야?", 0)
    assert "김나래" in first.locator(".answer-text").inner_text()
    citation = first.locator(".citation").first
    assert "별무리소프트" in citation.locator(".title").inner_text()
    mark = citation.locator(".quote mark.hl").first
    assert mark.is_visible() and "김나래" in mark.inner_text()

    second = ask(page, "그 회사는 판교 본사 직원 가운데 몇 명이 옮겨?", 1)  # a follow-up: "그 회사"
    assert second.locator(".answer-text").inner_text().strip()
    assert "별무리소프트" in second.locator(".citation .title").first.inner_text()
    full_page_screenshot(page, OUT / "browser.png")

    # the citation link opens the release text with the quote and the answer highlighted
    first.locator(".citation a.open").first.click()
    panel = page.locator("#panel")
    panel.locator("mark.cited").wait_for(timeout=30_000)
    assert "별무리소프트" in page.locator("#panel-title").inner_text()
    assert "김나래" in panel.locator("mark.cited mark.hl").first.inner_text()
    page.screenshot(path=str(OUT / "browser-release.png"))
    page.click("#panel-close")
    assert panel.is_hidden()
    assert not errors, errors
    page.close()


def test_chat_page_at_phone_width(base_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(base_url + "/")
    bubble = ask(page, "하늬배터리 해오름 양극재 공장 기공식에는 몇 명이 참석했어?", 0)
    assert "300" in bubble.locator(".answer-text").inner_text()
    assert bubble.locator("mark.hl").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    full_page_screenshot(page, OUT / "browser-390.png")
    bubble.locator(".citation a.open").first.click()
    page.locator("#panel mark.cited").wait_for(timeout=30_000)
    box = page.locator("#panel").bounding_box()
    assert box is not None and box["width"] <= 390
    page.screenshot(path=str(OUT / "browser-390-release.png"))
    page.close()
