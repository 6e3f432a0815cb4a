"""The registry of difference typers: one small function per difference kind.

A typer is a function ``typer(a, b, ctx) -> list[dict]`` registered with ``@register(kind)``.
``a`` and ``b`` are the two aligned claims as claim views (crosscheck.comparison.views:
dicts with text, entities, quantities, times, speaker, certainty, lemmas ...); ``ctx`` is a
:class:`Context` (the entity judge, and the rows earlier typers produced for this pair).
It returns rows made with :func:`row` (kind, severity, explanation, value_a, value_b,
direction, detail). A typer may emit rows of the kinds it declares in ``emits`` (for example
the quantity typer also emits ``reference_point``).

Typers run in registration order (``order``: lower first); later typers see earlier rows in
``ctx.rows`` (characterization skips words other typers already explained).
A typer that raises is named in the error (:class:`TyperError`). A typer that cannot decide
returns a row whose ``detail`` starts with ``undecided:`` and says why; it never guesses.

Adding a kind = one module in this package that calls ``register`` + its tests; list the module
in ``_MODULES`` below so it is imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from crosscheck.comparison.normalise import text_of

UNDECIDED = "undecided: "


class TyperError(RuntimeError):
    """A typer raised: the message names the typer and the two claims."""


@dataclass(frozen=True)
class Typer:
    kind: str
    func: Callable
    order: int
    emits: tuple[str, ...]


@dataclass
class Context:
    """What a typer may use besides the two claims: the entity judge and earlier rows."""

    judge: object = None
    rows: list = field(default_factory=list)


_REGISTRY: dict[str, Typer] = {}
_ORDER: list[Typer] = []  # the registry in running order (typers())


def register(kind: str, order: int = 50, emits: tuple[str, ...] = ()):
    """Decorator: register ``func`` as the typer of ``kind`` (one typer per kind)."""

    def deco(func):
        if kind in _REGISTRY and _REGISTRY[kind].func is not func:
            raise ValueError(f"a typer for kind {kind!r} is already registered")
        _REGISTRY[kind] = Typer(kind, func, order, tuple(dict.fromkeys((kind, *emits))))
        return func

    return deco


def typers() -> list[Typer]:
    """The registered typers in the order they run (sorted again when the registry changed)."""
    if not _ORDER:
        _load()
    if len(_ORDER) != len(_REGISTRY) or any(_REGISTRY.get(t.kind) is not t for t in _ORDER):
        _ORDER[:] = sorted(_REGISTRY.values(), key=lambda t: (t.order, t.kind))
    return list(_ORDER)


def row(kind, severity, explanation, value_a="", value_b="", direction="", detail="") -> dict:
    """One typed difference (the columns a typer fills; the assembly adds ids and texts)."""
    return {
        "kind": kind,
        "severity": int(severity),
        "explanation": explanation,
        "value_a": text_of(value_a),
        "value_b": text_of(value_b),
        "direction": direction,
        "detail": detail,
    }


def type_pair(a: dict, b: dict, judge=None, only: tuple[str, ...] | None = None) -> list[dict]:
    """Run every registered typer (or those of ``only``) on one aligned pair, in order."""
    ctx = Context(judge=judge)
    for typer in typers():
        if only is not None and typer.kind not in only:
            continue
        try:
            found = typer.func(a, b, ctx)
        except Exception as exc:
            raise TyperError(
                f"typer {typer.kind!r} ({typer.func.__module__}.{typer.func.__name__}) failed "
                f"on the claims {a.get('text', '')[:60]!r} / {b.get('text', '')[:60]!r}: {exc}"
            ) from exc
        for r in found:
            if r["kind"] not in typer.emits:
                raise TyperError(
                    f"typer {typer.kind!r} returned a row of kind {r['kind']!r}; "
                    f"it may emit only {typer.emits}"
                )
        ctx.rows.extend(found)
    return ctx.rows


_MODULES = (
    "role",
    "polarity",
    "outcome",
    "entity_variant",
    "referent",
    "quote",
    "detail",
    "quantity",
    "attribution",
    "certainty",
    "time",
    "characterization",
)


def _load() -> None:
    for name in _MODULES:
        importlib.import_module(f"{__name__}.{name}")
