"""Typer `characterization` (severity 2): evaluative or loaded wording on one side only.

Only words of the lexicons count: ``loaded_terms`` (a loaded word in one claim whose lemma the
other claim lacks: "brutal", "regime", "massacre") and ``loaded_pairs`` (a neutral word in one
claim where the other has its loaded counterpart: "soldiers" / "militants"). Synonyms, tense,
word order and function words never make a row. Loaded words that an earlier typer already
reported (a polarity flip, a different referent) are not repeated; the detail typer runs after
this one and leaves these words out.
"""

from __future__ import annotations

from crosscheck.comparison.normalise import tokens, word_keys
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon

_LOADED = lexicon.by_attr("loaded_terms", "tone")
_PAIRS = [(e.entry, e.attrs["loaded"]) for e in lexicon.load("loaded_pairs")]


def _explained(ctx) -> set[str]:
    out: set[str] = set()
    for r in ctx.rows:
        for v in (r["value_a"], r["value_b"]):
            out |= word_keys(v)
    return out


def _lemmas(text: str) -> dict[str, str]:
    return {t.lemma: t.text for t in tokens(text)}


@register("characterization", order=70)
def characterization_rows(a, b, ctx) -> list[dict]:
    la, lb = _lemmas(a["text"]), _lemmas(b["text"])
    skip = _explained(ctx)
    found_a, found_b, why = [], [], []
    for neutral, loaded in _PAIRS:
        for x, y in ((neutral, loaded), (loaded, neutral)):
            if x in la and y in lb and x not in lb and y not in la and not {x, y} & skip:
                found_a.append(la[x])
                found_b.append(lb[y])
                why.append(f"'{la[x]}' / '{lb[y]}'")
    paired = {w.lower() for w in found_a + found_b}
    for side, mine, theirs, found in (("A", la, lb, found_a), ("B", lb, la, found_b)):
        for lemma, word in mine.items():
            tone = _LOADED.get(lemma)
            if tone and lemma not in theirs and lemma not in skip and word.lower() not in paired:
                found.append(word)
                why.append(f"{side} only: '{word}' ({tone})")
    if not why:
        return []
    wa, wb = " | ".join(found_a), " | ".join(found_b)
    return [
        row(
            "characterization",
            2,
            "The wording takes a stance on one side: " + "; ".join(why) + ".",
            wa,
            wb,
            detail="loaded wording: " + "; ".join(why),
        )
    ]
