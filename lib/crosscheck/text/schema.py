"""The claims table schema (pandera): one column per field, each with its description."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from crosscheck.text.certainty import CERTAINTY_LEVELS
from crosscheck.text.stages import EVENT_STAGES


# Schema.
def _col(dtype, description: str, *checks, **kw) -> pa.Column:
    return pa.Column(dtype, list(checks), description=description, **kw)


def _is_list(value) -> bool:
    return isinstance(value, list)


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


LIST_CHECK = pa.Check(lambda s: s.map(_is_list), error="a list")
CLAIMS_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": _col(
            str,
            "<article_id>:<8 hex of sha1(normalised text + '#' + occurrence)>",
            pa.Check.str_matches(r"^.+:[0-9a-f]{8}$"),
            unique=True,
        ),
        "article_id": _col(str, "the article (articles.article_id)"),
        "seq": _col(int, "order of the claim in its article", pa.Check.ge(0)),
        "text": _col(str, "== article text[start:end]", pa.Check.str_length(min_value=1)),
        "start": _col(int, "offset into the article's cleaned text", pa.Check.ge(0)),
        "end": _col(int, "end offset (exclusive)", pa.Check.ge(1)),
        "speaker": _col(str, "who the claim is attributed to; '' when unattributed"),
        "speaker_kind": _col(
            str,
            "person | outlet | organisation | vague | ''",
            pa.Check.isin(["person", "outlet", "organisation", "vague", ""]),
        ),
        "attribution_verb": _col(str, "said, stated, according to, ...; '' when unattributed"),
        "medium": _col(str, "'in a statement to state media', 'according to Gazeta', or ''"),
        "attributed": _col(bool, "False: the outlet's own unattributed assertion"),
        "speaker_inherited": _col(bool, "speaker resolved from a pronoun/role continuation"),
        "certainty": _col(
            str, "fact | expected | possible | speculative", pa.Check.isin(CERTAINTY_LEVELS)
        ),
        "certainty_rank": _col(int, "0 (fact) .. 3 (speculative)", pa.Check.in_range(0, 3)),
        "certainty_cues": _col(
            object,
            "cue words that set certainty, plus negations",
            pa.Check(lambda s: s.map(_is_str_list), error="a list of str"),
        ),
        "entities": _col(object, "list of {text, kind, label, start, end}", LIST_CHECK),
        "quantities": _col(
            object, "list of {text, value, unit, approx, start, end, kind, scale}", LIST_CHECK
        ),
        "times": _col(object, "rows of timeline.extract_times inside the claim", LIST_CHECK),
        "speaker_role": _col(str, "appositive role of the speaker, or ''"),
        "negated": _col(bool, "a negation cue is in the claim's main scope"),
        "event_stage": _col(
            str, "'' | approach | advance | reach | capture", pa.Check.isin(EVENT_STAGES)
        ),
        "event_stage_rank": _col(
            int, "0 (none) .. 4 (capture)", pa.Check.in_range(0, len(EVENT_STAGES) - 1)
        ),
        "paragraph": _col(int, "index of the blank-line separated paragraph", pa.Check.ge(0)),
        "attribution_kind": _col(
            str,
            "speech | belief (the weaker kind: believes, expects, knows) | ''",
            pa.Check.isin(["speech", "belief", ""]),
        ),
        "attribution_strong": _col(
            bool, "a strong cue: said/told/stated/reported/according to/a quote of such"
        ),
        "source_chain": _col(
            object,
            "sources outermost first (Reuters -> two senior officials); speaker is the last",
            pa.Check(lambda s: s.map(_is_str_list), error="a list of str"),
        ),
        "quoted": _col(bool, "the claim lies mostly inside a direct quotation"),
        "certainty_score": _col(
            float,
            "how certain the text presents the claim: 1 (doubtful/denied) .. 6 (plain fact)",
            pa.Check.in_range(1.0, 6.0),
        ),
    },
    checks=[
        pa.Check(lambda df: df["start"] < df["end"], error="start < end"),
        pa.Check(
            lambda df: df["certainty"].map(CERTAINTY_LEVELS.index) == df["certainty_rank"],
            error="certainty matches certainty_rank",
        ),
        pa.Check(
            lambda df: df["attributed"] == (df["speaker"] != ""),
            error="attributed == (speaker != '')",
        ),
        pa.Check(
            lambda df: (df["speaker"] == "") == (df["speaker_kind"] == ""),
            error="speaker_kind empty exactly when speaker is",
        ),
    ],
    strict=True,
    ordered=True,
)
COLUMNS = list(CLAIMS_SCHEMA.columns)


def empty_claims() -> pd.DataFrame:
    """An empty claims table with every column and its dtype (a fresh copy each call)."""
    return _empty_claims().copy()


@cache
def _empty_claims() -> pd.DataFrame:
    dtypes = {
        c: str if str(col.dtype) in ("str", "string") else str(col.dtype)
        for c, col in CLAIMS_SCHEMA.columns.items()
    }
    return CLAIMS_SCHEMA.validate(
        pd.DataFrame({c: pd.Series([], dtype=t) for c, t in dtypes.items()})
    )
