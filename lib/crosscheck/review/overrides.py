"""Entity overrides applied to every table of a case, not only to the entity clusters.

``crosscheck.entities.cluster_entities`` applies an analyst's merge, split or rename to the
clusters. ``apply_overrides(case, overrides)`` then carries the ruling to the tables built on
them, so the analyst's decision is what every notebook shows:

- entity pairs: a merged pair becomes ``same``, a split pair ``distinct``; ``tool_verdict`` keeps
  the tool's verdict and ``decided_by`` says ``analyst: <name>``;
- entities: the surfaces a merge joined match ``same``; ``override`` says which ruling applies;
- speakers: in a person cluster touched by a merge or rename, every claim's speaker written as
  one of the cluster's names becomes the cluster's canonical name (``speaker_as_written`` keeps
  the original), so "Marchenko" and "Olena Marchenko" count as one speaker everywhere;
- discrepancies: a row whose two values are names of one merged or renamed cluster (a spelling
  variant, a different speaker name) is removed and kept in ``case.overridden`` with the ruling
  (override_action, override_by, override_decision, override_note); a row about a split pair
  stays, at severity 5, with the analyst's ruling added to its explanation.

``overrides`` is the table of ``crosscheck.decisions.entity_overrides`` (action, surface_a,
surface_b, kind, canonical, analyst, analyst_name, decision_id, note). Names are compared after
``translit.clean_name`` (quotes, possessives, a leading "the") and case folding.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from crosscheck.translit import clean_name

OVERRIDE_COLUMNS = ["override_action", "override_by", "override_decision", "override_note"]


def _norm(name) -> str:
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    return clean_name(str(name)).casefold()


def _who(row) -> str:
    name = getattr(row, "analyst_name", "") or getattr(row, "analyst", "")
    return f"analyst: {name}"


def _ruling(row) -> dict:
    return {
        "override_action": row.action,
        "override_by": _who(row),
        "override_decision": str(getattr(row, "decision_id", "") or ""),
        "override_note": str(getattr(row, "note", "") or ""),
    }


def _kind_ok(row_kind, kind) -> bool:
    return row_kind in ("", None, kind) or (isinstance(row_kind, float) and pd.isna(row_kind))


def _of_kind(kinds: pd.Series, row_kind) -> pd.Series:
    """Mask of the rows an override of ``row_kind`` applies to ("" = every kind)."""
    return kinds.map(lambda k: _kind_ok(row_kind, k))


def cluster_names(entities: pd.DataFrame, overrides: pd.DataFrame) -> dict[str, tuple[str, dict]]:
    """normalised name -> (canonical, ruling) for every name of a cluster that a merge or a
    rename touched (only those: the tool's own clusters are not rewritten here)."""
    out: dict[str, tuple[str, dict]] = {}
    if entities.empty or overrides is None or overrides.empty:
        return out
    norm = entities["surface"].map(_norm)
    for row in overrides.itertuples(index=False):
        if row.action not in ("merge", "rename"):
            continue
        names = {_norm(row.surface_a), _norm(row.surface_b)} - {""}
        hit = entities[norm.isin(names) & _of_kind(entities["kind"], row.kind)]
        for cid in hit["cluster_id"].unique():
            members = entities[entities["cluster_id"] == cid]
            canonical = str(members["canonical"].iloc[0])
            for surface in members["surface"]:
                out[_norm(surface)] = (canonical, _ruling(row))
    return out


def _split_pairs(overrides: pd.DataFrame) -> dict[frozenset, dict]:
    if overrides is None or overrides.empty:
        return {}
    return {
        frozenset({_norm(r.surface_a), _norm(r.surface_b)}): _ruling(r)
        for r in overrides.itertuples(index=False)
        if r.action == "split"
    }


def _merge_pairs(overrides: pd.DataFrame) -> dict[frozenset, dict]:
    if overrides is None or overrides.empty:
        return {}
    return {
        frozenset({_norm(r.surface_a), _norm(r.surface_b)}): _ruling(r)
        for r in overrides.itertuples(index=False)
        if r.action == "merge"
    }


def pairs_with_overrides(pairs: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """Entity pairs with the analysts' rulings: verdict, tool_verdict, decided_by."""
    out = pairs.assign(tool_verdict=pairs["verdict"], decided_by="")
    if pairs.empty:
        return out
    rulings = {**{k: ("same", v) for k, v in _merge_pairs(overrides).items()},
               **{k: ("distinct", v) for k, v in _split_pairs(overrides).items()}}  # fmt: skip
    for i, (a, b) in enumerate(zip(out["surface_a"], out["surface_b"], strict=True)):
        hit = rulings.get(frozenset({_norm(a), _norm(b)}))
        if hit:
            out.iloc[i, out.columns.get_loc("verdict")] = hit[0]
            out.iloc[i, out.columns.get_loc("decided_by")] = hit[1]["override_by"]
    order = out["verdict"].map({"unresolved": 0, "distinct": 1, "variant": 2, "same": 3})
    out = out.assign(_o=order).sort_values(["_o", "kind", "surface_a"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def entities_with_overrides(entities: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """Entities with ``override`` (the ruling that applies to the surface) and merged surfaces
    matching ``same``."""
    out = entities.assign(override="")
    if entities.empty or overrides is None or overrides.empty:
        return out
    norm = out["surface"].map(_norm)
    for row in overrides.itertuples(index=False):
        names = {_norm(row.surface_a), _norm(row.surface_b)} - {""}
        hit = norm.isin(names) & _of_kind(out["kind"], row.kind)
        out.loc[hit, "override"] = f"{row.action} ({_who(row)})"
        if row.action == "merge":
            out.loc[hit, "match"] = "same"
    return out


def merge_speakers(claims: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Claims whose speaker is a name of a merged or renamed person cluster get its canonical
    name; ``speaker_as_written`` keeps what the article wrote."""
    if claims.empty or "speaker" not in claims.columns:
        return claims
    written = claims["speaker"].fillna("").astype(str)
    speaker = written.map(lambda s: names.get(_norm(s), (s,))[0] if s else s)
    return claims.assign(speaker=speaker, speaker_as_written=written)


def split_discrepancies(
    discrepancies: pd.DataFrame, names: dict, overrides: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(discrepancies kept, overridden rows with the ruling)."""
    if discrepancies.empty:
        return discrepancies, discrepancies.reindex(columns=[*discrepancies.columns,
                                                             *OVERRIDE_COLUMNS])  # fmt: skip
    splits = _split_pairs(overrides)
    keep, gone = [], []
    rows = discrepancies.to_dict("records")
    for rec in rows:
        a, b = _norm(rec.get("value_a")), _norm(rec.get("value_b"))
        ca, cb = names.get(a), names.get(b)
        if a and b and ca and cb and ca[0] == cb[0]:
            gone.append({**rec, **ca[1]})
            continue
        split = splits.get(frozenset({a, b})) if a and b else None
        if split:
            rec = {
                **rec,
                "severity": 5,
                "explanation": f"{rec.get('explanation', '')} Ruled different referents "
                f"(split, {split['override_by']}).".strip(),
            }
        keep.append(rec)
    kept = pd.DataFrame(keep, columns=discrepancies.columns)
    for col in discrepancies.columns:
        if col in kept and len(kept):
            kept[col] = kept[col].astype(discrepancies[col].dtype, errors="ignore")
    overridden = pd.DataFrame(gone, columns=[*discrepancies.columns, *OVERRIDE_COLUMNS])
    return kept.reset_index(drop=True), overridden


def apply_overrides(case, overrides: pd.DataFrame | None):
    """A copy of ``case`` with the entity overrides applied to every table (module doc)."""
    if overrides is None or len(overrides) == 0:
        empty = case.discrepancies.head(0).reindex(
            columns=[*case.discrepancies.columns, *OVERRIDE_COLUMNS]
        )
        return replace(case, overridden=empty)
    names = cluster_names(case.entities, overrides)
    kept, overridden = split_discrepancies(case.discrepancies, names, overrides)
    return replace(
        case,
        claims=merge_speakers(case.claims, names),
        entities=entities_with_overrides(case.entities, overrides),
        entity_pairs=pairs_with_overrides(case.entity_pairs, overrides),
        discrepancies=kept,
        overridden=overridden,
    )
