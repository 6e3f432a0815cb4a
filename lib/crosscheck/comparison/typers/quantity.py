"""Typer `quantity` (also emits `reference_point`): the stated numbers of two aligned claims
read as intervals (crosscheck.text.amounts: ranges, "about", "more than", "a dozen", "hundreds
of", units and currencies) and compared.

- Numbers that can both be true (same dimension, overlapping intervals: "three of the wounded" /
  "3 wounded", "about 200" / "210", "5 miles" / "8 km") are the same: no row, unless the same
  number is measured from something else (`reference_point`, severity 3), or one side gives as
  an open bound the very number the other states exactly ("at least 10" / "10", "up to 500" /
  "500": the count is hedged on one side, like a hedged claim) -> `quantity`, severity 3.
- Numbers of one dimension that cannot both be true are a `quantity` row, severity 4, when they
  count the same thing (same counted noun, or the only remaining number of that dimension on each
  side when the counted nouns can name the same things: :func:`counts_alike`); numbers of
  different dimensions or currencies, and counts of different things ("three boats" / "26
  pirates"), are never compared.
- A number only one side states is a `quantity` row of severity 2 (a missing detail), except a
  pronominal "one" ("one of the victims") or a lone "first", which state no number.
Numbers inside time expressions and names (a year, "76ers") are not amounts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.comparison.normalise import STOP, text_of, tokens, word_keys
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon
from crosscheck.text.amounts import Amount, amounts, compatible, describe


def _spans(text: str, pieces) -> list[tuple[int, int]]:
    out = []
    for piece in pieces:
        piece = text_of(piece)
        if not piece:
            continue
        for m in re.finditer(re.escape(piece), text):
            out.append(m.span())
    return out


def claim_amounts(info: dict) -> list[Amount]:
    """The amounts of a claim view, leaving out its time expressions and names."""
    text = info["text"]
    skip = _spans(text, [t.get("text") for t in info.get("times", [])])
    skip += _spans(text, [e[0] for e in info.get("ents", []) if re.search(r"\d", e[0])])
    return list(_amounts(text, tuple(skip)))


@lru_cache(maxsize=65536)
def _amounts(text: str, skip: tuple) -> tuple[Amount, ...]:
    """amounts, cached: a claim is typed against each of its partners (Amount is frozen)."""
    return tuple(amounts(text, skip))


def _noun(info: dict, x: Amount) -> str:
    """The lemma of the counted noun ("wounded", "soldier"), "" when there is none."""
    if not x.noun or x.noun in STOP:
        return ""
    tok = next((t for t in tokens(info["text"]) if t.idx >= x.end and t.lower == x.noun), None)
    return tok.lemma if tok is not None and tok.lemma not in STOP else x.noun


_GROUP = lexicon.by_attr("count_nouns", "group")
_LIGHT = lexicon.words("light_nouns")
_REFERENCE_WORDS = lexicon.words("reference_point_words")


def counts_alike(surface_x: str, lemma_x: str, surface_y: str, lemma_y: str) -> bool:
    """Can two counts with these counted nouns count the same things? Yes when a noun is
    missing or is a light head ("people", "person"), or both nouns are of one group of the
    count_nouns lexicon ("soldiers" / "troops": people); no for two different nouns otherwise
    ("three boats" / "26 pirates", "two games" / "15 losses": different things counted)."""
    if not lemma_x or not lemma_y or lemma_x == lemma_y:
        return True
    if {lemma_x, lemma_y} & _LIGHT:
        return True
    gx = _GROUP.get(surface_x) or _GROUP.get(lemma_x)
    gy = _GROUP.get(surface_y) or _GROUP.get(lemma_y)
    return gx is not None and gx == gy


def _after(text: str, end: int) -> str:
    """The words after a quantity up to punctuation: what it is measured from or of."""
    tail = re.split(r"[,;.:!?()\"“”]|\baccording\b|\bsaid\b", text[end:], maxsplit=1)[0]
    return " ".join(tail.split()[:10])


def _reference_row(a, b, x: Amount, y: Amount) -> list[dict]:
    ref_a, ref_b = _after(a["text"], x.end), _after(b["text"], y.end)
    first = re.split(r"[\s-]", ref_a.strip(), maxsplit=1)[0].lower()  # "north-east of"
    if first not in _REFERENCE_WORDS:
        return []
    sa, sb = set(word_keys(ref_a)), set(word_keys(ref_b))
    if not (sa and sb) or len(sa & sb) / len(sa | sb) >= 0.34:
        return []
    return [
        row(
            "reference_point",
            3,
            f"Both give '{x.text.strip()}', but A measures it {ref_a!r} and B {ref_b!r}.",
            ref_a,
            ref_b,
            detail=f"quantity {describe(x)}",
        )
    ]


def _match(xs: list[Amount], ys: list[Amount], ok) -> list[tuple[Amount, Amount]]:
    """Greedy pairs (x, y) with ok(x, y), each amount used once, in text order."""
    pairs, used = [], set()
    for x in xs:
        j = next((j for j, y in enumerate(ys) if j not in used and ok(x, y)), None)
        if j is not None:
            used.add(j)
            pairs.append((x, ys[j]))
    return pairs


def _shown(info: dict, x: Amount) -> str:
    """The number as the claim writes it, with its counted noun when it follows directly."""
    text = x.text.strip()
    if x.dimension == "count" and x.noun:
        m = re.match(rf"\s+{re.escape(x.noun)}\b", info["text"][x.end :], re.IGNORECASE)
        if m:
            text += m.group(0)
    return " ".join(text.split())


def _conflict_row(a, b, x: Amount, y: Amount) -> dict:
    what = f" ({_noun(a, x) or _noun(b, y) or x.dimension})" if x.dimension == "count" else ""
    return row(
        "quantity",
        4,
        f"A gives '{_shown(a, x)}' where B gives '{_shown(b, y)}'{what}: the numbers cannot "
        f"both be true ({describe(x)} vs {describe(y)}).",
        _shown(a, x),
        _shown(b, y),
        detail=f"{describe(x)} vs {describe(y)}",
    )


def _bound(x: Amount, y: Amount) -> bool:
    """`y` is an open bound at exactly the single value `x` ("at least 10" / "10", "up to 10"
    / "10"): both can be true, but one side hedges the number the other states firmly."""
    if not x.exact or y.exact or y.is_range or x.low != x.high or x.pronominal:
        return False
    return (y.low == x.low) != (y.high == x.high)


def _bound_row(a, b, x: Amount, y: Amount) -> list[dict]:
    for side, firm, hedged, info_f, info_h in (("B", x, y, a, b), ("A", y, x, b, a)):
        if _bound(firm, hedged):
            wa, wb = (_shown(a, x), _shown(b, y))
            return [
                row(
                    "quantity",
                    3,
                    f"{side} gives '{_shown(info_h, hedged)}' as a bound where the other states "
                    f"exactly '{_shown(info_f, firm)}': the same number, hedged on one side.",
                    wa,
                    wb,
                    detail=f"bound vs exact: {describe(x)} vs {describe(y)}",
                )
            ]
    return []


def _one_side_row(info, x: Amount, side: str) -> dict:
    other = "B" if side == "A" else "A"
    shown = _shown(info, x)
    return row(
        "quantity",
        2,
        f"Only {side} gives the number '{shown}'; {other} states no number for it.",
        shown if side == "A" else "",
        shown if side == "B" else "",
        detail=f"one side only: {describe(x)}",
    )


_LEADING_ONE = re.compile(r"\b(?:a|an)\s+[a-z]+\s+and\s*$", re.IGNORECASE)


def _sums(info, xs: list[Amount], ys: list[Amount]):
    """Counts joined by 'and' on one side whose sum is a count of the other ("two women and a
    man" / "three people"): yields (parts, total)."""
    counts = [x for x in xs if x.dimension == "count" and x.exact]
    for i in range(len(counts)):
        for j in range(i + 1, min(i + 4, len(counts) + 1)):
            parts = counts[i:j]
            gaps = [info["text"][p.end : q.start] for p, q in zip(parts, parts[1:], strict=False)]
            if not all(re.search(r"\band\b|,", g) and len(g.split()) <= 4 for g in gaps):
                continue
            total = sum(p.low for p in parts)
            lead = bool(_LEADING_ONE.search(info["text"][: parts[0].start]))
            if len(parts) == 1 and not lead:
                continue
            total += lead  # "a woman and two children"
            hit = next((y for y in ys if y.dimension == "count" and y.low <= total <= y.high), None)
            if hit is not None:
                yield parts, hit
                return


@register("quantity", order=20, emits=("reference_point",))
def quantity_rows(a, b, ctx) -> list[dict]:
    xs, ys = claim_amounts(a), claim_amounts(b)
    out: list[dict] = []
    same = _match(xs, ys, lambda x, y: compatible(x, y) and _noun(a, x) == _noun(b, y))
    same += _match(
        [x for x in xs if x not in {p[0] for p in same}],
        [y for y in ys if y not in {p[1] for p in same}],
        compatible,
    )
    for x, y in same:
        out += _reference_row(a, b, x, y) + _bound_row(a, b, x, y)
    xs = [x for x in xs if x not in {p[0] for p in same}]
    ys = [y for y in ys if y not in {p[1] for p in same}]

    def counts_same(x: Amount, y: Amount) -> bool:
        if x.dimension != y.dimension or x.pronominal or y.pronominal:
            return False
        nx, ny = _noun(a, x), _noun(b, y)
        if x.dimension != "count" or nx == ny:
            return True
        if not counts_alike(x.noun, nx, y.noun, ny):
            return False
        alone = sum(v.dimension == x.dimension for v in xs) == 1
        return alone and sum(v.dimension == y.dimension for v in ys) == 1

    for first, second, swap in ((xs, ys, False), (ys, xs, True)):
        for parts, total in _sums(a if not swap else b, first, second):
            first[:] = [v for v in first if v not in parts]
            second[:] = [v for v in second if v is not total]
    differ = _match(xs, ys, counts_same)
    out += [_conflict_row(a, b, x, y) for x, y in differ]
    paired_x, paired_y = {p[0] for p in differ}, {p[1] for p in differ}
    for side, info, left in (
        ("A", a, [x for x in xs if x not in paired_x]),
        ("B", b, [y for y in ys if y not in paired_y]),
    ):
        out += [_one_side_row(info, x, side) for x in left if not x.pronominal]
    return out
