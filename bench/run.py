"""Benchmark of `briefing build`, each figure a ratio to a reference measured in the same run.

    .venv/bin/python bench/run.py            # full size: 3 publications x 6 languages x 2 kinds
    .venv/bin/python bench/run.py --quick    # smoke test: 1 publication x 2 languages x 2 kinds

Item 8 builds a long pack (the example's sections over and over: about 170 pages, or 45 with
--quick) and the example's pack alone, and reports the peak memory of each process and the
memory a hundred pages more take.

The generated project copies the example publication (a 13-16 page pack and a one-page
handout per language). Times are of fresh processes, so each figure includes Python's
start-up, as a person running the command would see it. Where two commands are compared, they
run in turns (A, B, A, B...) and the figure is the median of the ratios of each pair: the
machines are shared, and their speed drifts by a fifth from one second to the next.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"]


def make_project(folder: Path, publications: int, languages: list[str], name: str) -> Path:
    """A project with ``publications`` copies of the example, in ``languages``."""
    root = folder / name
    (root / "content").mkdir(parents=True)
    config = (REPO / "briefing.toml").read_text()
    config = config.replace(
        'languages = ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"]',
        "languages = [" + ", ".join(f'"{tag}"' for tag in languages) + "]",
    )
    (root / "briefing.toml").write_text(config)
    for number in range(1, publications + 1):
        shutil.copytree(REPO / "content/egm-2016", root / "content" / f"briefing-{number}")
    return root


def make_long_project(folder: Path, copies: int) -> Path:
    """A project of one English pack: the example's sections ``copies`` times over."""
    root = folder / "long"
    content = root / "content" / "long"
    content.mkdir(parents=True)
    source = REPO / "content/egm-2016"
    shutil.copy(source / "index.md", content / "index.md")
    shutil.copytree(source / "images", content / "images")
    sections = sorted(source.glob("0[1-9]-*.md"))
    sections = [path for path in sections if path.name.count(".") == 1]  # the English ones
    number = 0
    for copy in range(copies):
        for path in sections:
            number += 1
            name = path.name.split("-", 1)[1]
            (content / f"{number:03d}-{copy}-{name}").write_text(path.read_text())
    config = (REPO / "briefing.toml").read_text()
    config = config.replace(
        'languages = ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"]', 'languages = ["en-GB"]'
    )
    (root / "briefing.toml").write_text(config)
    return root


def run(command: list[str], cwd: Path, output: list[str] | None = None) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one process; its output lines go to ``output``."""
    start = time.perf_counter()
    stdout = subprocess.PIPE if output is not None else subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    if output is not None:
        assert process.stdout is not None
        output += process.stdout.read().decode().splitlines()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        assert process.stderr is not None
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def pack_memory(root: Path, slug: str) -> tuple[int, int]:
    """Peak memory (KiB) of a process building one English pack, and its pages."""
    shutil.rmtree(root / "build", ignore_errors=True)
    lines: list[str] = []
    command = ["build", "--only", slug, "--lang", "en-GB", "--kind", "pack", "--jobs", "1"]
    _, memory = run(briefing(*command), root, lines)
    pages = [int(found) for line in lines for found in re.findall(r"  ([0-9]+) pages?,", line)]
    return memory, pages[0]


def median_time(
    command: list[str], cwd: Path, repeat: int, prepare: Callable[[], None] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        times.append(run(command, cwd)[0])
    return statistics.median(times)


def paired(
    first: list[str],
    second: list[str],
    cwd: Path,
    repeat: int,
    prepare: Callable[[], None] | None = None,
) -> tuple[float, float, float]:
    """The two commands in turns: the median ratio of each pair, and each one's median time."""
    ratios, firsts, seconds = [], [], []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        a = run(first, cwd)[0]
        if prepare is not None:
            prepare()
        b = run(second, cwd)[0]
        ratios.append(a / b)
        firsts.append(a)
        seconds.append(b)
    return statistics.median(ratios), statistics.median(firsts), statistics.median(seconds)


def briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing.cli", *args]


def on_one_core(command: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else command


def save_html(root: Path, out: Path, slug: str, language: str, kind: str) -> Path:
    """The final HTML of one edition, as briefing renders it."""
    sys.path.insert(0, str(REPO))
    import briefing as api

    report = api.check_project(root, only=slug, languages=[language], kinds=[kind])
    path = out / f"{slug}-{language}-{kind}.html"
    path.write_text(report.prepared[0].html, encoding="utf-8")
    return path


def raw_weasyprint(html: Path, base: Path, pdf: Path) -> list[str]:
    """WeasyPrint alone on the same HTML, with the options of briefing's screen profile."""
    return [
        sys.executable,
        "-m",
        "weasyprint",
        "--pdf-variant",
        "pdf/ua-1",
        "--custom-metadata",
        "--base-url",
        base.as_uri() + "/",
        str(html),
        str(pdf),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke test")
    args = parser.parse_args()
    publications, languages, repeat = (
        (1, ["en-GB", "zh-Hans"], 1) if args.quick else (3, LANGUAGES, 3)
    )
    pairs = 1 if args.quick else 11
    editions = publications * len(languages) * 2
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    print(
        f"benchmark: {publications} publication(s) x {len(languages)} languages x 2 kinds "
        f"= {editions} editions; medians of {repeat} (of {pairs} pairs for 1); {env_note}"
    )

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        root = make_project(folder, publications, languages, "project")
        out = folder / "out"
        out.mkdir()
        html_dir = folder / "html"
        html_dir.mkdir()

        def clean(project: Path = root) -> Callable[[], None]:
            return lambda: shutil.rmtree(project / "build", ignore_errors=True)

        # 1. One pack end to end, against WeasyPrint alone on the same final HTML; then the
        #    same on one core, where nothing can be done while WeasyPrint loads.
        pack_html = save_html(root, html_dir, "briefing-1", "en-GB", "pack")
        base = root / "content/briefing-1"
        one_pack = briefing(
            "build", "--only", "briefing-1", "--lang", "en-GB", "--kind", "pack", "--jobs", "1"
        )
        floor_command = raw_weasyprint(pack_html, base, out / "floor.pdf")
        one_ratio, one, floor = paired(one_pack, floor_command, root, pairs, clean())
        core_ratio, one_core, floor_core = paired(
            on_one_core(one_pack), on_one_core(floor_command), root, pairs, clean()
        )
        # 2. A full build on one process, against one WeasyPrint process per edition.
        full_1 = median_time(briefing("build", "--jobs", "1"), root, repeat, clean())
        htmls = [
            (
                save_html(root, html_dir, f"briefing-{n}", language, kind),
                root / f"content/briefing-{n}",
            )
            for n in range(1, publications + 1)
            for language in languages
            for kind in ("pack", "handout")
        ]
        start = time.perf_counter()
        floor_memory = 0
        for index, (html, folder_) in enumerate(htmls):
            _, memory = run(raw_weasyprint(html, folder_, out / f"{index}.pdf"), root)
            floor_memory = max(floor_memory, memory)
        per_process = time.perf_counter() - start
        # 3. Two jobs against one: this project, and the example alone (12 editions).
        full_2 = median_time(briefing("build", "--jobs", "2"), root, repeat, clean())
        example = make_project(folder, 1, LANGUAGES, "example")
        example_2, example_1 = (
            median_time(briefing("build", "--jobs", jobs), example, repeat, clean(example))
            for jobs in ("2", "1")
        )
        # 4. Nothing changed.
        clean()()
        run(briefing("build", "--jobs", "2"), root)
        unchanged = median_time(briefing("build"), root, repeat)
        # 5. One section of one language edited (the last language: a translation).
        section = root / f"content/briefing-1/03-recommendations.{languages[-1]}.md"

        def edit() -> None:
            section.write_text(section.read_text() + "\nOne more sentence.\n")

        one_edit = median_time(briefing("build"), root, repeat, edit)
        # 6. The Chinese pack against the English one.
        chinese = median_time(
            briefing(
                "build",
                "--only",
                "briefing-1",
                "--lang",
                "zh-Hans",
                "--kind",
                "pack",
                "--jobs",
                "1",
            ),
            root,
            repeat,
            clean(),
        )
        # 7. Peak memory: a process rendering every edition, against the largest of the
        #    WeasyPrint processes of step 2 (one edition each).
        clean()()
        _, worker_memory = run(briefing("build", "--jobs", "1"), root)
        # 8. Peak memory of a long pack against the example's pack, and per 100 pages.
        long_root = make_long_project(folder, 4 if args.quick else 15)
        long_memory, long_pages = pack_memory(long_root, "long")
        short_memory, short_pages = pack_memory(root, "briefing-1")
        per_100_pages = (long_memory - short_memory) / (long_pages - short_pages) * 100

    rows = [
        ("1. one pack end to end / WeasyPrint alone on its HTML", one_ratio, one, floor, "<= 1.05"),
        (
            "1b. the same, both on one core",
            core_ratio,
            one_core,
            floor_core,
            "(no target)",
        ),
        (
            "2. full build, --jobs 1 / a WeasyPrint process per edition",
            full_1 / per_process,
            full_1,
            per_process,
            "<= 0.15",
        ),
        ("3. full build, --jobs 2 / --jobs 1", full_2 / full_1, full_2, full_1, "<= 0.6"),
        (
            "3b. the example (12 editions), --jobs 2 / --jobs 1",
            example_2 / example_1,
            example_2,
            example_1,
            "<= 0.6",
        ),
        (
            "4. rebuild, nothing changed / full build",
            unchanged / full_2,
            unchanged,
            full_2,
            "<= 0.05",
        ),
        (
            f"5. rebuild after one section edit (1 of {editions} editions) / full build",
            one_edit / full_2,
            one_edit,
            full_2,
            f"~ {1 / editions:.3f}",
        ),
        ("6. Chinese pack / English pack", chinese / one, chinese, one, "<= 1.5"),
        (
            "7. peak memory, all editions in one process / the largest one-edition WeasyPrint",
            worker_memory / floor_memory,
            worker_memory,
            floor_memory,
            "<= 1.3",
        ),
        (
            f"8. peak memory, a {long_pages}-page pack / the {short_pages}-page example pack",
            long_memory / short_memory,
            long_memory,
            short_memory,
            "(no target)",
        ),
    ]
    for label, ratio, value, reference, target in rows:
        unit = "MiB" if label.startswith(("7.", "8.")) else "s"
        scale = 1024 if unit == "MiB" else 1
        print(
            f"{label}: {ratio:.3f}  ({value / scale:.2f} {unit} / "
            f"{reference / scale:.2f} {unit}; target {target})"
        )
    print(
        f"8b. peak memory per 100 pages more, from the two packs of 8: "
        f"{per_100_pages / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
