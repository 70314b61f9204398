"""Shrink to fit: the largest scale at which a handout fits on one page, in few renders.

A handout's type and spacing share one scale. The scales tried are whole hundredths, and the
floor: the search ends only when it has rendered a scale that fits and the next one up that
does not (or the floor, when even that does not fit). So the scale found is the largest whole
hundredth that fits, within a hundredth of the best, and the same whatever the floor below it
and whichever scales were tried on the way there (as the height of a handout only grows with
its scale).

Each render is measured: the height its content would take on one endless page. Where the
content meets the page is estimated by a power law through two renders. With only the render
at full size, the height is taken to grow as the scale to the power 1.5: between one-line
paragraphs, which only shrink with the type (power 1), and long ones, which also take fewer
lines (power 2). Then come the two smallest renders that do not fit, while none does, and the
nearest on either side once one does. While nothing fits, the scale tried is the largest below
the estimate, lowered further after each miss so that fixed parts and jumps in height cannot
keep it just above the page; when the estimates have once been wrong, or two renders are
left, the scale tried is also one that leaves few enough scales on either side for halving
them to finish in the renders left.

A handout that fits is rendered once; one that does not, at most ``MAX_RENDERS`` (6) times in
all (the earlier promise of four was not enough to be sure of the best scale), usually four or
five: full size, an estimate or two, and the two scales either side of the best; two or three
when even the floor does not fit. Heights that jump by many lines at once can need more than
the renders left: the search then keeps the largest scale that fitted. The last render, when
nothing has fitted, is at the floor, so that the overflow reported is the floor's own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar

MAX_RENDERS = 6
#: Scales are counted in thousandths (three decimals: the same input gives the same scale) and
#: tried in steps of a hundredth.
_STEP = 10
_FULL = 1000
#: How a handout's height is taken to grow with its scale before a second render tells.
_FIRST_EXPONENT = 1.5


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
    if first.pages == 1:
        return first, 1.0, 1
    lowest = min(math.ceil(round(floor * _FULL, 6)), _FULL)
    trials: dict[int, R] = {_FULL: first}
    while len(trials) < MAX_RENDERS:
        scale = _next_scale(trials, lowest)
        if scale is None:
            break
        trials[scale] = render(scale / _FULL)
    fitting = [s for s, r in trials.items() if r.pages == 1]
    chosen = max(fitting) if fitting else min(trials)  # none fits: that is the floor
    return trials[chosen], chosen / _FULL, len(trials)


def _next_scale(trials: Mapping[int, Measured], lowest: int) -> int | None:
    """The next scale to render (in thousandths), or None when the search is over."""
    fits, fails = _bounds(trials)
    first_step = -(-lowest // _STEP) * _STEP
    candidates = {lowest} | set(range(first_step, fails, _STEP))
    untried = sorted(s for s in candidates if (fits or 0) < s < fails)
    if not untried:
        return None
    left = MAX_RENDERS - len(trials)
    if fits is None and left == 1:
        return lowest  # the last render: if nothing else fits, the floor's overflow is needed
    estimate = _estimate(trials)
    if fits is None:  # below the estimate (further below after misses), most likely to fit
        misses = len(trials) - 1
        estimate -= _STEP * ((1 << misses >> 1) - 1) if misses else 0
        return max((s for s in untried if s <= estimate), default=untried[0])
    if left <= 2 or _mispredicted(trials):
        room = (1 << left >> 1) - 1  # what halving finishes in the renders left after this one
        halvable = [s for i, s in enumerate(untried) if i <= room and len(untried) - 1 - i <= room]
        untried = halvable or untried
    return min(untried, key=lambda s: (abs(s - estimate), s))


def _bounds(trials: Mapping[int, Measured]) -> tuple[int | None, int]:
    """The largest scale tried that fits (None if none does), the smallest that does not."""
    fits = max((s for s, r in trials.items() if r.pages == 1), default=None)
    return fits, min(s for s, r in trials.items() if r.pages > 1)


def _estimate(trials: Mapping[int, Measured]) -> float:
    """The scale (in thousandths) at which the content would just fill the page."""
    fits, fails = _bounds(trials)
    target = trials[fails].available_mm
    height = {s: r.content_mm for s, r in trials.items()}
    if fits is not None:
        low, high = height[fits], height[fails]
        if not 0 < low < target < high:
            estimate = _power_law((fits, low), (fails, high), target)
            return (fits + fails) / 2 if estimate is None else estimate
        # The power law through the two, in logarithms: a straight line. When the last renders
        # all fell on one side, the render on the other side counts for half as much each time
        # (the Illinois method), so that a far render, beyond a jump in height, cannot keep the
        # estimates creeping one hundredth at a time.
        below, above = math.log(target / low), math.log(high / target)
        last, streak = _last_outcomes(trials)
        if streak > 1 and last:
            above /= 1 << (streak - 1)
        elif streak > 1:
            below /= 1 << (streak - 1)
        return math.exp(math.log(fits) + math.log(fails / fits) * below / (below + above))
    failing = sorted(s for s, r in trials.items() if r.pages > 1)
    if len(failing) > 1:
        estimate = _power_law(
            (failing[0], height[failing[0]]), (failing[1], height[failing[1]]), target
        )
        if estimate is not None:
            return estimate
    if height[fails] <= 0 or target <= 0:
        return 0.0  # nothing measured: try the floor
    return float(fails * (target / height[fails]) ** (1 / _FIRST_EXPONENT))


def _power_law(a: tuple[int, float], b: tuple[int, float], target: float) -> float | None:
    """Where the power law through the renders ``a`` and ``b`` (scale, height) meets
    ``target``; None unless the height grows with the scale."""
    (s1, h1), (s2, h2) = a, b
    if not (h1 > 0 and h2 > 0 and target > 0 and (h1 - h2) * (s1 - s2) > 0):
        return None
    exponent = min(max(math.log(h1 / h2) / math.log(s1 / s2), 0.5), 4.0)
    return float(s1 * (target / h1) ** (1 / exponent))


def _last_outcomes(trials: Mapping[int, Measured]) -> tuple[bool, int]:
    """Whether the last render fitted, and how many renders in a row (the first aside) did
    the same."""
    outcomes = [r.pages == 1 for s, r in trials.items() if s != _FULL]
    streak = 0
    for outcome in reversed(outcomes):
        if outcome != outcomes[-1]:
            break
        streak += 1
    return (outcomes[-1] if outcomes else False), streak


def _mispredicted(trials: Mapping[int, Measured]) -> bool:
    """Whether a scale tried once something fitted came out otherwise than estimated."""
    order = list(trials)
    for n in range(2, len(order)):
        before = {s: trials[s] for s in order[:n]}
        if _bounds(before)[0] is None:
            continue
        if (order[n] <= _estimate(before)) != (trials[order[n]].pages == 1):
            return True
    return False
