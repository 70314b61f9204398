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

    @property
    def pages(self) -> int:
        return math.ceil(self.content_mm / self.available_mm)


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
