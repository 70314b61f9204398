"""Images are untrusted input: each one is checked when the project is loaded, and what the
renderer could not print (or that would read outside the project) is an error at the line
that uses it, from `check` as from `build`."""

from __future__ import annotations

import base64
import io
import struct
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, base_files, run_cli
from PIL import Image, ImageFile
from pypdf import PdfReader

from briefing.project.load import load_project

#: Written into a file outside the project: it must never reach the output.
SECRET = "SECRET-MARKER-4b1d"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'


# ---- Image files made on the spot ---------------------------------------------------------


def png(width: int = 4, height: int = 3) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 64, height: int = 48) -> bytes:
    """A JPEG with varied pixels, so that its second half is image data."""
    image = Image.new("RGB", (width, height))
    image.putdata(
        [((x * 4) % 256, (y * 5) % 256, (x * y) % 256) for y in range(height) for x in range(width)]
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A 1-pixel PNG whose header (with a correct checksum) claims another size."""
    data = png(1, 1)
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return data[:8] + header + data[8 + 25 :]


def png_of_zeros(width: int, height: int) -> bytes:
    """A real black-and-white PNG of that size: all its rows are zeros, so it compresses to
    almost nothing (a decompression bomb when large)."""
    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (4, 4)).save(out, "GIF")
    return out.getvalue()


def svg(body: str, doctype: str = "") -> bytes:
    return f'<?xml version="1.0"?>\n{doctype}{SVG_OPEN}\n{body}\n</svg>\n'.encode()


def _secret(outside: Path) -> str:
    return (outside / "secret.txt").as_uri()


#: Each bad file, named as the Markdown refers to it ('images/<name>'), made from the folder
#: outside the project that holds the secret; then what the error says after the name
#: ({outside}: the URL of that folder).
BAD: dict[str, tuple[str, Callable[[Path], bytes], str]] = {
    "XXE, a file": (
        "xxe-file.svg",
        lambda o: svg("<text>&x;</text>", f'<!DOCTYPE svg [<!ENTITY x SYSTEM "{_secret(o)}">]>\n'),
        "declares a document type (<!DOCTYPE>), whose entities could read files outside the "
        "project or grow without end (line 2); remove the <!DOCTYPE ...> declaration: an SVG "
        "needs none",
    ),
    "XXE, the network": (
        "xxe-http.svg",
        lambda o: svg(
            "<text>&x;</text>", '<!DOCTYPE svg [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
        ),
        "declares a document type (<!DOCTYPE>)",
    ),
    "XXE, a parameter entity": (
        "xxe-parameter.svg",
        lambda o: svg("", f'<!DOCTYPE svg [<!ENTITY % p SYSTEM "{_secret(o)}"> %p;]>\n'),
        "declares a document type (<!DOCTYPE>)",
    ),
    "an external DTD": (
        "dtd.svg",
        lambda o: svg("", f'<!DOCTYPE svg SYSTEM "{_secret(o)}">\n'),
        "declares a document type (<!DOCTYPE>)",
    ),
    "billion laughs": (
        "laughs.svg",
        lambda o: svg(
            "<text>&l9;</text>",
            "<!DOCTYPE svg [<!ENTITY l0 'ha'>"
            + "".join(f"<!ENTITY l{i} '{f'&l{i - 1};' * 10}'>" for i in range(1, 10))
            + "]>\n",
        ),
        "declares a document type (<!DOCTYPE>)",
    ),
    "an undeclared entity": (
        "entity.svg",
        lambda o: svg("<text>&nowhere;</text>"),
        "is not a well-formed SVG file (undefined entity, line 3, column 7); save it again as "
        "plain SVG",
    ),
    "<use> outside the project": (
        "use.svg",
        lambda o: svg('<use href="../../../../secret.svg#part"/>'),
        "refers to '../../../../secret.svg#part' (its line 3, <use>): it points outside the "
        'project folder; an SVG may refer only to its own elements (href="#id") and to files '
        "inside the project",
    ),
    "<image> on the network": (
        "image-http.svg",
        lambda o: svg('<image href="http://127.0.0.1:9/x.png" width="4" height="4"/>'),
        "refers to 'http://127.0.0.1:9/x.png' (its line 3, <image>): http URLs are not "
        "fetched (the renderer is offline)",
    ),
    "<image xlink:href> outside the project": (
        "image-file.svg",
        lambda o: (
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            f'\n<image xlink:href="{(o / "secret.png").as_uri()}"/></svg>'
        ).encode(),
        "refers to '{outside}/secret.png' (its line 2, <image>): it points outside the project "
        "folder",
    ),
    "@import in <style>": (
        "import.svg",
        lambda o: svg('<style>@import "https://example.org/x.css";</style>'),
        "refers to 'https://example.org/x.css' (its line 3, <style>): https URLs are not fetched",
    ),
    "url() in <style>": (
        "style-url.svg",
        lambda o: svg("<style>\nrect { fill: url('../../../../secret.svg#g') }\n</style>"),
        "refers to '../../../../secret.svg#g' (its line 3, <style>): it points outside",
    ),
    "url() in an attribute": (
        "fill-url.svg",
        lambda o: svg('<rect width="4" height="4" fill="url(http://127.0.0.1:9/p.svg#g)"/>'),
        "refers to 'http://127.0.0.1:9/p.svg#g' (its line 3, <rect>): http URLs are not fetched",
    ),
    "feImage outside the project": (
        "feimage.svg",
        lambda o: svg(f'<filter id="f"><feImage href="{(o / "secret.png").as_uri()}"/></filter>'),
        "refers to '{outside}/secret.png' (its line 3, <feImage>): it points outside the "
        "project folder",
    ),
    "a bad image inside an SVG": (
        "nested.svg",
        lambda o: svg('<image href="empty.png" width="4" height="4"/>'),
        "refers to 'empty.png' (its line 3, <image>), which is empty (0 bytes); copy or "
        "export the image again",
    ),
    "a root that is not <svg>": (
        "html.svg",
        lambda o: b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        "is not an SVG drawing (its first element is <html>, not <svg>); export it again as SVG",
    ),
    "an SVG that is not XML": (
        "not-xml.svg",
        lambda o: b"this is not a drawing\n",
        "is not a well-formed SVG file (syntax error, line 1, column 1); save it again as plain "
        "SVG",
    ),
    "GIF bytes in a .svg": (
        "gif.svg",
        lambda o: gif(),
        "holds GIF data, not SVG; rename it to end in .gif",
    ),
    "an SVG of a million elements": (
        "elements.svg",
        lambda o: svg("<g/>" * 1_000_000),
        "has more than 50,000 elements; simplify the drawing (fewer shapes and points), or "
        "export it as a PNG (2480 pixels across fill an A4 page at 300 dpi)",
    ),
    "an SVG of 6 MB": (
        "large.svg",
        lambda o: svg("<!--" + "x" * (6 * 1024 * 1024) + "-->"),
        "is 6.0 MB, more than the 5 MB an SVG may be; simplify the drawing, or export it as a PNG",
    ),
    "a decompression bomb": (
        "bomb.png",
        lambda o: png_of_zeros(20000, 20000),
        "is 20000×20000 pixels (400 megapixels), more than the 50 megapixels an image may "
        "have; scale it down to 7071×7071 or less (a full A4 page at 300 dpi is 2480×3508)",
    ),
    "a header claiming 100000×100000": (
        "claims.png",
        lambda o: png_claiming(100000, 100000),
        "is 100000×100000 pixels (10,000 megapixels), more than the 50 megapixels",
    ),
    "a 12000×12000 PNG": (
        "large.png",
        lambda o: png_of_zeros(12000, 12000),
        "is 12000×12000 pixels (144 megapixels), more than the 50 megapixels an image may have; "
        "scale it down to 7071×7071 or less",
    ),
    "a 200-byte JPEG": (
        "short.jpg",
        lambda o: jpeg()[:200],
        "is damaged or incomplete (",
    ),
    "a truncated JPEG": (
        "half.jpg",
        lambda o: (lambda data: data[: len(data) // 2])(jpeg()),
        "is damaged or incomplete (image file is truncated",
    ),
    "a truncated PNG": (
        "half.png",
        lambda o: (lambda data: data[: len(data) - 30])(png_of_zeros(300, 300)),
        "is damaged or incomplete (",
    ),
    "an empty PNG": (
        "empty.png",
        lambda o: b"",
        "is empty (0 bytes); copy or export the image again",
    ),
    "text in a .png": (
        "text.png",
        lambda o: b"not an image at all\n",
        "is not an image the renderer can read (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG); save "
        "it as PNG, JPEG or SVG",
    ),
    "PostScript in a .png": (
        "script.png",
        lambda o: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n",
        "is not an image the renderer can read (",
    ),
}


def _project_with(tmp_path: Path, name: str, data: bytes) -> Path:
    """A project whose first section shows images/<name> at its line 3; outside it, the
    secret files an SVG might try to read."""
    outside = tmp_path
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.svg").write_text(f'{SVG_OPEN}<g id="part"><text>{SECRET}</text></g></svg>')
    (outside / "secret.png").write_bytes(png())
    root = tmp_path / "project"
    files = base_files(
        **{"content/test/01-first.md": f"# First section\n\n![A chart](images/{name})\n"}
    )
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    (root / "content/test/images").mkdir()
    (root / "content/test/images" / name).write_bytes(data)
    (root / "content/test/images/empty.png").write_bytes(b"")
    return root


def _run(*argv: str | Path) -> tuple[int, list[warnings.WarningMessage]]:
    """Run the command line, recording every Python warning raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = run_cli(*argv)
    return code, caught


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_a_bad_image_is_an_error_at_the_line_that_uses_it(tmp_path, capsys, case) -> None:
    name, make, says = BAD[case]
    root = _project_with(tmp_path, name, make(tmp_path))
    code, caught = _run("check", root)
    out, err = capsys.readouterr()
    assert code == 1
    says = says.replace("{outside}", tmp_path.as_uri())
    assert f"content/test/01-first.md:3: image 'images/{name}' {says}" in err, err
    assert out.endswith(": 1 error\n")  # this one only
    assert SECRET not in out + err
    assert caught == [], [str(w.message) for w in caught]


def test_truncation_is_found_even_when_pillow_is_told_to_allow_it(
    tmp_path, capsys, monkeypatch
) -> None:
    # The renderer sets this when it is imported; the check must not depend on it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = jpeg()
    root = _project_with(tmp_path, "half.jpg", data[: len(data) // 2])
    assert run_cli("check", root) == 1
    assert "image 'images/half.jpg' is damaged or incomplete" in capsys.readouterr().err
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as it was
    assert Image.MAX_IMAGE_PIXELS is not None


GOOD_SVG = svg(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#0f4c5c"/></linearGradient>'
    '<circle id="dot" r="3"/></defs>\n'
    '<use href="#dot" x="5" y="5"/><use xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xlink:href="#dot" x="15" y="5"/>\n'
    '<rect width="10" height="10" fill="url(#g)" style="stroke: url(#g)"/>\n'
    '<image href="photo.png" width="4" height="3"/>\n'
    '<a href="https://example.org/more"><text y="18">More</text></a>'
)


def _good_files() -> dict[str, str | bytes]:
    data_png = base64.b64encode(png()).decode()
    return {
        "content/test/01-first.md": (
            "# First section\n\n"
            "![A red block](images/photo.png)\n\n"
            "![A photograph](images/photo.jpg)\n\n"
            "![A drawing](images/drawing.svg)\n\n"
            "![An animation](images/moving.gif)\n\n"
            f"![An inline dot](data:image/png;base64,{data_png})\n"
        ),
        "content/test/images/photo.png": png(),
        "content/test/images/photo.jpg": jpeg(),
        "content/test/images/drawing.svg": GOOD_SVG,
        "content/test/images/moving.gif": gif(),
    }


def test_good_images_pass(project, capsys) -> None:
    root = project(base_files(**_good_files()))
    code, caught = _run("check", root)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "0 errors" in out
    assert caught == []


def test_only_the_editions_that_use_a_bad_image_fail(project, tmp_path, capsys) -> None:
    good = {path.replace("/test/", "/good/"): text for path, text in _good_files().items()}
    data = jpeg()
    root = project(
        base_files(
            **good,
            **{
                "content/good/index.md": INDEX,
                "content/test/01-first.md": "# First section\n\n![A chart](images/half.jpg)\n",
                "content/test/images/half.jpg": data[: len(data) // 2],
            },
        )
    )
    out_dir = tmp_path / "out"
    code, caught = _run("build", root, "--out", out_dir, "--kind", "pack", "--jobs", "1")
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "content/test/01-first.md:3: image 'images/half.jpg' is damaged or incomplete (image "
        "file is truncated" in err
    )
    assert "Failed to load image" not in err
    assert caught == [], [str(w.message) for w in caught]
    assert not (out_dir / "en" / "test.pdf").exists()
    # The other publication is built, with its figures.
    reader = PdfReader(out_dir / "en" / "good.pdf")
    assert sum(len(page.images) for page in reader.pages) >= 3  # PNG, JPEG, GIF, inline PNG


def test_a_bad_image_in_a_data_url_is_an_error(project, capsys) -> None:
    url = "data:image/png;base64," + base64.b64encode(png_claiming(100000, 100000)).decode()
    root = project(base_files(**{"content/test/01-first.md": f"# First\n\n![A dot]({url})\n"}))
    assert run_cli("check", root) == 1
    assert (
        f"content/test/01-first.md:3: image '{url[:30]}...' is 100000×100000 pixels"
        in capsys.readouterr().err
    )


def test_a_bad_cover_image_is_an_error_at_its_front_matter_line(project, capsys) -> None:
    root = project(
        base_files(
            **{
                "content/test/index.md": INDEX.replace("url:", "cover_image: images/c.png\nurl:"),
                "content/test/images/c.png": png_claiming(100000, 100000),
            }
        )
    )
    assert run_cli("check", root) == 1
    assert (
        "content/test/index.md:9: cover_image 'images/c.png' is 100000×100000 pixels"
        in capsys.readouterr().err
    )


def test_a_bad_logo_is_an_error_at_its_settings_line(project, capsys) -> None:
    root = project(
        base_files(
            **{
                "briefing.toml": CONFIG + 'logo = "brand/logo.svg"\n',
                "brand/logo.svg": svg("", '<!DOCTYPE svg [<!ENTITY a "b">]>\n'),
            }
        )
    )
    assert run_cli("check", root) == 2  # a setting, like a logo that does not exist
    assert (
        "briefing.toml:9: organisation.logo 'brand/logo.svg' declares a document type"
        in capsys.readouterr().err
    )


def test_check_finds_references_outside_the_project_in_an_svg_another_svg_uses(
    tmp_path, capsys
) -> None:
    outer = svg('<image href="inner.svg" width="4" height="4"/>')
    root = _project_with(tmp_path, "outer.svg", outer)
    inner = svg(f'<image href="{(tmp_path / "secret.png").as_uri()}" width="4" height="4"/>')
    (root / "content/test/images/inner.svg").write_bytes(inner)
    assert run_cli("check", root) == 1
    assert (
        "content/test/01-first.md:3: image 'images/outer.svg' refers to 'inner.svg' (its line "
        "3, <image>), which refers to "
    ) in capsys.readouterr().err


def test_an_svg_that_uses_itself_is_an_error(tmp_path, capsys) -> None:
    root = _project_with(tmp_path, "loop.svg", svg('<image href="loop.svg"/>'))
    assert run_cli("check", root) == 1
    assert (
        "content/test/01-first.md:3: image 'images/loop.svg' refers to 'loop.svg' (its line 3, "
        "<image>), which leads back to itself; an SVG may not use itself"
    ) in capsys.readouterr().err


def test_verdicts_are_remembered_by_content_and_a_bad_entry_is_a_miss(
    tmp_path, monkeypatch
) -> None:
    from briefing.project import images

    root = _project_with(tmp_path, "half.png", png_of_zeros(300, 300)[:-30])
    (root / "content/test/images/ok.svg").write_bytes(GOOD_SVG)
    (root / "content/test/images/photo.png").write_bytes(png())
    (root / "content/test/02-second.md").write_text("# Second\n\n![A drawing](images/ok.svg)\n")
    markup_cache = tmp_path / "out" / ".cache" / "markup"
    judged: list[bytes] = []
    judge = images.judge_image

    def counting(data: bytes, svg: bool, depth: int = 0) -> images.Verdict:
        judged.append(data)
        return judge(data, svg, depth)

    monkeypatch.setattr(images, "judge_image", counting)

    def problems() -> list[str]:
        return [str(p) for p in load_project(root, markup_cache=markup_cache).problems]

    first = problems()
    assert len(judged) == 3  # half.png, ok.svg and the photo.png it uses
    assert any("half.png' is damaged or incomplete" in p for p in first)
    assert problems() == first
    assert len(judged) == 3  # nothing decoded again
    entries = list((tmp_path / "out" / ".cache" / "images").rglob("*.json"))
    assert len(entries) == 3
    for entry in entries:
        entry.write_text("{not json")
    assert problems() == first
    assert len(judged) == 6
