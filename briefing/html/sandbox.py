"""The sandbox every template runs in: a template may print the values it is given, and no
more. A project's templates may come from anyone (a template pack passed around).

Jinja's sandbox already refuses attributes that start with ``_`` (``__class__``,
``__globals__``), unsafe calls and ``str.format`` tricks. This one also keeps paths from being
followed to other files, refuses to make more than :data:`MOST` of anything (``range(10**9)``,
``2**100000000``, ``'x' * 10**10``, widths of a billion) and stops templates that include
each other without end before Python's stack runs out.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

#: The most a template may ask for at once: characters or items made, a number passed.
MOST = 1_000_000
#: How many times a template may be inside itself, through {% include %} or {% extends %}.
DEEPEST = 20
#: Widths and precisions in a %-format (``%0*d``, ``%(name).9f``) and in a str.format field
#: (``{:>20}``).
_PERCENT_SIZES = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")
_FIELD_SIZES = re.compile(r"\{[^{}]*?:[^{}\d]*(\d+)(?:\.(\d+))?")


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox (no attributes that start with ``_``, no unsafe calls, ``str.format``
    checked), where a path can be printed but not followed to other files, and no operator,
    call or filter is asked for more than :data:`MOST` of anything."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath):  # organisation.logo.parent.joinpath(...).read_text()
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: Any = None,
    ) -> jinja2.Template:
        # Templates that include each other without end would fail only when Python's stack
        # runs out, after a long time spent passing output up through every level.
        template = super().get_template(name, parent, globals)
        if _times_inside(template) >= DEEPEST:
            raise EndlessTemplates("templates include each other without end")
        return template

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _check_operands(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        _check_numbers([*args, *kwargs.values()])
        formatted = getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        if isinstance(formatted, str):  # str.format, as the sandbox wraps it
            _check_numbers(
                [int(n) for m in _FIELD_SIZES.finditer(formatted) for n in m.groups() if n]
            )
        return super().call(__context, __obj, *args, **kwargs)


class EndlessTemplates(jinja2.TemplateRuntimeError):
    """Templates that include (or extend) each other without end."""


def _times_inside(template: jinja2.Template) -> int:
    """How many times ``template`` is being rendered, one inside another, on this thread."""
    times, frame = 0, sys._getframe()
    while frame is not None:
        code = frame.f_code
        times += code.co_name == "root" and code.co_filename == template.filename
        frame = frame.f_back  # type: ignore[assignment]
    return times


class TooLarge(SecurityError):
    """A template asked for more than :data:`MOST` of something."""


def _check_numbers(values: Sequence[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MOST:
            raise TooLarge(f"{value} is more than a template may ask for (at most {MOST:,})")


def _check_operands(operator: str, left: Any, right: Any) -> None:
    """Refuse ``x ** y``, ``x * y`` and ``text % values`` whose result would be huge, before
    computing it (``2 ** 100000000``, ``'x' * 10**10``, ``'%0*d' % (10**10, 1)``)."""
    numbers = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    if operator == "**" and len(numbers) == 2 and abs(left) > 1 and right > 0:
        if left.bit_length() * right > 8 * MOST:
            raise TooLarge(f"{left} ** {right} is a larger number than a template may make")
    elif operator == "*" and len(numbers) == 2:
        if left.bit_length() + right.bit_length() > 8 * MOST:
            raise TooLarge("the product is a larger number than a template may make")
    elif operator == "*" and numbers:
        times, items = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(items, str | list | tuple) and len(items) * times > MOST:
            raise TooLarge(
                f"repeating something {times} times makes more than a template may (at most "
                f"{MOST:,} characters or items)"
            )
    elif operator == "%" and isinstance(left, str):
        sizes = [n for match in _PERCENT_SIZES.finditer(left) for n in match.groups() if n]
        values = right if isinstance(right, tuple) else (right,)
        _check_numbers([int(n) for n in sizes if n != "*"])
        if "*" in sizes:
            _check_numbers(values)


def bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers over :data:`MOST` among its arguments (a width of
    ``center``, ``indent``, ``format``, a count of ``batch`` or ``slice``): the value it
    filters is not checked."""
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers([*args[skip:], *kwargs.values()])
        if function.__name__ == "do_format" and args[skip - 1 :]:
            _check_operands("%", str(args[skip - 1]), tuple(args[skip:]) or kwargs)
        return function(*args, **kwargs)

    return bounded
