"""Claims: the articles table -> the claims table (one row per sentence or clause claim).

Public functions
----------------
nlp() -> spacy.Language      the pinned English pipeline, loaded once per process, with one
                             EntityRuler before "ner": gazetteer places + domain rules (areas,
                             facilities, ARMED_FORCE, OUTLET); blank lines end sentences.
                             extract_claims runs it without "lemmatizer" and "attribute_ruler"
                             (parts of speech are read from the fine tags)
extract_claims(articles) -> claims
    `articles` needs columns article_id, text (published optional: ISO date used as the reference
    for times). Empty table -> empty claims table; empty text -> no claims and a warning; missing
    column -> ValueError naming it; malformed `published` -> warning, times not anchored.
    Validated against CLAIMS_SCHEMA (which also documents each column); text == slice checked.

Claims table columns
--------------------
claim_id          str   stable: "<article_id>:<8-hex hash of the claim text + occurrence>"
article_id        str
seq               int   order of the claim in its article
text              str   == article text[start:end]
start, end        int   character offsets into the article's cleaned text
speaker           str   who the claim is attributed to ("" when unattributed)
speaker_kind      str   "person" | "outlet" | "organisation" | "vague" | ""
attribution_verb  str   "said", "stated", "according to", ...
medium            str   "in a statement to state media", "according to Gazeta", ...
attributed        bool  False: the outlet's own unattributed assertion
speaker_inherited bool  True when the speaker comes from reported-speech context
certainty         str   "fact" | "expected" | "possible" | "speculative"
certainty_rank    int   0 (fact) .. 3 (speculative)
certainty_cues    list[str]
entities          list[dict]  {text, kind, start, end} offsets into the article text
quantities        list[dict]  {text, value, unit, approx, start, end}
times             list[dict]  rows of crosscheck.timeline.extract_times within the claim
Added columns (backward compatible):
speaker_role      str   appositive role of the speaker ("an adviser to the head of ...")
negated           bool  a negation cue (not, never, denied ...) is in the claim's main scope
event_stage       str   "" | "approach" | "advance" | "reach" | "capture" (EVENT_STAGES)
event_stage_rank  int   0 (none) .. 4 (capture)
paragraph         int   index of the paragraph (blank-line separated) holding the claim
attribution_kind  str   "speech" | "belief" (the weaker kind: believes, expects, knows) | ""
attribution_strong bool a strong cue (said, told, stated, according to ...), or a quote of one
source_chain      list[str]  sources outermost first ("Reuters" -> "two senior officials");
                        `speaker` is the last (nearest) one
quoted            bool  the claim lies mostly inside a direct quotation
certainty_score   float how certain the text presents the claim: 1 (doubtful) .. 6 (plain fact),
                        the reader rating its cues and attribution predict (see text.certainty)
An agentless passive ("is said to", "is believed to") is attributed to the speaker
"unnamed source" (kind vague). pipeline.analyse_claims adds `speaker_id` (entities.
cluster_speakers: one id per speaker across articles).
entities dicts also carry `label` (spaCy label); quantities dicts also carry `kind`
("quantity" | "percent" | "money" | "cardinal" | "ordinal" | "rank") and `scale` (1e6 for
"several million": value None, approx "several", scale 1e6).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import unicodedata
import warnings

import pandas as pd

from crosscheck.tables import require_columns
from crosscheck.text.attribution import attribute_segments
from crosscheck.text.certainty import CERTAINTY_LEVELS, attributed_score, certainty
from crosscheck.text.cues import _matches
from crosscheck.text.guard import pipe_bounded
from crosscheck.text.headline import truecase_many
from crosscheck.text.nlp import (
    BATCH_SIZE,
    CHUNK_CHARS,
    ENTITY_KINDS,
    PARAGRAPH_BREAK,
    _paragraph_starts,
    doc_text,
    nlp,
)
from crosscheck.text.quantities import _quantities
from crosscheck.text.schema import CLAIMS_SCHEMA, COLUMNS, empty_claims
from crosscheck.text.segmentation import _segments
from crosscheck.text.stages import EVENT_STAGES, _event_stage


# ---------------------------------------------------------------------------------------------
# Public entry point.
def extract_claims(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles table -> the claims table (see module docstring)."""
    require_columns(articles, "articles", ["article_id", "text"], "see crosscheck.load")
    ids = articles["article_id"].astype(str)
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise ValueError(f"articles table has duplicate article_id values: {duplicated[:5]}")
    from crosscheck.text import multilingual  # noqa: PLC0415 - the one dispatch point for other languages

    if multilingual.needs_routing(articles):
        return multilingual.extract_by_language(articles, extract_claims, CLAIMS_SCHEMA)
    published = articles["published"] if "published" in articles.columns else [None] * len(ids)

    jobs = []  # (article_id, text, published)
    for article_id, text, date in zip(ids, articles["text"], published, strict=True):
        if text is None or (isinstance(text, float) and pd.isna(text)):
            text = ""
        if not isinstance(text, str):
            raise ValueError(f"article {article_id!r}: text is {type(text).__name__}, not str")
        if not text.strip():
            warnings.warn(f"article {article_id!r} has empty text: no claims", stacklevel=2)
            continue
        jobs.append((article_id, text, _reference(article_id, date)))
    if not jobs:
        return empty_claims()

    # headline-style lines are truecased before parsing (same length: offsets hold); the claims
    # keep the article's own characters
    parsed = truecase_many([job[1] for job in jobs])
    chunks = [(i, off, piece) for i, text in enumerate(parsed) for off, piece in _chunks(text)]
    docs = pipe_bounded(  # batches bounded in characters too: memory stays flat
        nlp(),
        (piece for _, _, piece in chunks),
        batch_size=BATCH_SIZE,
        disable=["lemmatizer", "attribute_ruler"],
    )
    rows: list[dict] = []
    state = None
    for (i, offset, _), doc in zip(chunks, docs, strict=True):
        article_id, text, date = jobs[i]
        if state is None or state.article_id != article_id:
            state = _ArticleState(article_id, text, date)
        rows.extend(_doc_claims(doc, offset, state))
    claims = pd.DataFrame(rows, columns=COLUMNS)
    _check_offsets(claims, {job[0]: job[1] for job in jobs})
    return CLAIMS_SCHEMA.validate(claims)


def _reference(article_id: str, published) -> str | None:
    """The ISO publication date used to anchor times, or None (with a warning when malformed)."""
    if published is None or (isinstance(published, float) and pd.isna(published)):
        return None
    published = str(published).strip()
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        warnings.warn(
            f"article {article_id!r}: published {published!r} is not an ISO date (YYYY-MM-DD);"
            " its times are not anchored to a date",
            stacklevel=3,
        )
        return None


def _check_offsets(claims: pd.DataFrame, texts: dict[str, str]) -> None:
    columns = [claims[c].tolist() for c in ("claim_id", "article_id", "start", "end", "text")]
    for claim_id, article_id, start, end, text in zip(*columns, strict=True):
        if texts[article_id][start:end] != text:
            raise RuntimeError(f"claim {claim_id}: text does not match its offsets")


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split `text` into (offset, piece) at paragraph breaks, each at most CHUNK_CHARS long."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    out, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        window = text[start : start + CHUNK_CHARS]
        cut = max((m.end() for m in PARAGRAPH_BREAK.finditer(window)), default=0)
        if cut == 0:
            cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or CHUNK_CHARS
        out.append((start, window[:cut]))
        start += cut
    out.append((start, text[start:]))
    return out


class _ArticleState:
    """What carries over from one chunk of an article to the next."""

    def __init__(self, article_id: str, text: str, published: str | None):
        self.article_id = article_id
        self.text = text  # the article's own characters (the parse may read a truecased copy)
        self.seq = 0
        self.seen: dict[str, int] = {}
        self.speakers: list[tuple[str, str, str]] = []  # (speaker, kind, role), in order
        self.mentions: list[tuple[str, str, str]] = []  # speakers and named entities, in order
        self.segment_ents: list = []  # named entities of the claim being read
        self.recent_speaker = None  # (speaker, kind, role) of the last claim, when attributed
        self.person_names: set[str] = set()  # last words of person speakers seen so far
        self.paragraph_offset = 0  # offset of the chunk being read (0: the article's start)
        self.paragraph = 0
        self.times = _article_times(text, published)
        self.time_starts = [t["start"] for t in self.times]

    @property
    def last_speaker(self) -> tuple[str, str, str] | None:
        return self.speakers[-1] if self.speakers else None

    def remember(self, speaker: str, kind: str, role: str) -> None:
        """Record a named source (pronouns and definite roles resolve to it later)."""
        self.speakers.append((speaker, kind, role))
        self.mentions.append((speaker, kind, role))
        if kind == "person":
            self.person_names.update(speaker.split()[-1:])


def _article_times(text: str, published: str | None) -> list[dict]:
    """Rows of timeline.extract_times, as dicts sorted by start. crosscheck.timex.tag_times
    returns the same rows without building a DataFrame per article (a tenth of the parse time)."""
    from crosscheck.timex import tag_times  # lazy: imported only when claims are extracted

    return sorted(tag_times(text, reference=published), key=lambda r: r["start"])


# ---------------------------------------------------------------------------------------------
# Per-document work.
def _doc_claims(doc, offset: int, state: _ArticleState) -> list[dict]:
    text = doc_text(doc)
    matches = _matches(doc)
    segments = _segments(doc)
    all_ents = doc.ents  # building doc.ents walks every token: once per doc
    ents = [e for e in all_ents if e.label_ in ENTITY_KINDS]
    ent_starts = [e.start_char for e in ents]
    quantities = _quantities(doc, text, all_ents)
    q_starts = [q["start"] for q in quantities]
    seg_starts = [doc[a].idx for a, _, _ in segments]
    by_segment: list[list] = [[] for _ in segments]
    for key, start, end in matches:
        k = bisect.bisect_right(seg_starts, doc[start].idx) - 1
        if k >= 0:
            by_segment[k].append((key, start, end))

    state.paragraph_offset = offset
    original = state.text[offset : offset + len(text)]
    recased = original != text  # a headline line was truecased for the parse
    attributions = attribute_segments(doc, segments, by_segment, state, _paragraph_starts(doc))
    rows = []
    for (a, b, para_break), seg_matches, speaker in zip(
        segments, by_segment, attributions, strict=True
    ):
        first, last = doc[a], doc[b - 1]
        start, end = first.idx, last.idx + len(last.text)
        if para_break or (offset > 0 and a == segments[0][0]):
            state.paragraph += 1
        claim_text = state.text[start + offset : end + offset]
        norm = " ".join(unicodedata.normalize("NFKC", claim_text).casefold().split())
        occurrence = state.seen.get(norm, 0)
        state.seen[norm] = occurrence + 1
        digest = hashlib.sha1(f"{norm}#{occurrence}".encode()).hexdigest()[:8]
        certainty_rank, score, cues, negated = certainty(doc, a, b, seg_matches)
        lo, hi = bisect.bisect_left(ent_starts, start), bisect.bisect_left(ent_starts, end)
        has_force = any(e.label_ == "ARMED_FORCE" for e in ents[lo:hi])
        stage = _event_stage(doc, seg_matches, has_force)
        qlo, qhi = bisect.bisect_left(q_starts, start), bisect.bisect_left(q_starts, end)
        tlo = bisect.bisect_left(state.time_starts, start + offset)
        thi = bisect.bisect_left(state.time_starts, end + offset)
        rows.append(
            {
                "claim_id": f"{state.article_id}:{digest}",
                "article_id": state.article_id,
                "seq": state.seq,
                "text": claim_text,
                "start": start + offset,
                "end": end + offset,
                **(_original_strings(speaker, text, original) if recased else speaker),
                "certainty": CERTAINTY_LEVELS[certainty_rank],
                "certainty_rank": certainty_rank,
                "certainty_cues": cues,
                "entities": [
                    {
                        "text": state.text[e.start_char + offset : e.end_char + offset],
                        "kind": ENTITY_KINDS[e.label_],
                        "label": e.label_,
                        "start": e.start_char + offset,
                        "end": e.end_char + offset,
                    }
                    for e in ents[lo:hi]
                ],
                "quantities": [
                    {
                        **q,
                        "text": state.text[q["start"] + offset : q["end"] + offset],
                        "start": q["start"] + offset,
                        "end": q["end"] + offset,
                    }
                    for q in quantities[qlo:qhi]
                ],
                "times": state.times[tlo:thi],
                "negated": negated,
                "event_stage": EVENT_STAGES[stage],
                "event_stage_rank": stage,
                "paragraph": state.paragraph,
                "certainty_score": attributed_score(score, speaker),
            }
        )
        state.seq += 1
    return rows


def _original_strings(row: dict, parsed: str, original: str) -> dict:
    """Attribution strings read from a truecased parse, in the article's own characters: a
    string found in the parsed text takes the original characters at the same place."""

    def back(value):
        if isinstance(value, str) and value:
            at = parsed.find(value)
            return original[at : at + len(value)] if at >= 0 else value
        if isinstance(value, list):
            return [back(v) for v in value]
        return value

    return {k: back(v) if k in _TEXT_FIELDS else v for k, v in row.items()}


_TEXT_FIELDS = frozenset({"speaker", "speaker_role", "medium", "source_chain", "attribution_verb"})


# Public names of the parts, re-exported so `crosscheck.claims.<NAME>` keeps working.
from crosscheck.text.attribution import *  # noqa: E402,F403
from crosscheck.text.certainty import *  # noqa: E402,F403
from crosscheck.text.nlp import *  # noqa: E402,F403
from crosscheck.text.nlp import _is_noun, _is_proper_noun, _is_verb  # noqa: E402,F401
from crosscheck.text.quantities import *  # noqa: E402,F403
from crosscheck.text.schema import *  # noqa: E402,F403
from crosscheck.text.stages import *  # noqa: E402,F403
