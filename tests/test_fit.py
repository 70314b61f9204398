"""The shrink-to-fit search, against a model of a handout's height."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from briefing.pdf.fit import MAX_RENDERS, fit_to_page

PAGE = 250.0


@dataclass(frozen=True)
class Fake:
    content_mm: float
    available_mm: float = PAGE
    #: The page breaks this much before the measured height reaches its bottom (a block that
    #: must stay with the next, widows).
    slack: float = 0.0

    @property
    def pages(self) -> int:
        return math.ceil((self.content_mm + self.slack) / self.available_mm)


def model(height_at_full_size: float, exponent: float):
    """Height grows as scale**exponent, in whole 4 mm lines."""

    def render(scale: float) -> Fake:
        return Fake(math.ceil(height_at_full_size * scale**exponent / 4) * 4)

    return render


@pytest.mark.parametrize("exponent", [1.6, 2.0, 2.4])
@pytest.mark.parametrize("height", [260, 280, 300, 320, 340])
def test_finds_a_fitting_scale_close_to_the_best_in_few_renders(height, exponent) -> None:
    render = model(height, exponent)
    result, scale, renders = fit_to_page(render, render(1.0), floor=0.75)
    assert result.pages == 1
    assert renders <= MAX_RENDERS
    best = max(s / 1000 for s in range(750, 1001) if render(s / 1000).pages == 1)
    assert best - scale <= 0.02, (best, scale)


def test_fitting_content_is_rendered_once() -> None:
    render = model(200, 2)
    assert fit_to_page(render, render(1.0), floor=0.85)[1:] == (1.0, 1)


def test_past_the_floor_returns_the_render_at_the_floor() -> None:
    render = model(600, 2)
    result, scale, renders = fit_to_page(render, render(1.0), floor=0.85)
    assert scale == 0.85 and result.pages == 2 and renders == 2


# ---- Heights that are not a smooth power of the scale ---------------------------------------


def fixed_parts(fixed: float, scaled: float, exponent: float):
    """A part that does not scale (a logo, a rule, a photo) above text whose height, in whole
    4 mm lines, grows as scale**exponent."""

    def render(scale: float) -> Fake:
        return Fake(fixed + math.ceil(scaled * scale**exponent / 4) * 4)

    return render


def wrapped_text(
    paragraphs: list[int], per_line: int, line: float, page: float = PAGE, slack: float = 0.0
):
    """Paragraphs of so many characters, each wrapped into whole lines of ``line`` mm (at
    full size) that hold ``per_line`` characters at full size: smaller type takes fewer lines
    of less height, so the height falls in steps, several paragraphs at once when they are
    alike, and one-line paragraphs only shrink with the type."""

    def render(scale: float) -> Fake:
        lines = sum(math.ceil(chars * scale / per_line) for chars in paragraphs)
        gaps = 0.65 * len(paragraphs)
        return Fake((lines + gaps) * line * scale, page, slack)

    return render


def with_jump(model, above: float, jump: float):
    """``model``, with a block that takes ``jump`` mm more above the scale ``above`` (a
    heading that no longer fits beside an image)."""

    def render(scale: float) -> Fake:
        result = model(scale)
        return Fake(result.content_mm + jump * (scale > above), result.available_mm, result.slack)

    return render


UNEVEN = {
    "fixed 60 mm, text as scale^2": fixed_parts(60, 240, 2.0),
    "fixed 100 mm, text as scale": fixed_parts(100, 230, 1.0),
    "fixed 30 mm, text as scale^1.5": fixed_parts(30, 330, 1.5),
    "one-line paragraphs": wrapped_text([50] * 40, 80, 5.5),
    "long paragraphs": wrapped_text([400, 650, 300, 520, 700] * 2, 90, 5.5),
    "mixed paragraphs, A5": wrapped_text([60, 120, 45, 300, 90, 75, 500, 60] * 2, 70, 4.7, 175),
    "alike paragraphs wrap at once": wrapped_text([95] * 34, 90, 5.5),
    "page breaks early": wrapped_text([140, 60, 380, 75, 45, 220] * 3, 85, 5.5, slack=3.0),
    "jump near the answer": with_jump(wrapped_text([120, 300, 80, 45] * 6, 90, 5.5), 0.7, 15),
    "big jump": with_jump(wrapped_text([70, 180, 95] * 6, 80, 5.5, 175), 0.78, 30),
    "fixed part and a jump": with_jump(fixed_parts(50, 300, 1.7), 0.6, 12),
}
#: Floors from 0.5 up, in steps that miss the hundredths too.
FLOORS = sorted({round(0.5 + 0.017 * n, 3) for n in range(27)} | {0.6, 0.7, 0.75, 0.8, 0.85, 0.9})


def _search_over_floors(render) -> list[str]:
    """What goes wrong searching ``render`` from every floor: an empty list when, whatever
    the floor, the search keeps to the render bound, finds a scale that fits within a
    hundredth of the best (the same one for every floor below it), or else returns the
    render at the floor."""
    first = render(1.0)
    best = max(s / 1000 for s in range(500, 1001) if render(s / 1000).pages == 1)
    wrong, found = [], {}
    for floor in FLOORS:
        calls: list[float] = []

        def counting(scale: float, calls=calls) -> Fake:
            calls.append(scale)
            return render(scale)

        result, scale, renders = fit_to_page(counting, first, floor)
        if not renders == len(calls) + 1 <= MAX_RENDERS <= 6:
            wrong.append(f"floor {floor}: {renders} renders {calls}")
        if best < floor:
            if (scale, result) != (floor, render(floor)) or result.pages == 1:
                wrong.append(f"floor {floor}: {scale} past the floor {calls}")
        elif result.pages > 1 or not floor <= scale <= best or best - scale >= 0.01:
            wrong.append(f"floor {floor}: {scale} (best {best}) {calls}")
        else:
            found[floor] = scale
    lowest = found.get(FLOORS[0])
    if {s for floor, s in found.items() if floor <= (lowest or 0)} != {lowest}:
        wrong.append(f"the scale depends on the floor: {found}")
    return wrong


def test_the_same_largest_scale_whatever_the_floor() -> None:
    wrong = {name: _search_over_floors(render) for name, render in UNEVEN.items()}
    assert all(render(1.0).pages > 1 for render in UNEVEN.values())
    assert {name: problems for name, problems in wrong.items() if problems} == {}
