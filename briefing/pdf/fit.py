"""Shrink to fit: the largest scale at which a handout fits on one page, in few renders.

A handout's type and spacing share one scale. Its height grows roughly with the square of the
scale (lines get taller and, being wider, more numerous), so one render at full size is enough
to guess the scale that fits; each further render corrects the exponent of that model from two
measured points. At most four renders in all; a handout that fits is rendered once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar

MAX_RENDERS = 4
#: Aim a little below the page height, so rounding never tips the text onto a second page.
_TARGET = 0.995
#: Scales closer than this to the best known one are not worth another render.
_PRECISION = 0.01


class Measured(Protocol):
    @property
    def pages(self) -> int: ...
    @property
    def content_mm(self) -> float: ...
    @property
    def available_mm(self) -> float: ...


R = TypeVar("R", bound=Measured)


def fit_to_page(render: Callable[[float], R], first: R, floor: float) -> tuple[R, float, int]:
    """The render at the largest scale (>= ``floor``) that fits one page.

    ``first`` is the render at scale 1. Returns that render, its scale and the number of
    renders made (``first`` included). If even ``floor`` overflows, the render at ``floor`` is
    returned (with more than one page).
    """
    trials: dict[float, R] = {1.0: first}
    if first.pages == 1:
        return first, 1.0, 1
    target = first.available_mm * _TARGET
    scale = max(floor, _round(math.sqrt(target / first.content_mm)))
    while len(trials) < MAX_RENDERS and scale not in trials:
        trials[scale] = render(scale)
        fitting = [s for s, r in trials.items() if r.pages == 1]
        failing = [s for s, r in trials.items() if r.pages > 1]
        best, lowest_failure = max(fitting, default=None), min(failing)
        if best is None and lowest_failure <= floor:
            break
        if best is not None and lowest_failure - best <= _PRECISION:
            break
        guess = _estimate(trials, target)
        low = best + 0.002 if best is not None else floor
        scale = _round(min(max(guess, low), lowest_failure - 0.002))
    best = max((s for s, r in trials.items() if r.pages == 1), default=None)
    if best is None:
        lowest = min(trials)
        return trials[lowest], lowest, len(trials)
    return trials[best], best, len(trials)


def _estimate(trials: Mapping[float, Measured], target: float) -> float:
    """The scale where the content height would meet ``target``, by a power law fitted to the
    two measurements nearest to it."""
    points = sorted(trials.items(), key=lambda item: abs(item[1].content_mm - target))[:2]
    (s1, r1), (s2, r2) = points
    exponent = 2.0
    if s1 != s2 and r1.content_mm != r2.content_mm:
        exponent = math.log(r1.content_mm / r2.content_mm) / math.log(s1 / s2)
        exponent = min(max(exponent, 0.5), 4.0)
    return float(s1 * (target / r1.content_mm) ** (1 / exponent))


def _round(scale: float) -> float:
    """Scales are kept to three decimals so the same input always gives the same scale."""
    return math.floor(scale * 1000) / 1000
