"""Headline style: detect it, and truecase a Title Case or ALL CAPS headline before parsing.

Headlines are written in their own grammar: Title Case ("Police Arrest Suspect After Raid"),
ALL CAPS, no final full stop, few words, dropped articles and auxiliaries ("Suspect held after
raid"), present tense for past events, "to" + verb for a plan ("Council to close library"), a
colon for the source ("Mayor: water restored"). The small English model reads every capitalised
word of a Title Case line as a proper noun and invents entities from them.

Public functions
----------------
headline_style(text) -> HeadlineStyle(headline, reasons, title_ratio)
    reasons name what was seen: "title_case", "all_caps", "no_final_punctuation", "short",
    "no_finite_auxiliary", "colon_source" (not after a section label: "Analysis: ..."),
    "to_infinitive", "date_line". ``headline`` is True
    for a short line without a final full stop that is title-cased, all caps or has no finite
    auxiliary, unless it is only a date or time stamp ("date_line": lexicon date_line_words).
    ``needs_truecase`` (property): Title Case or ALL CAPS.
section_label(text) -> bool
    What stands before a headline colon is a news section label ("Exclusive", "Live updates";
    lexicon section_labels), never a source.
truecase(text, context="") -> str
    The same text, same length (every character keeps its offset), with the title-cased or
    upper-cased words that are not names put in lower case. A word stays capitalised when the
    rest of the article (``context``) writes it capitalised and never in lower case, when the
    model tags it as a proper noun or names it in an entity in the lower-cased line, when it is
    not an English word form (nor is its lemma), an acronym, a word with inner capitals or
    digits, a country, a gazetteer place, a month or a weekday. A word the context writes only
    in lower case is a common word. Text that is not headline-style Title Case or ALL CAPS
    comes back unchanged. The model's reading costs one extra parse of the headline.
truecase_lines(text) -> str
    ``truecase`` applied to every headline-style line of an article (the other lines are the
    context); same length as ``text``. truecase_many(texts): the same for many articles, their
    headline lines read by the model in one batch (what extract_claims uses).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from crosscheck.text import lexicon

MAX_WORDS = 20  # a headline is short: longer lines are prose
TITLE_RATIO = 0.75  # share of capitalised words (minor words aside) that makes Title Case
CAPS_RATIO = 0.8  # share of upper-case letters that makes ALL CAPS
MIN_WORDS = 3  # of three letters or more, for either ratio
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")  # words with digits, apostrophes, inner dots
FINAL_STOP = re.compile(r"[.;,][\s\"'”’»)]*$")
COLON_SOURCE = re.compile(r"^\s*[^\W\d_]+(?:[\s.'’-]+[^\W\d_]+){0,3}[\s.'’-]*:\s+\S")
TO_INFINITIVE = re.compile(r"\b[^\W\d_]+\s+to\s+[^\W\d_]+", re.IGNORECASE)
NAME_ENTITIES = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)


class HeadlineStyle(NamedTuple):
    """What headline_style saw in one line."""

    headline: bool
    reasons: tuple[str, ...]
    title_ratio: float

    @property
    def needs_truecase(self) -> bool:
        return self.headline and ("title_case" in self.reasons or "all_caps" in self.reasons)


@cache
def _minor() -> frozenset[str]:
    return lexicon.words("headline_minor_words")


@cache
def _auxiliaries() -> frozenset[str]:
    return lexicon.words("finite_auxiliaries")


@cache
def _date_words() -> frozenset[str]:
    return lexicon.words("date_line_words")


@cache
def _section_labels() -> frozenset[str]:
    return lexicon.words("section_labels")


def section_label(text: str) -> bool:
    """Is `text` (what stands before a headline colon) a news section label or kicker
    ("Analysis", "EXCLUSIVE", "Live updates", "UPDATE 2"; lexicon section_labels)? Such a
    label says what kind of piece follows, never who speaks."""
    words = re.findall(r"[^\W\d_]+(?:[&'’-][^\W\d_]+)*", str(text).lower())
    return bool(words) and " ".join(words) in _section_labels()


def headline_style(text: str) -> HeadlineStyle:
    """Is `text` (one line) written in headline style, and why (see module docstring)."""
    text = str(text or "").strip()
    words = WORD.findall(text)
    long_words = [w for w in words if len(w) >= 3 and w.lower() not in _minor()]
    letters = list(filter(str.isalpha, text))  # map/filter: C loops over every character
    reasons = []
    ratio = sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0.0
    caps = sum(map(str.isupper, letters)) / len(letters) if letters else 0.0
    if len(long_words) >= MIN_WORDS and caps >= CAPS_RATIO:
        reasons.append("all_caps")
    elif len(long_words) >= MIN_WORDS and ratio >= TITLE_RATIO:
        reasons.append("title_case")
    if text and not FINAL_STOP.search(text):
        reasons.append("no_final_punctuation")
    if 0 < len(words) <= MAX_WORDS:
        reasons.append("short")
    lowered = {w.lower().replace("’", "'") for w in words}
    contractions = {"'" + w.split("'")[-1] for w in lowered if "'" in w} - {"'s"}
    if not (lowered | contractions) & _auxiliaries():
        reasons.append("no_finite_auxiliary")
    if COLON_SOURCE.match(text) and not section_label(text.split(":", 1)[0]):
        reasons.append("colon_source")
    if TO_INFINITIVE.search(text) and "no_finite_auxiliary" in reasons:
        reasons.append("to_infinitive")
    if words and all(w.lower() in _date_words() for w in words):
        reasons.append("date_line")  # "Posted: Friday, May 2, 2014 at 9:30 AM" is no headline
    style = {"title_case", "all_caps", "no_finite_auxiliary"} & set(reasons)
    headline = (
        bool(style)
        and "no_final_punctuation" in reasons
        and "short" in reasons
        and "date_line" not in reasons
    )
    return HeadlineStyle(headline, tuple(reasons), round(ratio, 3))


# ---------------------------------------------------------------------------------------------
# Truecasing.
@cache
def _kept_words() -> frozenset[str]:
    """Lower-case words English always capitalises: countries, months and weekdays (a month name
    that is also a verb or a stop word, "march", "may", is left to the other signs)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    from crosscheck.text.gazetteer import _countries  # noqa: PLC0415 - loads GeoNames lazily
    from crosscheck.text.nlp import nlp  # noqa: PLC0415

    index = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    verbs = set(index["verb"]) | set(STOP_WORDS)
    words = {m for m, form in lexicon.by_attr("months", "form").items() if form == "full"}
    words = {m for m in words if m not in verbs}
    words |= {d for d, form in lexicon.by_attr("weekdays", "form").items() if form == "full"}
    for name in _countries():
        words.update(name.split())
    return frozenset(w for w in words if w not in _minor() and len(w) > 2)


def _context_case(context: str) -> tuple[set[str], set[str]]:
    """(words written in lower case, words written capitalised not at a sentence start) in the
    context."""
    lower, upper = set(), set()
    for line in context.splitlines():
        if headline_style(line).needs_truecase:
            continue
        for m in WORD.finditer(line):
            w = m.group()
            before = line[max(0, m.start() - 50) : m.start()].rstrip()
            if w.islower():
                lower.add(w)
            elif w[0].isupper() and not w.isupper() and before and before[-1] not in ".!?:\"“‘'":
                upper.add(w.lower())
    return lower, upper - lower


def _readings(lines: list[str]) -> list[dict[int, tuple[bool, str]]]:
    """For each line: offset of each word -> (the model reads it as a name, its lemma) in the
    lower-cased line (one spaCy batch; lemmas from the fine tags, as extract_claims reads them)."""
    from crosscheck.text.nlp import BATCH_SIZE, lemma, nlp  # noqa: PLC0415 - spaCy on first use

    docs = nlp().pipe(
        [line.lower() for line in lines],
        batch_size=BATCH_SIZE,
        disable=["lemmatizer", "attribute_ruler"],
    )
    return [
        {
            t.idx: (
                t.tag_ in ("NNP", "NNPS") or (t.ent_type_ in NAME_ENTITIES and not t.like_num),
                lemma(t),
            )
            for t in doc
        }
        for doc in docs
    ]


def _keeps_case(word: str, lemma: str, caps: bool) -> bool:
    """A word whose form alone marks it as a name or an acronym."""
    from crosscheck.text.gazetteer import english_words  # noqa: PLC0415

    key = word.lower()
    if any(c.isdigit() for c in word):
        return True
    if not caps and (word[1:] != word[1:].lower()):  # inner capitals: "McAdam", "NATO", "IT"
        return True
    if key not in english_words() and lemma not in english_words():
        return True
    return key in _kept_words() or key in _place_words()


@cache
def _place_words() -> frozenset[str]:
    """One-word gazetteer places the place ruler matches (English-word names of small places
    are not among them), in lower case."""
    from crosscheck.text.gazetteer import place_patterns  # noqa: PLC0415

    return frozenset(
        p["pattern"].lower()
        for p in place_patterns()
        if isinstance(p["pattern"], str) and " " not in p["pattern"]
    )


def _recased(word: str, keep: bool, first: bool, caps: bool) -> str:
    """The form a word takes: a kept name stays (an ALL CAPS word becomes Capitalised unless it
    is an acronym: not an English word, four letters or fewer); a common word goes to lower
    case, capitalised when it opens the line."""
    from crosscheck.text.gazetteer import english_words  # noqa: PLC0415

    key = word.lower()
    if keep:
        acronym = len(word) <= 4 and key not in english_words()
        return word.capitalize() if caps and word.isalpha() and not acronym else word
    return word.capitalize() if first else key


def truecase(text: str, context: str = "") -> str:
    """`text` with its title-cased or upper-cased common words in lower case (module docs)."""
    if not headline_style(text).needs_truecase:
        return text
    return _recase(text, _context_case(context), _readings([text])[0])


def _recase(text: str, context_case: tuple[set[str], set[str]], reading: dict) -> str:
    caps = "all_caps" in headline_style(text).reasons
    lower, upper = context_case
    out = list(text)
    first = True
    for m in TOKEN.finditer(text):
        word = m.group()
        if not any(c.isupper() for c in word):
            first = False
            continue
        key = word.lower()
        is_name, lemma = reading.get(m.start(), (False, key))
        if key in upper:
            keep = True
        elif key in lower:
            keep = False
        else:
            keep = is_name or _keeps_case(word, lemma, caps)
        new = _recased(word, keep, first, caps)
        if len(new) == len(word):  # some letters change length in lower case: keep those
            out[m.start() : m.end()] = new
        first = False
    return "".join(out)


def truecase_lines(text: str) -> str:
    """Truecase every headline-style line of an article; the other lines are its context."""
    return truecase_many([text])[0]


def _headline_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if headline_style(line).needs_truecase]


def truecase_many(texts: list[str]) -> list[str]:
    """truecase_lines for many articles, the model reading their headline lines in one batch."""
    splits = [text.split("\n") for text in texts]
    heads = [_headline_lines(lines) for lines in splits]
    readings = iter(_readings([splits[k][i] for k, idx in enumerate(heads) for i in idx]))
    out = []
    for text, lines, idx in zip(texts, splits, heads, strict=True):
        if not idx:
            out.append(text)
            continue
        context = _context_case("\n".join(ln for i, ln in enumerate(lines) if i not in idx))
        for i in idx:
            lines[i] = _recase(lines[i], context, next(readings))
        out.append("\n".join(lines))
    return out
