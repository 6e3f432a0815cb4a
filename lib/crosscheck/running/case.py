"""The Case: every table of one case. A light module (pandas only), so reading a cached case
never imports the analysis stages (spaCy, scikit-learn); ``crosscheck.pipeline.Case`` is this
class."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Case:
    """Every table of one case (a set of articles about one story)."""

    articles: pd.DataFrame
    warnings: pd.DataFrame
    claims: pd.DataFrame
    entities: pd.DataFrame
    entity_pairs: pd.DataFrame
    timeline: pd.DataFrame
    events: pd.DataFrame
    alignment: pd.DataFrame
    discrepancies: pd.DataFrame
    agreements: pd.DataFrame
    provenance: pd.DataFrame
    corroboration: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    # discrepancy rows an analyst's entity override removed, with the ruling (review.overrides)
    overridden: pd.DataFrame = field(default_factory=pd.DataFrame)
