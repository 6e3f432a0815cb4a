"""Pipeline: chain the stages for the CLI and the notebooks.

`run_case(paths)` loads the files and runs every stage once, returning a `Case` whose attributes
are the tables documented in each stage's module. `write_outputs(case, out_dir)` writes the CLI
files (a stable contract, documented in the README).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscheck import claims as claims_mod
from crosscheck import discrepancies as disc_mod
from crosscheck import entities as ent_mod
from crosscheck import load as load_mod
from crosscheck import provenance as prov_mod
from crosscheck import timeline as time_mod
from crosscheck.comparison import offtopic as offtopic_mod
from crosscheck.export import write_csv
from crosscheck.review.overrides import apply_overrides
from crosscheck.running.case import Case  # noqa: F401 - crosscheck.pipeline.Case stays
from crosscheck.tables import json_lists  # noqa: F401 - crosscheck.pipeline.json_lists stays

ARTICLES_COLUMNS = [
    "article_id", "path", "headline", "outlet", "author", "published", "dateline", "n_claims",
    "language", "language_confidence",
]  # fmt: skip
CLAIMS_COLUMNS = [
    "claim_id", "article_id", "text", "start", "end", "speaker", "attributed", "certainty",
    "entities", "quantities", "times",
]  # fmt: skip
ENTITIES_COLUMNS = ["cluster_id", "canonical", "kind", "article_id", "surface", "count", "match"]
TIMELINE_COLUMNS = [
    "article_id", "claim_id", "expression", "value", "start_date", "end_date", "inferred", "note",
    "mod",
]  # fmt: skip
DISCREPANCY_COLUMNS = [
    "discrepancy_id", "kind", "article_a", "article_b", "claim_a", "claim_b", "text_a", "text_b",
    "value_a", "value_b", "severity", "explanation", "direction",
]  # fmt: skip
PROVENANCE_COLUMNS = ["article_a", "article_b", "relation", "direction", "score", "evidence"]


def analyse(articles: pd.DataFrame, warnings: pd.DataFrame | None = None, overrides=None) -> Case:
    """Run every stage after loading on an articles table."""
    claims = claims_mod.extract_claims(articles)
    return analyse_claims(articles, claims, warnings, overrides=overrides)


def analyse_claims(
    articles: pd.DataFrame,
    claims: pd.DataFrame,
    warnings: pd.DataFrame | None = None,
    overrides=None,
) -> Case:
    """Run the stages after claim extraction (the corpus step reuses claims extracted earlier)."""
    if warnings is None:
        warnings = pd.DataFrame(columns=["path", "reason"])
    # one source, one speaker: name variants of a speaker share a speaker_id (added column)
    claims = claims.assign(speaker_id=ent_mod.cluster_speakers(claims))
    entities = with_nearest_places(ent_mod.cluster_entities(claims, overrides=overrides), articles)
    pairs = ent_mod.entity_pairs(entities)
    alignment = disc_mod.align_claims(claims)
    off = offtopic_mod.off_topic(articles, claims, alignment) if len(articles) else {}
    core = claims
    if off:  # reported, left out of alignment and typing, never a reference date
        warnings = pd.concat(
            [warnings, pd.DataFrame({"path": list(off), "reason": list(off.values())})],
            ignore_index=True,
        )
        core = claims[~claims["article_id"].astype(str).isin(off)]
        alignment = disc_mod.align_claims(core)
    groups = offtopic_mod.story_groups(articles, off)
    timeline = time_mod.build_timeline(claims, articles, groups)
    events = time_mod.claim_events(claims, articles, timeline, groups)
    discrepancies = with_nearest_in_explanations(
        disc_mod.find_discrepancies(core, alignment, entities, events), entities
    )
    provenance = prov_mod.provenance(articles, claims, alignment)
    corroboration = prov_mod.independent_sources(claims, alignment, provenance).merge(
        claims[["claim_id", "text"]], on="claim_id", how="left"
    )
    agreements = with_corroboration(
        disc_mod.agreements(claims, alignment, discrepancies), corroboration
    )
    notes = [str(alignment.attrs["note"])] if alignment.attrs.get("note") else []
    case = Case(
        articles=articles,
        warnings=warnings,
        claims=claims,
        entities=entities,
        entity_pairs=pairs,
        timeline=timeline,
        events=events,
        alignment=alignment,
        discrepancies=discrepancies,
        agreements=agreements,
        provenance=provenance,
        corroboration=corroboration,
        notes=notes,
    )
    return apply_overrides(case, overrides)


def with_nearest_places(entities: pd.DataFrame, articles: pd.DataFrame, limit: int = 3):
    """Entities plus ``gazetteer_nearest``: for a place not in the gazetteer, the nearest real
    names with their region and score ("Rodynske (Donetsk) 0.73, ..."; gazetteer.check_place,
    ranked with the regions its article names as context); "" for found places and other kinds.
    Computed with the analysis, so no view has to load the gazetteer."""
    from crosscheck.text.gazetteer import check_place

    out = entities.copy()
    out["gazetteer_nearest"] = ""
    if out.empty or "gazetteer" not in out:
        return out
    missing = out[(out["kind"] == "place") & (out["gazetteer"] == "not_found")]
    if missing.empty:
        return out
    texts: dict = {}
    for article, text in zip(articles["article_id"], articles["text"], strict=True):
        texts.setdefault(article, []).append(text)
    nearest = {}  # index label -> suggestion (labels, as .loc would set them)
    for (surface, article), rows in missing.groupby(["surface", "article_id"]).groups.items():
        context = " ".join(texts.get(article, []))
        try:
            matches = check_place(surface, context)["matches"][:limit]
        except ValueError:  # an empty name after cleaning: nothing to suggest
            continue
        text = ", ".join(
            f"{m['name']} ({m['admin1'] or m['country']}) {m['score']:.2f}" for m in matches
        )
        nearest.update(dict.fromkeys(rows, text))
    if nearest:  # one assignment, not one .loc per place
        out["gazetteer_nearest"] = [nearest.get(label, "") for label in out.index]
    return out


def with_nearest_in_explanations(discrepancies: pd.DataFrame, entities: pd.DataFrame):
    """Discrepancies whose entity_variant explanation names a place the gazetteer does not find,
    with that place's nearest real names appended (from entities.gazetteer_nearest)."""
    if discrepancies.empty or "gazetteer_nearest" not in entities:
        return discrepancies
    nearest = {
        s: n for s, n in zip(entities["surface"], entities["gazetteer_nearest"], strict=True) if n
    }
    out = discrepancies.copy()
    for idx in out.index[out["kind"] == "entity_variant"]:
        names = dict.fromkeys(str(out.at[idx, side]) for side in ("value_a", "value_b"))
        extra = [f" Nearest real names for '{n}': {nearest[n]}." for n in names if n in nearest]
        out.at[idx, "explanation"] = str(out.at[idx, "explanation"]) + "".join(extra)
    return out


def with_corroboration(agreements: pd.DataFrame, corroboration: pd.DataFrame) -> pd.DataFrame:
    """Agreements plus, for claim_a, how many articles and independent sources carry it."""
    extra = corroboration.set_index("claim_id")[["n_sources", "n_independent", "note"]]
    extra = extra.rename(columns={"note": "corroboration"})
    return agreements.join(extra, on="claim_a")


def run_case(paths, overrides=None, decisions=None) -> Case:
    """Load files/folders and run every stage. Raises `LoadError` when nothing could be loaded.

    `decisions`: a decision-log folder whose entity overrides are applied (read only); or pass
    `overrides` (the table of crosscheck.decisions.entity_overrides) directly."""
    if decisions is not None and overrides is None:
        from crosscheck.decisions import DecisionLog, entity_overrides

        overrides = entity_overrides(DecisionLog(decisions, read_only=True))
    articles, warnings = load_mod.load_articles(paths)
    if articles.empty:
        reasons = "; ".join(f"{w.path}: {w.reason}" for w in warnings.itertuples()) or "no files"
        raise load_mod.LoadError(str(paths), f"no article could be loaded ({reasons})")
    return analyse(articles, warnings, overrides=overrides)


def _contract_table(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return json_lists(df.reindex(columns=columns))


def output_tables(case: Case) -> dict[str, pd.DataFrame]:
    """The CLI contract tables, by file name."""
    articles = case.articles.copy()
    n_claims = case.claims.groupby("article_id").size() if not case.claims.empty else pd.Series()
    articles["n_claims"] = articles["article_id"].map(n_claims).fillna(0).astype(int)
    return {
        "articles.csv": _contract_table(articles, ARTICLES_COLUMNS),
        "claims.csv": _contract_table(case.claims, CLAIMS_COLUMNS),
        "entities.csv": _contract_table(case.entities, ENTITIES_COLUMNS),
        "timeline.csv": _contract_table(case.timeline, TIMELINE_COLUMNS),
        "discrepancies.csv": _contract_table(case.discrepancies, DISCREPANCY_COLUMNS),
        "provenance.csv": _contract_table(case.provenance, PROVENANCE_COLUMNS),
    }


def write_outputs(case: Case, out_dir) -> list[Path]:
    """Write the CLI files into `out_dir` (created if missing); returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in output_tables(case).items():
        write_csv(table, out / name)
        written.append(out / name)
    if not case.warnings.empty:
        write_csv(case.warnings, out / "warnings.csv")
        written.append(out / "warnings.csv")
    return written
