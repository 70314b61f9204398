"""Word files and projects from someone else: `briefing import` and `briefing export` refuse
what they cannot use with one line naming the file, write nothing outside the publication,
read nothing outside the project or the Word file, reach no network, and never stop with an
internal error.

Every file is made at test time (tests/word_files.py, or rewritten from a file `briefing
export` wrote). Paths a broken check could write to are inside the test's own folder.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import hashlib
import io
import json
import os
import re
import socket
import struct
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

import pytest
import word_files as wf
from conftest import CONFIG, INDEX, PNG_1PX, base_files, run_cli, write_files
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from briefing.cli import main
from briefing.word import docx as word_docx

FRENCH = CONFIG.replace('language = "en"', 'language = "en"\nlanguages = ["en", "fr"]')
BODY = "Body of the first section."
FIRST = f"# First section\n\n![A dot](images/dot.png)\n\n{BODY}\n"
DIGEST = hashlib.sha256(PNG_1PX).hexdigest()
#: Where the record's JSON is in docProps/custom.xml.
RECORD = re.compile(r'(name="briefing"><vt:lpwstr>)(.*?)(</vt:lpwstr>)', re.DOTALL)
#: A stand-in, in paths and addresses, for the test's own folder.
HERE = "{here}"


def source_files(**overrides: str | bytes | None) -> dict[str, str | bytes]:
    """A project in English and French whose first section shows an image."""
    files: dict[str, str | bytes | None] = {
        "briefing.toml": FRENCH,
        "content/test/01-first.md": FIRST,
        "content/test/images/dot.png": PNG_1PX,
    }
    return base_files(**{**files, **overrides})


def picture(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """A PNG of one colour, unlike any other image of these tests."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything under ``folder``: each file's bytes, each link's target, each folder."""
    found: dict[str, bytes | str] = {}
    for top, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(top, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = f"link to {os.readlink(path)}"
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = path.read_bytes()
    return found


def differences(before: dict[str, bytes | str], after: dict[str, bytes | str]) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezipped(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The Word file ``data`` with some members replaced (None: removed), in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members(data).items():
            replaced = changes.get(name, body)
            if replaced is not None:
                archive.writestr(name, replaced)
    return out.getvalue()


def record_of(data: bytes) -> dict[str, Any]:
    found = RECORD.search(members(data)["docProps/custom.xml"].decode("utf-8"))
    assert found is not None
    record: dict[str, Any] = json.loads(unescape(found[2], {"&quot;": '"'}))
    return record


def with_record(data: bytes, text: str) -> bytes:
    """The Word file ``data`` whose `briefing` property holds ``text``."""
    custom = members(data)["docProps/custom.xml"].decode("utf-8")
    value = escape(text, {'"': "&quot;"})
    custom = RECORD.sub(lambda found: found[1] + value + found[3], custom, count=1)
    return rezipped(data, {"docProps/custom.xml": custom.encode("utf-8")})


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The .docx `briefing export` writes for the project of :func:`source_files`."""
    root = write_files(tmp_path_factory.mktemp("exported"), source_files())
    assert run_cli("export", "test", root, "--lang", "fr") == 0
    data = (root / "build/fr/test-for-translation.docx").read_bytes()
    assert record_of(data)["files"][1]["images"] == [["images/dot.png", DIGEST]]
    return data


@pytest.fixture(scope="module")
def outline(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small Word file with a title, two sections and footnotes."""
    path = tmp_path_factory.mktemp("outline") / "outline.docx"
    wf.outline_docx(path, ["One", "Two"], title="Outline", paragraphs_per_section=2, footnote=True)
    return path.read_bytes()


# --- 1. Files that are not a usable .docx -----------------------------------------------------


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def missing_file(path: Path) -> Path:
    return path


def a_folder(path: Path) -> Path:
    path.mkdir()
    return path


#: Each unusable file, and words its one error line must hold (what it is, what to do).
UNUSABLE: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "pdf": (wf.not_docx, ("is not a Word document", "save it from Word", "(.docx)")),
    "password": (wf.password_protected_docx, ("protected with a password", "remove the password")),
    "doc": (wf.old_doc, ("old Word document (.doc,", "save it as a Word Document (.docx)")),
    "truncated": (wf.corrupt_docx, ("is damaged", "save it again")),
    "zip": (wf.zip_not_word, ("not a Word document", "no word/document.xml", "save it")),
    "empty": (empty_file, ("is empty", "save the document again")),
    "missing": (missing_file, ("no such file", "check the Word file's name")),
    "folder": (a_folder, ("is a folder, not a Word file", "give the path of a .docx")),
}


@pytest.mark.parametrize("translation", [False, True], ids=["new", "translation"])
@pytest.mark.parametrize("kind", list(UNUSABLE))
def test_an_unusable_file_gets_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, translation: bool
) -> None:
    make, words = UNUSABLE[kind]
    root = write_files(tmp_path / "project", source_files())
    word = make(tmp_path / "draft.docx")
    before = snapshot(tmp_path)
    options = ["--lang", "fr", "--into", "test"] if translation else []
    assert run_cli("import", word, root, *options) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"briefing: {word}: "), err
    for expected in words:
        assert expected in err
    assert "Traceback" not in err and "internal error" not in err
    # Byte for byte, and no staging folder (content/.test.*) or temporary file left.
    assert differences(before, snapshot(tmp_path)) == []


# --- 2. A record someone edited ---------------------------------------------------------------

Change = Callable[[dict[str, Any]], str]


def image_path(path: str) -> Change:
    """The first section's image recorded at ``path`` (with its true digest)."""

    def change(record: dict[str, Any]) -> str:
        record["files"][1]["images"] = [[path, DIGEST]]
        return json.dumps(record)

    return change


def first_stem(stem: object) -> Change:
    def change(record: dict[str, Any]) -> str:
        record["files"][1]["stem"] = stem
        return json.dumps(record)

    return change


def every_file(key: str, value: object) -> Change:
    def change(record: dict[str, Any]) -> str:
        for entry in record["files"]:
            entry[key] = value
        return json.dumps(record)

    return change


def top(key: str, value: object) -> Change:
    def change(record: dict[str, Any]) -> str:
        record[key] = value
        return json.dumps(record)

    return change


def raw(text: str) -> Change:
    return lambda _: text


#: Front matter values no file takes, or not there.
ODD_FRONT = {
    "title": [1],
    "date": {"y": 1},
    "updated": "soon",
    "url": "x" * 9999,
    "cover_image": "../../../outside/x.png",
    "min_scale": 7,
    "translated_from": "0" * 40,
    "colour": "red",
}
#: A name for each edit, the edit, and whether the record is then ignored (with a warning).
TAMPERED: list[tuple[str, Change, bool]] = [
    ("image up two", image_path("../../outside.png"), False),
    ("image up three", image_path("../../../outside.png"), False),
    ("image absolute", image_path(f"{HERE}/outside/x.png"), False),
    ("image file url", image_path(f"file://{HERE}/outside/x.png"), False),
    ("image through images", image_path("images/../../x.png"), False),
    ("image drive", image_path("C:/x.png"), False),
    ("image backslashes", image_path("a\\..\\..\\..\\b.png"), False),
    ("image not an image", image_path("index.md"), False),
    ("image folder", image_path("images/"), False),
    ("image under a file", image_path("index.md/x.png"), False),
    ("image nul", image_path("images/\x00.png"), False),
    ("image long", image_path("x" * 5000 + ".png"), False),
    ("image path a list", every_file("images", [[["images/dot.png"], DIGEST]]), False),
    ("images a number", every_file("images", 5), False),
    ("images nested", every_file("images", [[[1, [2]], 3, 4], None]), False),
    ("stem up", first_stem("../evil"), True),
    ("stem through index", first_stem("index/../../x"), True),
    ("stem a folder", first_stem("01-/etc/passwd"), True),
    ("stem new line", first_stem("01-x\n"), True),
    ("stem twice", first_stem("index"), True),
    ("stem a number", first_stem(5), True),
    ("stem a list", first_stem(["01-first"]), True),
    ("files a number", top("files", 5), True),
    ("files nested", top("files", [[1, [2]]]), True),
    ("publication up", top("publication", "../../evil"), True),
    ("publication a list", top("publication", ["test"]), True),
    ("publication huge", top("publication", "x" * 2_000_000), True),
    ("version a string", top("version", "1"), True),
    ("callouts odd", every_file("callouts", [["key\n!!! x", "T"], [None], [["key"], 1]]), False),
    ("callouts not a list", every_file("callouts", "key"), False),
    ("front odd", every_file("front", ODD_FRONT), False),
    ("heading a list", every_file("heading", [1]), False),
    ("from odd", every_file("from", {"../x": 1}), False),
    ("not json", raw("{not json"), True),
    ("deeply nested", raw("[" * 100_000 + "]" * 100_000), True),
    ("not a number", raw('{"version": NaN, "files": []}'), True),
    ("huge string", raw("y" * 2_000_000), True),
]


@pytest.mark.parametrize(
    ("change", "ignored"), [(c, i) for _, c, i in TAMPERED], ids=[n for n, _, _ in TAMPERED]
)
def test_an_edited_record_writes_only_inside_the_publication(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: bytes,
    change: Change,
    ignored: bool,
) -> None:
    (tmp_path / "outside").mkdir()
    text = change(copy.deepcopy(record_of(exported))).replace(HERE, str(tmp_path))
    word = tmp_path / "word" / "test-for-translation.docx"
    word.parent.mkdir()
    word.write_bytes(with_record(exported, text))
    root = write_files(tmp_path / "project", source_files())
    before = snapshot(tmp_path)
    assert run_cli("import", word, root, "--slug", "fresh") == 0
    assert run_cli("import", word, root, "--lang", "fr", "--into", "test") == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert ("its 'briefing' property is not one this version of briefing wrote" in err) == ignored
    name = r"[a-z0-9][a-z0-9-]*"
    allowed = re.compile(
        rf"project/content/(fresh|fresh/images|fresh/{name}\.md|fresh/images/{name}\.png"
        rf"|test/{name}\.fr\.md|test/images/{name}\.fr\.png)"
    )
    written = differences(before, snapshot(tmp_path))
    assert [path for path in written if not allowed.fullmatch(path)] == []
    # Nothing replaced: every difference is a new file or folder.
    assert [path for path in written if path in before] == []
    imported = [*(root / "content/fresh").glob("*.md"), *(root / "content/test").glob("*.fr.md")]
    texts = {path.name: path.read_text("utf-8") for path in imported}
    assert any(BODY in text for name, text in texts.items() if not name.endswith(".fr.md"))
    assert BODY in texts["01-first.fr.md"]
    # Each call-out's first line is one a reader of the Markdown takes as such.
    for line in "\n".join(texts.values()).splitlines():
        if line.startswith("!!!"):
            assert re.fullmatch(r'!!! [a-z]+( "[^"]*")?', line), line


def test_a_cover_image_the_word_file_lacks_is_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = INDEX.replace("url:", "cover_image: images/cover.png\nurl:")
    cover = {"content/test/index.md": index, "content/test/images/cover.png": PNG_1PX}
    root = write_files(tmp_path / "project", source_files(**cover))
    assert run_cli("export", "test", root, "--lang", "fr") == 0
    word = root / "build/fr/test-for-translation.docx"
    assert run_cli("import", word, root, "--slug", "fresh") == 0
    assert (
        f"{word}: warning: the cover image images/cover.png is not in the Word file, so "
        "index.md has no cover_image; copy the image to content/fresh/images/cover.png and set "
        "cover_image again"
    ) in capsys.readouterr().err
    assert "cover_image" not in (root / "content/fresh/index.md").read_text("utf-8")


def test_a_translation_that_is_not_utf8_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: bytes
) -> None:
    root = write_files(tmp_path / "project", source_files())
    (root / "content/test/01-first.fr.md").write_bytes(b"\xff\xfe not UTF-8\n")
    word = tmp_path / "word.docx"
    word.write_bytes(exported)
    before = snapshot(tmp_path)
    assert run_cli("import", word, root, "--lang", "fr", "--into", "test") == 2
    assert capsys.readouterr().err == (
        f"briefing: {word}: would replace 1 translation file(s) that differ: 01-first.fr.md; add "
        "--force to replace them (the old text stays in git, if the project is in git)\n"
    )
    assert differences(before, snapshot(tmp_path)) == []
    assert run_cli("import", word, root, "--lang", "fr", "--into", "test", "--force") == 0
    assert BODY in (root / "content/test/01-first.fr.md").read_text("utf-8")


def test_import_writes_nothing_through_a_link_out_of_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: bytes
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The project's own first section shows no image: the Word file's image is new to it.
    root = write_files(tmp_path / "project", base_files(**{"briefing.toml": FRENCH}))
    (root / "content/test/images").symlink_to(elsewhere, target_is_directory=True)
    write_files(root, {"content/fresh/index.md": "---\ntitle: Old\n---\nOld text.\n"})
    (root / "content/fresh/images").symlink_to(elsewhere, target_is_directory=True)
    word = tmp_path / "word.docx"
    word.write_bytes(exported)
    before = snapshot(tmp_path)
    for options in (["--lang", "fr", "--into", "test"], ["--slug", "fresh", "--force"]):
        assert run_cli("import", word, root, *options) == 2
        err = capsys.readouterr().err
        assert f"is a link to {elsewhere}, outside the project folder" in err, err
        assert "internal error" not in err
        assert differences(before, snapshot(tmp_path)) == []


# --- 3. Files that unpack to too much, or declare entities -------------------------------------


def grown(data: bytes, name: str, size: int) -> bytes:
    """The Word file ``data`` with ``size`` spaces before the last closing tag of its member
    ``name``, written a megabyte at a time (the spaces compress a thousandfold)."""
    out = io.BytesIO()
    block = b" " * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, body in members(data).items():
            if member != name:
                archive.writestr(member, body)
                continue
            end = body.rindex(b"</")
            with archive.open(member, "w") as stream:
                stream.write(body[:end])
                for _ in range(size // len(block)):
                    stream.write(block)
                stream.write(body[end:])
    return out.getvalue()


def many_members(data: bytes) -> bytes:
    """The Word file ``data`` with more (empty) files in it than a Word document has."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        for number in range(word_docx.MAX_MEMBERS):
            archive.writestr(f"word/media/extra{number}.bin", b"")
    return out.getvalue()


def claiming(data: bytes, size: int) -> bytes:
    """The Word file ``data`` whose directory says every member unpacks to ``size`` bytes."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", patched, at + 24, size)
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


def declared(body: bytes, declaration: bytes, use: bytes) -> bytes:
    """An XML part with ``declaration`` after its XML declaration and ``use`` in its first
    text."""
    start = body.index(b"?>") + 2
    text = body.index(b"</", body.index(b"<w:t") if b"<w:t" in body else 0)
    return body[:start] + declaration + body[start:text] + use + body[text:]


TOO_BIG = word_docx.MAX_XML_BYTES + (50 << 20)
#: Each way to unpack to too much: the text itself, a part only Pandoc reads (the notes), too
#: many files, and a directory that says each file is just within the limit.
BOMBS: dict[str, Callable[[bytes], bytes]] = {
    "document": lambda data: grown(data, "word/document.xml", TOO_BIG),
    "notes": lambda data: grown(data, "word/footnotes.xml", TOO_BIG),
    "members": many_members,
    "total": lambda data: claiming(data, word_docx.MAX_XML_BYTES),
}


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_word_file_too_big_to_unpack_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], outline: bytes, bomb: str
) -> None:
    assert word_docx.MAX_XML_BYTES * len(members(outline)) > word_docx.MAX_DOCX_BYTES * 5
    data = BOMBS[bomb](outline)
    assert len(data) < 1 << 20  # small on disk
    word = tmp_path / "bomb.docx"
    word.write_bytes(data)
    root = write_files(tmp_path / "project", source_files())
    before = snapshot(root)
    started = time.monotonic()
    assert run_cli("import", word, root, "--slug", "fresh") == 2
    assert time.monotonic() - started < 5
    assert capsys.readouterr().err == (
        f"briefing: {word}: unpacks to more files or bytes than a Word document has; it may be "
        "damaged or built to harm; save it again from Word\n"
    )
    assert differences(before, snapshot(root)) == []


#: An entity declaration in each part briefing reads: the text, the styles (a billion laughs)
#: and the record (a file's contents). Only briefing reads the record: without its refusal,
#: that file would be imported.
ENTITIES = {
    "laughs in the text": ("word/document.xml", LAUGHS, b"&lol9;"),
    "laughs in the styles": ("word/styles.xml", LAUGHS, b"&lol9;"),
    "a file in the record": (
        "docProps/custom.xml",
        b'<!DOCTYPE Properties [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
        b"&ext;",
    ),
}


@pytest.mark.parametrize("case", list(ENTITIES))
def test_a_word_file_declaring_entities_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: bytes, case: str
) -> None:
    name, declaration, use = ENTITIES[case]
    word = tmp_path / "entities.docx"
    part = declared(members(exported)[name], declaration, use)
    word.write_bytes(rezipped(exported, {name: part}))
    root = write_files(tmp_path / "project", source_files())
    before = snapshot(root)
    started = time.monotonic()
    assert run_cli("import", word, root, "--slug", "fresh") == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {word}: is damaged") and err.count("\n") == 1, err
    assert differences(before, snapshot(root)) == []


# --- 4. Pictures linked from outside the Word file ---------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP server on loopback, and the connections made to it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    accepted: list[socket.socket] = []
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            with contextlib.suppress(OSError):
                connection, _ = server.accept()
                accepted.append(connection)
                connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    done.set()
    thread.join()
    server.close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt of this process to look up a name or open a connection, refused."""
    attempts: list[object] = []

    def refuse(*args: object, **_: object) -> Any:
        attempts.append(args)
        raise OSError("the network is off in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def linked(data: bytes, target: str, attribute: str = "embed") -> bytes:
    """The exported Word file with its picture linked to ``target`` instead of held in it."""
    parts = members(data)
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    found = re.search(r'Target="(media/[^"]+)"', rels)
    assert found is not None
    rels = rels.replace(found[0], f'Target="{escape(target)}" TargetMode="External"')
    document = parts["word/document.xml"].replace(b"r:embed=", f"r:{attribute}=".encode())
    return rezipped(
        data,
        {
            "word/_rels/document.xml.rels": rels.encode("utf-8"),
            "word/document.xml": document,
            f"word/{found[1]}": None,
        },
    )


def test_a_picture_linked_from_outside_is_neither_read_nor_fetched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: bytes,
    listener: tuple[int, list[socket.socket]],
    no_network: list[object],
) -> None:
    port, accepted = listener
    secret = picture((9, 7), (250, 0, 120))
    (tmp_path / "secret.png").write_bytes(secret)
    passwd = Path("/etc/passwd").read_bytes()
    targets = {
        "system file": ("file:///etc/passwd", "embed"),
        "file beside": ((tmp_path / "secret.png").as_uri(), "embed"),
        "file by link": ((tmp_path / "secret.png").as_uri(), "link"),
        "unknown host": ("http://example.invalid/x.png", "embed"),
        "loopback": (f"http://127.0.0.1:{port}/x.png", "embed"),
        "loopback by link": (f"http://127.0.0.1:{port}/x.png", "link"),
    }
    for name, (target, attribute) in targets.items():
        root = write_files(tmp_path / name / "project", source_files())
        word = tmp_path / name / "linked.docx"
        word.write_bytes(linked(exported, target, attribute))
        assert run_cli("import", word, root, "--slug", "fresh") == 0, name
        err = capsys.readouterr().err
        assert (
            f'{word}: warning: a picture linked to a file outside the Word file under "First '
            'section" was left out (it is not read)'
        ) in err, (name, err)
        assert BODY in (root / "content/fresh/01-first.md").read_text("utf-8")
        for path in (root / "content/fresh").rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert secret not in data and passwd not in data, (name, path)
    assert no_network == []
    time.sleep(0.2)  # the listener accepts what reaches it within its timeout
    assert accepted == []


# --- 5. Export reads images inside the project only --------------------------------------------


def test_export_embeds_no_image_from_outside_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = picture((11, 5), (10, 200, 10))
    (tmp_path / "outside.png").write_bytes(outside)
    sources = {
        "images/link.png": "content/test/images/link.png",
        "../../../outside.png": "content/test/../../../outside.png",
        f"{tmp_path}/outside.png": f"{tmp_path}/outside.png",
        f"file://{tmp_path}/outside.png": f"content/test/file:{tmp_path}/outside.png",
    }
    translated = "# Première section\n\n![Point](images/dot.png)\n\n" + "".join(
        f"![Image {n}]({src})\n\n" for n, src in enumerate(sources)
    )
    root = write_files(
        tmp_path / "project",
        source_files(
            **{
                # The summary goes to Pandoc as it is, image and all.
                "content/test/index.md": f"---\ntitle: T\nsummary: See ![s]({tmp_path}/outside."
                "png)\n---\nOpening.\n",
                "content/test/01-first.fr.md": translated + "Corps de la section.\n",
            }
        ),
    )
    (root / "content/test/images/link.png").symlink_to(tmp_path / "outside.png")
    assert run_cli("export", "test", root, "--lang", "fr", "--translated") == 0
    assert run_cli("export", "test", root, "--lang", "fr") == 0
    err = capsys.readouterr().err
    for shown in sources.values():
        assert f"{shown}: warning: this image cannot go into the Word file" in err, shown
    encoded = base64.b64encode(outside)
    for kind in ("review", "translation"):
        parts = members((root / f"build/fr/test-for-{kind}.docx").read_bytes())
        media = [name for name in parts if name.startswith("word/media/")]
        assert [parts[name] for name in media] == [PNG_1PX], kind
        assert not [name for name, body in parts.items() if outside in body or encoded in body]


def test_export_names_the_image_that_leads_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.png").write_bytes(PNG_1PX)
    root = write_files(
        tmp_path / "project",
        source_files(**{"content/test/01-first.md": "# First\n\n![Dot](images/link.png)\n"}),
    )
    (root / "content/test/images/link.png").symlink_to(tmp_path / "outside.png")
    assert run_cli("export", "test", root, "--lang", "fr") == 1
    err = capsys.readouterr().err
    assert (
        f"content/test/01-first.md:3: image 'images/link.png': content/test/images/link.png is "
        f"a link to {tmp_path}/outside.png, outside the project folder"
    ) in err
    assert err.endswith("briefing: test cannot be exported until these errors are fixed\n")
    assert not (root / "build").exists()


def garbled(data: bytes, name: str) -> bytes:
    """The Word file ``data`` with the start of its member ``name``'s compressed bytes
    changed: the zip's directory is intact, the member no longer unpacks."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    (name_length, extra_length) = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    return data[:start] + bytes(b ^ 0xFF for b in data[start : start + 2]) + data[start + 2 :]


@pytest.mark.parametrize("name", ["word/document.xml", "word/footnotes.xml"])
def test_a_word_file_whose_parts_do_not_unpack_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], outline: bytes, name: str
) -> None:
    word = tmp_path / "garbled.docx"
    word.write_bytes(garbled(outline, name))
    root = write_files(tmp_path / "project", source_files())
    before = snapshot(root)
    assert run_cli("import", word, root, "--slug", "fresh") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {word}: is damaged") and err.count("\n") == 1, err
    assert differences(before, snapshot(root)) == []


# --- 6. Damaged files, at random --------------------------------------------------------------

#: What is damaged: the .docx's bytes (None), or one part's, which is then zipped again.
TARGETS = (
    None,
    "word/document.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
    "[Content_Types].xml",
)
edits = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert"]),
        st.integers(min_value=0, max_value=1 << 20),
        st.binary(min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=4,
)


def damaged(data: bytes, changes: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, position, some in changes:
        at = position % max(len(out), 1)
        if kind == "flip":
            out[at : at + len(some)] = bytes(
                b ^ (s or 0x20) for b, s in zip(out[at : at + len(some)], some, strict=False)
            )
        elif kind == "cut":
            del out[at:]
        else:
            out[at:at] = some
    return bytes(out)


@settings(max_examples=60)
@given(target=st.sampled_from(TARGETS), changes=edits)
def test_a_damaged_word_file_is_refused_or_imported_never_an_internal_error(
    outline: bytes, target: str | None, changes: list[tuple[str, int, bytes]]
) -> None:
    if target is None:
        data = damaged(outline, changes)
    else:
        data = rezipped(outline, {target: damaged(members(outline)[target], changes)})
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "project", base_files())
        word = Path(folder) / "damaged.docx"
        word.write_bytes(data)
        before = snapshot(Path(folder))
        stream = io.StringIO()
        with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
            code = main(["import", str(word), str(root), "--slug", "fresh"])
        output = stream.getvalue()
        assert code in (0, 1, 2), output
        assert "internal error" not in output and "Traceback" not in output, output
        if code == 2:
            # One line, about the file (not Pandoc's inner workings), and nothing written.
            assert output.startswith(f"briefing: {word}: ") and output.count("\n") == 1, output
            assert " called at " not in output, output
            assert differences(before, snapshot(Path(folder))) == [], output
