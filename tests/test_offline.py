"""The renderer reads only files inside the project, and never the network."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PNG_1PX, base_files, run_cli
from pypdf import PdfReader

from briefing.pdf.render import render_pdf


@pytest.fixture
def listener() -> Iterator[tuple[int, list]]:
    """A TCP server on loopback that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            connections.append(connection)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """A project folder, and a secret image beside it (outside the project)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG_1PX)
    root = tmp_path / "project"
    (root / "content" / "pub" / "images").mkdir(parents=True)
    (root / "content" / "pub" / "images" / "ok.png").write_bytes(PNG_1PX)
    (root / "content" / "pub" / "images" / "link.png").symlink_to(outside / "secret.png")
    return root.resolve(), outside.resolve()


def test_every_escape_is_refused_and_nothing_reaches_the_network(sandbox, listener) -> None:
    root, outside = sandbox
    port, connections = listener
    escapes = [
        f"http://127.0.0.1:{port}/image.png",
        f"https://127.0.0.1:{port}/image.png",
        f"ftp://127.0.0.1:{port}/image.png",
        (outside / "secret.png").as_uri(),
        "../../../outside/secret.png",
        "%2e%2e/%2e%2e/%2e%2e/outside/secret.png",
        "images/link.png",
    ]
    images = "".join(f'<img src="{url}">' for url in escapes)
    html = (
        f"<html><head><link rel=stylesheet href='http://127.0.0.1:{port}/style.css'>"
        f"<style>@import url('http://127.0.0.1:{port}/more.css');"
        f"@font-face {{ font-family: X; src: url('http://127.0.0.1:{port}/font.woff') }}"
        f"body {{ font-family: X; background: url('{(outside / 'secret.png').as_uri()}') }}"
        f"</style></head><body><p>Text</p>{images}"
        '<img src="images/ok.png"><img src="data:image/png;base64,'
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAIBo7Ll8wAAAABJRU5ErkJggg==">'
        "</body></html>"
    )
    result = render_pdf(html, root / "content" / "pub", root)
    refused = [url for url, _ in result.refused]
    for escape in escapes[:4]:
        assert escape in refused
    # "../" is joined into the same file URL as the fourth escape (and fetched once).
    assert (outside / "secret.png").as_uri() in refused
    assert any(url.endswith("%2e%2e/%2e%2e/%2e%2e/outside/secret.png") for url in refused)
    assert any(url.endswith("images/link.png") for url in refused)  # the symlink
    assert any(url.endswith("style.css") for url in refused)
    assert any(url.endswith("more.css") for url in refused)
    assert any(url.endswith("font.woff") for url in refused)
    assert not any(url.endswith("ok.png") or url.startswith("data:") for url in refused)
    assert connections == []
    assert len(PdfReader(io.BytesIO(result.data)).pages[0].images) == 2  # ok.png, data: URI


def test_base_element_cannot_lead_out(sandbox) -> None:
    root, outside = sandbox
    html = (
        f'<html><head><base href="{outside.as_uri()}/"></head>'
        '<body><img src="secret.png"></body></html>'
    )
    result = render_pdf(html, root / "content" / "pub", root)
    assert [url for url, _ in result.refused] == [(outside / "secret.png").as_uri()]
    assert len(PdfReader(io.BytesIO(result.data)).pages[0].images) == 0


def test_build_fails_the_edition_when_a_template_reaches_out(project, listener, capsys) -> None:
    port, connections = listener
    url = f"http://127.0.0.1:{port}/logo.png"
    root = project(**base_files(**{"templates/org-block.html": f'<img src="{url}">\n'}))
    assert run_cli("build", root) == 1
    err = capsys.readouterr().err
    assert (
        f"templates/org-block.html:1: refused to read {url}: http URLs are not fetched (the "
        "renderer is offline); templates and content may only use files inside the project"
    ) in err
    assert connections == []
    assert not (root / "build/en/test-handout.pdf").exists()


def test_remote_and_outside_references_in_content_are_stopped_before_rendering(
    project, listener, capsys
) -> None:
    port, connections = listener
    root = project(
        **base_files(
            **{
                "content/test/01-first.md": f'# First\n\n<img src="http://127.0.0.1:{port}/x.png">\n',
            }
        )
    )
    assert run_cli("build", root) == 1
    assert f"content/test/01-first.md:3: image 'http://127.0.0.1:{port}/x.png'" in (
        capsys.readouterr().err
    )
    assert connections == []


def test_an_svg_that_reaches_out_is_named(project, listener, capsys) -> None:
    port, connections = listener
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="20mm" height="20mm" viewBox="0 0 20 20">\n'
        f'<image xlink:href="http://127.0.0.1:{port}/photo.png" width="20" height="20"/>\n'
        "</svg>\n"
    )
    root = project(
        **base_files(
            **{
                "content/test/01-first.md": "# First\n\n![A diagram](images/d.svg)\n",
                "content/test/images/d.svg": svg,
            }
        )
    )
    assert run_cli("build", root, "--kind", "pack") == 1
    assert (
        f"content/test/01-first.md:3: image 'images/d.svg' refers to 'http://127.0.0.1:{port}/"
        "photo.png' (its line 2, <image>): http URLs are not fetched (the renderer is offline); "
        'an SVG may refer only to its own elements (href="#id") and to files inside the project'
    ) in capsys.readouterr().err.splitlines()
    assert connections == []
    assert not (root / "build/en/test.pdf").exists()


def test_css_in_raw_html_is_checked_before_rendering(project, capsys) -> None:
    root = project(
        **base_files(
            **{
                "content/test/01-first.md": "# First\n\n<style>\n@import url('../../../x.css');\n"
                "</style>\n\nText.\n"
            }
        )
    )
    assert run_cli("check", root) == 1
    assert (
        "content/test/01-first.md:4: stylesheet URL '../../../x.css': it points outside the "
        "project folder; copy the file into the project and refer to it by a relative path"
    ) in capsys.readouterr().err.splitlines()
