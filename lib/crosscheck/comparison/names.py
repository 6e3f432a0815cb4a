"""Name identity for the comparison layer, all through `crosscheck.entities.compare_names`.

EntityJudge(entities) gives a verdict ("same" | "variant" | "unresolved" | "distinct") for two
names: the case's entities table first (same cluster -> variant), else compare_names. No string
heuristic of its own: compare_names is the one authority on whether two names are one referent.
Also: name_tokens (a name without generic words), names_match (cheap containment test used to
pair entities; across scripts compare_names' same/variant), sources_match (names_match, or a
source word and its English equivalent across scripts: crosscheck.comparison.crosslang.same_source),
kind_group (GPE/LOC/FAC -> place, PERSON -> person, ORG/NORP -> org).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from crosscheck.comparison.crosslang import cross_script, same_source
from crosscheck.comparison.normalise import as_list, norm, text_of, word_keys
from crosscheck.entities import KINDS, check_place, compare_names

_GENERIC_NAME_WORDS = frozenset(
    "the forces force troops units army military oblast region province district city town "
    "village area".split()
)
_GAZETTEER_KINDS = {"gpe", "loc", "place", "location"}
_VERDICT_ORDER = {"same": 0, "variant": 1, "unresolved": 2, "distinct": 3}


def name_tokens(name: str) -> frozenset:
    """Name tokens without generic words ("Dnipropetrovsk oblast" ~ "Dnipropetrovsk region")."""
    return frozenset(re.findall(r"\w+", norm(name))) - _GENERIC_NAME_WORDS


def names_match(a: str, b: str) -> bool:
    """The same name: contained in the other, or (across scripts, where no containment can
    hold) one name rendered in two scripts, as compare_names judges it (Торецк / Toretsk: same
    transliteration key -> "variant")."""
    na, nb = norm(a), norm(b)
    if ent_match((a, "", na, name_tokens(a)), (b, "", nb, name_tokens(b))):
        return True
    return cross_script(a, b) and judge_names(a, b, "person")["verdict"] in ("same", "variant")


def sources_match(a: str, b: str) -> bool:
    """The same source: the same name (names_match), or across scripts a source word and its
    English equivalent (crosscheck.comparison.crosslang.same_source: министерство / the
    ministry)."""
    return names_match(a, b) or same_source(a, b)


def ent_match(ea: tuple, eb: tuple) -> bool:
    na, nb, ta, tb = ea[2], eb[2], ea[3], eb[3]
    if na == nb or na in nb or nb in na:
        return True
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def kind_group(kind: str) -> str:
    k = kind.lower()
    if k in {"gpe", "loc", "fac", "place", "location", "facility"}:
        return "place"
    if k in {"person", "per"}:
        return "person"
    if k in {"org", "organisation", "organization", "outlet", "norp"}:
        return "org"
    return k


class EntityJudge:
    """Verdict for two names: the entities table first, then crosscheck.entities, then fuzzy."""

    def __init__(self, entities: pd.DataFrame | None):
        self.table: dict[tuple[str, str], dict] = {}
        if isinstance(entities, pd.DataFrame) and not entities.empty:
            cols = set(entities.columns)
            if {"article_id", "surface"} <= cols:
                for rec in entities.to_dict("records"):
                    key = (text_of(rec.get("article_id")), norm(rec.get("surface")))
                    self.table.setdefault(key, rec)

    def lookup(self, article: str, name: str):
        rec = self.table.get((article, norm(name)))
        if rec is None:
            return None
        return tuple(text_of(rec.get(k)) for k in ("cluster_id", "match", "gazetteer"))

    def judge(self, name_a, rec_a, kind, ctx_a, name_b, rec_b, ctx_b) -> dict:
        keys = ("cluster_id", "match", "gazetteer")
        rec_a = None if rec_a is None else dict(zip(keys, rec_a, strict=True))
        rec_b = None if rec_b is None else dict(zip(keys, rec_b, strict=True))
        gaz = {}
        for side, rec in (("a", rec_a), ("b", rec_b)):
            if rec is not None and text_of(rec.get("gazetteer")):
                gaz[side] = text_of(rec.get("gazetteer"))
        if (
            rec_a is not None
            and rec_b is not None
            and text_of(rec_a.get("cluster_id"))
            and (text_of(rec_a.get("cluster_id")) == text_of(rec_b.get("cluster_id")))
        ):
            verdicts = [text_of(r.get("match")) or "variant" for r in (rec_a, rec_b)]
            verdict = max(verdicts, key=lambda v: _VERDICT_ORDER.get(v, 2))
            if verdict == "same":
                verdict = "variant"
            result = {"verdict": verdict, "score": None, "evidence": ["same entity cluster"]}
        else:
            result = judge_names(name_a, name_b, kind, ctx_a, ctx_b)
        if norm(kind) in _GAZETTEER_KINDS:
            for side, name, rec in (("a", name_a, rec_a), ("b", name_b, rec_b)):
                if side not in gaz and rec is None:
                    gaz[side] = _check_place(name)
        result["gazetteer"] = gaz
        return result


_ENTITY_KIND = {
    "gpe": "place",
    "loc": "place",
    "location": "place",
    "per": "person",
    "org": "organisation",
    "organization": "organisation",
    "norp": "organisation",
    "fac": "facility",
}


def entity_kind(kind: str) -> str:
    """A claims/spaCy entity kind as one of crosscheck.entities.KINDS (unknown -> organisation)."""
    k = norm(kind)
    k = _ENTITY_KIND.get(k, k)
    return k if k in KINDS else "organisation"


@lru_cache(maxsize=8192)
def _compare_names_cached(a, b, kind, ctx_a, ctx_b) -> tuple:
    res = compare_names(a, b, entity_kind(kind), ctx_a, ctx_b)
    return (
        text_of(res.get("verdict")) or "unresolved",
        res.get("score"),
        tuple(str(e) for e in as_list(res.get("evidence"))),
    )


def judge_names(a, b, kind, ctx_a="", ctx_b="") -> dict:
    """compare_names on two names (kind mapped, contexts cut to 200 characters), cached.
    A name without letters cannot be judged: verdict "unresolved", evidence "undecided: ..."."""
    if not any(ch.isalpha() for ch in a) or not any(ch.isalpha() for ch in b):
        return {
            "verdict": "unresolved",
            "score": None,
            "evidence": ["undecided: a name has no letters"],
        }
    try:
        verdict, score, evidence = _compare_names_cached(a, b, kind, ctx_a[:200], ctx_b[:200])
    except ValueError as exc:  # a name that is empty once cleaned ("the", "'s"): cannot judge
        if "empty name" not in str(exc):
            raise
        return {"verdict": "unresolved", "score": None, "evidence": [f"undecided: {exc}"]}
    return {"verdict": verdict, "score": score, "evidence": list(evidence)}


@lru_cache(maxsize=4096)
def _check_place(name: str) -> str:
    return text_of(check_place(name).get("status"))


def context_words(text: str, name: str) -> set[str]:
    """Content words within 60 characters of `name` in `text`."""
    pos = text.find(name)
    if pos < 0:
        return set()
    window = text[max(0, pos - 60) : pos] + " " + text[pos + len(name) : pos + len(name) + 60]
    return set(word_keys(window))


def pair_entities(a: dict, b: dict) -> list[tuple[tuple, tuple]]:
    """Entities of A and B that differ in name but stand in the same place in the claim."""
    if a["ent_norms"] <= b["ent_norms"] or b["ent_norms"] <= a["ent_norms"]:
        return []
    left_a = [
        e
        for e in a["ents"]
        if e[2] not in b["ent_norms"] and not any(ent_match(e, o) for o in b["ents"])
    ]
    left_b = [
        e
        for e in b["ents"]
        if e[2] not in a["ent_norms"] and not any(ent_match(e, o) for o in a["ents"])
    ]
    if not left_a or not left_b:
        return []
    score = np.zeros((len(left_a), len(left_b)))
    for i, ea in enumerate(left_a):
        ctx_a = context_words(a["text"], ea[0])
        for j, eb in enumerate(left_b):
            ctx_b = context_words(b["text"], eb[0])
            name = fuzz.ratio(norm(ea[0]), norm(eb[0])) / 100
            ctx = len(ctx_a & ctx_b) / max(len(ctx_a | ctx_b), 1)
            same_kind = kind_group(ea[1]) == kind_group(eb[1])
            score[i, j] = 0.6 * name + 0.4 * ctx + (0.1 if same_kind else 0.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    out = []
    for i, j in zip(rows, cols, strict=True):
        substitution = len(left_a) == len(left_b) == 1 and (
            kind_group(left_a[i][1]) == kind_group(left_b[j][1])
        )
        if score[i, j] >= 0.5 or substitution:
            out.append((left_a[i], left_b[j]))
    return out


def judged_pairs(a: dict, b: dict, judge, pairs=None) -> list[tuple[tuple, tuple, dict]]:
    """(entity of A, entity of B, entity-check result) for each name pair of `pairs` (default:
    pair_entities)."""
    out = []
    for ea, eb in pair_entities(a, b) if pairs is None else pairs:
        kind = ea[1] or eb[1]
        res = judge.judge(ea[0], ea[4], kind, a["text"], eb[0], eb[4], b["text"])
        out.append((ea, eb, res))
    return out
