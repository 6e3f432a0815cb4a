"""Russian and Ukrainian claims: the same table as crosscheck.claims.extract_claims, offline.

Public functions
----------------
extract(articles) -> list of claim rows (dicts with every column of crosscheck.claims.COLUMNS)
    `articles`: article_id, text, published (optional ISO date), language ("ru" | "uk").
    One claim per sentence (razdel). Per sentence:
    speaker / speaker_kind / attribution_verb   reporting verbs (lemmas: заявить, повідомити ...)
        and phrases (по словам, по данным, со ссылкой на, за словами ...) of lexicon
        <lang>/attribution; the source is the words after a phrase or a post-posed verb
        (", — заявил X"), else the words before the verb; names in it are put in the nominative
    certainty / certainty_rank / certainty_cues  lexicon <lang>/certainty (+ negation cues)
    entities    capitalised word runs (and a region word after an adjective: "Донецкой области"),
        each {text: dictionary form (crosscheck.text.morph.name_lemma), surface: as written,
        kind, label, start, end}: the text is the lemma so that names match across cases and
        scripts (Покровском, Покровск and Pokrovsk are one name)
    quantities  numbers, number words, approximations ("около", "более", "менее километра") and
        units of lexicons <lang>/numbers, approx, units; units in English (km, %, soldiers)
    times       day-month dates, weekdays, "накануне", "на этой неделе" ... resolved against the
        publication date (rows shaped like crosscheck.timeline.extract_times)
    event_stage lexicon <lang>/event_stages (approach, advance, reach, capture)
Ukrainian without the optional dictionary: lemmas by ending rules and the gazetteer (a warning).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from crosscheck.text import lexicon, morph
from crosscheck.text.certainty import FACT_SCORE, attributed_score
from crosscheck.text.language import fix_homoglyphs

STAGES = ("", "approach", "advance", "reach", "capture")
LEVELS = ("fact", "expected", "possible", "speculative")
MAX_SPEAKER_WORDS = 7
PERSON_TAGS = ("Name", "Surn", "Patr")
PLACE_PREPOSITIONS = ("под", "під", "возле", "біля")  # "near X": X is a place
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_CAP = re.compile(r"^[A-ZА-ЯЁІЇЄҐ]")
_WORDLIKE = re.compile(r"^[^\W\d_][\w'’ʼ-]*$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_SPEAKER_STOP = set(',.;:!?()«»"“”—–-')


@dataclass
class Tok:
    text: str
    start: int
    end: int
    low: str = ""
    lemma: str = ""

    def __post_init__(self):
        self.low = fix_homoglyphs(self.text).lower().replace("ё", "е")


@dataclass
class Lex:
    """The lexicons of one language, read once."""

    lang: str
    verbs: set = field(default_factory=set)
    phrases: list = field(default_factory=list)
    certainty: list = field(default_factory=list)
    negation: set = field(default_factory=set)
    stages: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)
    approx: list = field(default_factory=list)
    units: dict = field(default_factory=dict)
    months: list = field(default_factory=list)
    relative: list = field(default_factory=list)
    sources: dict = field(default_factory=dict)
    place_words: dict = field(default_factory=dict)
    weekdays: dict = field(default_factory=dict)


_LEX: dict[str, Lex] = {}


def lexicons(lang: str) -> Lex:
    if lang in _LEX:
        return _LEX[lang]
    lx = Lex(lang)
    for e in lexicon.load("attribution", lang):
        if e.attrs["kind"] == "verb":
            lx.verbs.add(e.entry)
        else:
            lx.phrases.append(e.entry.split())
    lx.phrases.sort(key=len, reverse=True)
    lx.certainty = sorted(
        ((e.entry.split(), int(e.attrs["rank"])) for e in lexicon.load("certainty", lang)),
        key=lambda c: -len(c[0]),
    )
    lx.negation = set(lexicon.words("negation", lang))
    lx.stages = lexicon.by_attr("event_stages", "stage", lang)
    lx.numbers = {
        e.entry: (e.attrs["value"], e.attrs["kind"]) for e in lexicon.load("numbers", lang)
    }
    lx.approx = sorted(
        ((e.entry.split(), e.attrs["approx"]) for e in lexicon.load("approx", lang)),
        key=lambda c: -len(c[0]),
    )
    lx.units = lexicon.by_attr("units", "unit", lang)
    lx.months = [(e.entry, int(e.attrs["month"])) for e in lexicon.load("months", lang)]
    lx.months.sort(key=lambda m: -len(m[0]))
    lx.relative = sorted(
        (
            (e.entry.split(), e.attrs["kind"], int(e.attrs["offset"]))
            for e in lexicon.load("relative_times", lang)
        ),
        key=lambda c: -len(c[0]),
    )
    lx.sources = {e.entry: e.attrs for e in lexicon.load("sources", lang)}
    lx.place_words = lexicon.by_attr("place_words", "role", lang)
    lx.weekdays = {e.entry: int(e.attrs["weekday"]) for e in lexicon.load("weekdays", lang)}
    _LEX[lang] = lx
    return lx


# ---------------------------------------------------------------------------------------------
def extract(articles) -> list[dict]:
    """Claim rows of Russian / Ukrainian articles (see the module docstring)."""
    rows: list[dict] = []
    published = articles["published"] if "published" in articles.columns else [None] * len(articles)
    for article_id, text, lang, pub in zip(
        articles["article_id"].astype(str), articles["text"], articles["language"], published,
        strict=True,
    ):  # fmt: skip
        if not isinstance(text, str) or not text.strip():
            continue
        rows.extend(_article(article_id, text, lang, _reference(pub)))
    return rows


def fix_text_homoglyphs(text: str) -> str:
    """Every word of `text` with look-alike letters of the other alphabet replaced (same length)."""
    return re.sub(r"[^\W\d_]+", lambda m: fix_homoglyphs(m.group(0)), text)


def _reference(published) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except (TypeError, ValueError):
        return None


def _sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence."""
    import razdel  # noqa: PLC0415

    out, para, pos = [], 0, 0
    breaks = [m.end() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for end in breaks:
        chunk = text[pos:end]
        for s in razdel.sentenize(chunk):
            if s.text.strip():
                out.append((pos + s.start, pos + s.stop, para))
        pos, para = end, para + 1
    return out


def _tokens(text: str, start: int) -> list[Tok]:
    import razdel  # noqa: PLC0415

    out: list[Tok] = []
    for t in razdel.tokenize(text):
        tok = Tok(t.text, start + t.start, start + t.stop)
        if len(out) >= 2 and out[-1].text in APOSTROPHES and _glued(out[-2], out[-1], tok):
            tok = Tok(out[-2].text + out[-1].text + tok.text, out[-2].start, tok.end)
            del out[-2:]  # Ukrainian "прем'єр", "п'ятниця": one word across the apostrophe
        out.append(tok)
    return out


APOSTROPHES = ("'", "’", "ʼ")


def _glued(left: Tok, mark: Tok, right: Tok) -> bool:
    return left.end == mark.start and mark.end == right.start and left.text[-1:].isalpha()


def _article(article_id: str, text: str, lang: str, ref: dt.date | None) -> list[dict]:
    lx = lexicons(lang)
    rows, seen = [], {}
    for seq, (a, b, para) in enumerate(_sentences(text)):
        sent = text[a:b]
        toks = _tokens(fix_text_homoglyphs(sent), a)  # same length: offsets hold
        for t in toks:
            t.lemma = morph.lemma(t.low, lang) if _WORDLIKE.match(t.low) else t.low
        norm = " ".join(unicodedata.normalize("NFKC", sent).casefold().split())
        occurrence = seen.get(norm, 0)
        seen[norm] = occurrence + 1
        digest = hashlib.sha1(f"{norm}#{occurrence}".encode()).hexdigest()[:8]
        times = _times(toks, lx, ref, text)
        used = {i for tm in times for i in range(tm["start"], tm["end"])}
        speaker = _attribution([t for t in toks if t.start not in used], lx)
        rank, cues, negated = _certainty(toks, lx)
        stages = [STAGES.index(lx.stages[t.lemma]) for t in toks if t.lemma in lx.stages]
        stage = max(stages, default=0)
        rows.append(
            {
                "claim_id": f"{article_id}:{digest}",
                "article_id": article_id,
                "seq": seq,
                "text": sent,
                "start": a,
                "end": b,
                **speaker,
                "speaker_inherited": False,
                "certainty": LEVELS[rank],
                "certainty_rank": rank,
                "certainty_cues": cues,
                "entities": _entities(toks, lx, text),
                "quantities": _quantities(toks, lx, text, used),
                "times": times,
                "speaker_role": "",
                "negated": negated,
                "event_stage": STAGES[stage],
                "event_stage_rank": stage,
                "paragraph": para,
                **_attribution_extras(speaker, sent, rank),
            }
        )
    return rows


_QUOTE_SPAN = re.compile(r"«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"")


@cache
def _level_scores() -> dict[int, float]:
    """Certainty score of each rank: the median score of the English cues of that level
    (lexicon en/certainty_cues), so both languages share one scale."""
    scores: dict[int, list[float]] = {}
    for e in lexicon.load("certainty_cues"):
        if e.attrs["level"] in LEVELS:
            scores.setdefault(LEVELS.index(e.attrs["level"]), []).append(float(e.attrs["score"]))
    return {0: FACT_SCORE} | {r: statistics.median(v) for r, v in scores.items()}


def _attribution_extras(speaker: dict, sent: str, rank: int) -> dict:
    """The claims columns the Slavic attribution has no finer rule for: every attribution cue
    of the lexicons is a reporting one (kind "speech", strong), the chain is the speaker alone;
    quoted when most of the sentence lies inside quotation marks."""
    quoted = sum(len(m) for m in _QUOTE_SPAN.findall(sent)) > len(sent) / 2
    extras = {
        "attribution_kind": "speech" if speaker["attributed"] else "",
        "attribution_strong": bool(speaker["attributed"]),
        "source_chain": [speaker["speaker"]] if speaker["speaker"] else [],
        "quoted": quoted,
    }
    score = _level_scores().get(rank, FACT_SCORE)
    extras["certainty_score"] = float(attributed_score(score, {**speaker, **extras}))
    return extras


# ---------------------------------------------------------------------------------------------
def _match_at(toks: list[Tok], i: int, words: list[str]) -> bool:
    return i + len(words) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(words))


def _speaker_after(toks: list[Tok], i: int, lx: Lex) -> list[Tok]:
    """The source words from token i on, up to punctuation, a verb or MAX_SPEAKER_WORDS."""
    out: list[Tok] = []
    for t in toks[i:]:
        if t.text in _SPEAKER_STOP or (out and t.lemma in lx.verbs) or t.low in ("что", "що"):
            break
        if not out and morph.has_tag(t.low, lx.lang, "datv", top=1) and not _CAP.match(t.text):
            continue  # "сообщил журналистам глава ...": the addressee, not the source
        if _is_verb(t, lx.lang) and not _CAP.match(t.text):
            break
        out.append(t)
        if len(out) >= MAX_SPEAKER_WORDS:
            break
    return out


def _is_verb(t: Tok, lang: str) -> bool:
    return morph.has_tag(t.low, lang, "VERB", "INFN", top=1)


def _speaker_before(toks: list[Tok], i: int) -> list[Tok]:
    """The words from the last clause break before token i."""
    start = 0
    for k in range(i - 1, -1, -1):
        if toks[k].text in _SPEAKER_STOP:
            start = k + 1
            break
    return [t for t in toks[start:i] if t.text not in _SPEAKER_STOP][-MAX_SPEAKER_WORDS:]


def _attribution(toks: list[Tok], lx: Lex) -> dict:
    found: tuple[list[Tok], str] | None = None
    for i in range(len(toks)):
        phrase = next((p for p in lx.phrases if _match_at(toks, i, p)), None)
        if phrase:
            who = _speaker_after(toks, i + len(phrase), lx)
            if who:
                found = (who, " ".join(phrase))
                break
        if toks[i].lemma in lx.verbs:
            post = i > 0 and toks[i - 1].text in _SPEAKER_STOP
            who = _speaker_after(toks, i + 1, lx) if post else _speaker_before(toks, i)
            if not who and not post:
                who = _speaker_after(toks, i + 1, lx)
            if who:
                found = (who, toks[i].text.lower())
                break
    if not found:
        return {"speaker": "", "speaker_kind": "", "attribution_verb": "", "medium": "",
                "attributed": False}  # fmt: skip
    who, verb = found
    speaker, kind = _speaker_text(who, lx)
    return {"speaker": speaker, "speaker_kind": kind, "attribution_verb": verb, "medium": "",
            "attributed": True}  # fmt: skip


def _speaker_text(who: list[Tok], lx: Lex) -> tuple[str, str]:
    """The source in the nominative (names and the head word) and its kind."""
    names = [
        t
        for t in who
        if _CAP.match(t.text) and morph.has_tag(t.low, lx.lang, "Name", "Surn", "Patr")
    ]
    words = []
    for k, t in enumerate(who):
        if t in names:
            words.append(morph.name_lemma([t.text], lx.lang, "person"))
        elif k == 0 and not t.text.isupper():
            words.append(t.lemma)
        else:
            words.append(t.text)
    kinds = [lx.sources[t.lemma]["kind"] for t in who if t.lemma in lx.sources]
    kinds += [lx.sources[t.low]["kind"] for t in who if t.low in lx.sources]
    if "outlet" in kinds:
        kind = "outlet"
    elif names:
        kind = "person"
    elif kinds and kinds[0] == "vague":
        kind = "vague"
    else:
        kind = "organisation"
    return " ".join(words), kind


def _certainty(toks: list[Tok], lx: Lex) -> tuple[int, list[str], bool]:
    rank, cues, covered = 0, [], set()
    for i in range(len(toks)):
        for words, r in lx.certainty:
            if _match_at(toks, i, words):
                rank = max(rank, r)
                cues.append(" ".join(words))
                covered |= set(range(i, i + len(words)))
                break
    if rank == 0:  # a statement about the future is expected, as English "will" is
        future = next((t for t in toks if _is_future(t, lx.lang)), None)
        if future is not None:
            rank = 1
            cues.append(future.low)
    skip = covered | {i for i in range(len(toks)) for w, _ in lx.approx if _match_at(toks, i, w)}
    neg = [t.low for k, t in enumerate(toks) if t.low in lx.negation and k not in skip]
    return rank, cues + neg, bool(neg)


def _is_future(t: Tok, lang: str) -> bool:
    """A finite verb in the future tense (its most likely parses)."""
    return _WORDLIKE.match(t.low) is not None and any(
        "VERB" in tag and "futr" in tag for tag in morph.tags(t.low, lang)[:2]
    )


# ---------------------------------------------------------------------------------------------
def _entities(toks: list[Tok], lx: Lex, text: str) -> list[dict]:
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        if not (_CAP.match(t.text) and _WORDLIKE.match(t.text)) or not _is_name_start(toks, i, lx):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _CAP.match(toks[j].text) and _WORDLIKE.match(toks[j].text):
            j += 1
        if j < len(toks) and lx.place_words.get(toks[j].lemma) == "region":
            j += 1  # "Донецкой области", "Покровского района"
        for run in _split_run(toks[i:j], lx):
            before = toks[toks.index(run[0]) - 1] if toks.index(run[0]) else None
            out.append(_entity(run, before, lx, text))
        i = j
    return out


def _token_class(t: Tok, lx: Lex) -> str:
    if t.text.isupper() and len(t.text) > 1:
        return "abbr"
    if t.lemma in lx.sources or t.low in lx.sources:
        return "source"
    if lx.place_words.get(t.lemma) == "region":
        return "other"
    if morph.has_tag(t.low, lx.lang, "Name", "Patr", top=2):
        return "person"
    return "other"


def _split_run(run: list[Tok], lx: Lex) -> list[list[Tok]]:
    """Split 'Минобороны РФ Игорь Конашенков' into organisation, country and person."""
    groups: list[list[Tok]] = []
    last = ""
    for t in run:
        cls = _token_class(t, lx)
        joins = groups and (
            cls == last == "other"
            or (last == "person" and cls == "other" and _surname_here(t, lx))
            or (cls == "other" and lx.place_words.get(t.lemma) == "region")
        )
        if joins:
            groups[-1].append(t)
        else:
            groups.append([t])
        last = cls if cls != "other" or last != "person" else "person"
    return groups


def _surname_here(t: Tok, lx: Lex) -> bool:
    """After a first name: a surname (tagged so), or a word that names no gazetteer place."""
    return morph.has_tag(t.low, lx.lang, "Surn", top=3) or not _gazetteer_word(t, lx)


def _gazetteer_word(t: Tok, lx: Lex) -> bool:
    return morph._gazetteer_population(morph.name_lemma([t.text], lx.lang)) >= 0


def _is_name_start(toks: list[Tok], i: int, lx: Lex) -> bool:
    """A capitalised word is a name mid-sentence; sentence-first only with a name tag."""
    t = toks[i]
    if i > 0 and toks[i - 1].text not in '«"“—–-':
        return not (t.low in lx.sources and lx.sources[t.low]["kind"] == "vague")
    if t.text.isupper() and len(t.text) > 1:
        return True
    return morph.has_tag(t.low, lx.lang, *morph.NAME_TAGS, top=2)


def _entity(run: list[Tok], before: Tok | None, lx: Lex, text: str) -> dict:
    words = [fix_homoglyphs(t.text) for t in run]
    lows = [t.low for t in run]
    abbr = len(run) == 1 and run[0].text.isupper()
    keys = lows + [t.lemma for t in run]
    source = next((lx.sources[w] for w in keys if w in lx.sources), None)
    person = not abbr and any(
        morph.has_tag(w, lx.lang, "Name", "Surn", "Patr", top=2) for w in lows
    )
    geo = any(morph.has_tag(w, lx.lang, "Geox", top=2) for w in lows)
    cue = before is not None and (
        lx.place_words.get(before.lemma) == "settlement"
        or before.low in ("под", "під", "возле", "біля")
    )
    region = lx.place_words.get(run[-1].lemma) == "region"
    first_name = any(morph.has_tag(w, lx.lang, "Name", "Patr", top=2) for w in lows)
    place_name = "" if abbr or first_name else morph.name_lemma(words, lx.lang, "")
    known_place = bool(place_name) and morph._gazetteer_population(place_name) >= 0
    if source and source["kind"] == "outlet":
        kind, label = "outlet", "OUTLET"
    elif source or abbr:
        kind, label = "organisation", "ORG"
    elif known_place or geo or cue or region or not person:
        kind, label = "place", "LOC" if region else "GPE"
    else:
        kind, label = "person", "PERSON"
    if abbr:
        name = words[0]
    elif kind == "place" and place_name:
        name = place_name
    else:
        name = morph.name_lemma(words, lx.lang, kind)
    return {
        "text": name,
        "surface": text[run[0].start : run[-1].end],
        "kind": kind,
        "label": label,
        "start": run[0].start,
        "end": run[-1].end,
    }


# ---------------------------------------------------------------------------------------------
def _num_value(t: Tok, lx: Lex) -> tuple[float | None, str]:
    """(value, vague quantifier) of a number token."""
    if _NUMBER.match(t.text):
        return float(t.text.replace(",", ".")), ""
    entry = lx.numbers.get(t.lemma) or lx.numbers.get(t.low)
    if entry is None:
        return None, ""
    value, kind = entry
    if kind == "number":
        return float(value), ""
    if kind in ("several", "dozens", "hundreds", "many"):
        return None, kind
    return None, ""


def _quantities(toks: list[Tok], lx: Lex, text: str, used: set[int]) -> list[dict]:
    out, i = [], 0
    while i < len(toks):
        approx, k = "", i
        for words, canon in lx.approx:
            if _match_at(toks, i, words):
                approx, k = canon, i + len(words)
                if (
                    k + 1 < len(toks)
                    and toks[k].low in ("на", "в", "у")
                    and toks[k + 1].text[:1].isdigit()
                ):
                    k += 1  # "приблизно на 20%", "примерно в 3 раза"
                break
        if k >= len(toks):
            break
        value, vague = _num_value(toks[k], lx)
        start_tok = toks[i] if approx else toks[k]
        if value is None and not vague:
            unit = lx.units.get(toks[k].lemma, "") if approx else ""
            if unit and unit in ("km", "m", "tons"):  # "менее километра": one unit
                out.append(_q(text, start_tok.start, toks[k].end, 1.0, unit, approx, "quantity"))
                i = k + 1
                continue
            i += 1
            continue
        if toks[k].start in used or _score_like(toks, k):
            i = k + 1
            continue
        j = k + 1
        # thousands written with a space: "1 200"
        while value is not None and j < len(toks) and re.fullmatch(r"\d{3}", toks[j].text):
            value, j = value * 1000 + float(toks[j].text), j + 1
        if j < len(toks) and (lx.numbers.get(toks[j].lemma, ("", ""))[1] == "scale"):
            scale = float(lx.numbers[toks[j].lemma][0])
            value = value * scale if value is not None else scale
            j += 1 + (j + 1 < len(toks) and toks[j + 1].text == ".")
        unit, kind = "", "cardinal"
        if j < len(toks) and (toks[j].lemma in lx.units or toks[j].text == "%"):
            unit = lx.units.get(toks[j].lemma, "%")
            kind = "percent" if unit == "%" else "quantity"
            j += 1
        elif j < len(toks) and toks[j].lemma in _DURATION:
            if _YEAR.fullmatch(toks[k].text) or toks[j].text in ("г", "р"):
                i = j + 1  # a calendar year ("в 2022 году"), a time expression
                continue
            unit, kind = _DURATION[toks[j].lemma], "quantity"  # "6 годам колонии", "5 років"
            j += 1
        end = toks[j - 1].end
        out.append(_q(text, start_tok.start, end, value, unit, approx or vague, kind))
        i = j
    return out


def _score_like(toks: list[Tok], k: int) -> bool:
    """A number joined to another by ':' (a score "3:0", a clock time "10:30")."""
    after = k + 2 < len(toks) and toks[k + 1].text == ":" and toks[k + 2].text.isdigit()
    before = k >= 2 and toks[k - 1].text == ":" and toks[k - 2].text.isdigit()
    return after or before


def _q(text, start, end, value, unit, approx, kind) -> dict:
    return {"text": text[start:end], "value": value, "unit": unit, "approx": approx,
            "start": start, "end": end, "kind": kind, "scale": 1.0}  # fmt: skip


# ---------------------------------------------------------------------------------------------
def _month(word: str, lx: Lex) -> int:
    for stem, number in lx.months:
        rest = word[len(stem) :]
        if word.startswith(stem) and len(rest) <= 3 and (len(stem) > 2 or rest in ("я", "й", "е")):
            return number
    return 0


def _time(text, start, end, value, first, last, note) -> dict:
    return {"start": start, "end": end, "text": text[start:end], "type": "DATE", "value": value,
            "start_date": first.isoformat(), "end_date": last.isoformat(), "inferred": True,
            "note": note}  # fmt: skip


def _times(toks: list[Tok], lx: Lex, ref: dt.date | None, text: str) -> list[dict]:
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        month = _month(toks[i + 1].low, lx) if i + 1 < len(toks) and t.text.isdigit() else 0
        if month and 1 <= int(t.text) <= 31:
            j, year = i + 2, None
            if j < len(toks) and re.fullmatch(r"(19|20)\d\d", toks[j].text):
                year, j = int(toks[j].text), j + 1
                if j < len(toks) and toks[j].lemma in ("год", "рік", "г", "р"):
                    j += 1 + (j + 1 < len(toks) and toks[j + 1].text == ".")
            if year is None and ref is None:
                i = j
                continue
            note = "year as written" if year else f"year from reference {ref} (past tense)"
            year = year or ref.year
            try:
                day = dt.date(year, month, int(t.text))
            except ValueError:
                i = j
                continue
            if ref and "reference" in note and day > ref:
                if _looks_ahead(toks, i):
                    note = f"year from reference {ref} (ahead)"
                else:
                    day = day.replace(year=year - 1)
            out.append(_time(text, t.start, toks[j - 1].end, day.isoformat(), day, day, note))
            i = j
            continue
        rel = next((r for r in lx.relative if _match_at(toks, i, r[0])), None)
        if rel and ref is not None and rel[1] != "night":
            words, kind, offset = rel
            end = toks[i + len(words) - 1].end
            ahead = kind == "weekday" and _looks_ahead(toks, i)
            out.append(_relative(text, t.start, end, kind, offset, ref, ahead))
            i += len(words)
            continue
        alone = _month_alone(t.low, lx) if not (i and toks[i - 1].text.isdigit()) else 0
        if alone and ref is not None:  # "в мае", "у вересні", "за лютий"
            out.append(_month_time(text, t, alone, ref, _looks_ahead(toks, i)))
            i += 1
            continue
        if t.lemma in lx.weekdays and ref is not None:  # "к среде", "до вечора четверга"
            ahead = _looks_ahead(toks, i)
            out.append(_relative(text, t.start, t.end, "weekday", lx.weekdays[t.lemma], ref, ahead))
        elif _YEAR.fullmatch(t.text) and i + 1 < len(toks) and toks[i + 1].lemma in _YEAR_WORDS:
            y = int(t.text)
            first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
            out.append(_time(text, t.start, toks[i + 1].end, t.text, first, last, "year"))
            i += 2
            continue
        i += 1
    return out


_DURATION = {"год": "years", "рік": "years", "г": "years", "р": "years", "лет": "years",
             "час": "hours", "година": "hours"}  # fmt: skip
_YEAR = re.compile(r"(19|20)\d\d")
_YEAR_WORDS = ("год", "рік", "року", "году")


_MONTH_ENDINGS = ("", "ь", "я", "е", "й", "ю", "ем", "ём", "а", "у", "ом", "ень", "ня", "ні",
                  "ий", "ого", "і", "им", "ні", "ень", "ого")  # fmt: skip


def _month_alone(word: str, lx: Lex) -> int:
    """A month name without a day ("в мае", "у вересні"): a month stem and a month ending only
    ("травму", the accusative of "травма", is no May)."""
    for stem, number in lx.months:
        if word.startswith(stem) and word[len(stem) :] in _MONTH_ENDINGS and len(word) >= 3:
            return number
    return 0


def _month_time(text: str, t: Tok, month: int, ref: dt.date, ahead: bool) -> dict:
    """A month named alone: the latest such month up to the publication date, or the next one
    from it when the sentence looks ahead."""
    year = ref.year
    if ahead and month < ref.month:
        year += 1
    elif not ahead and month > ref.month:
        year -= 1
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return _time(
        text, t.start, t.end, f"{year}-{month:02d}", first, last, f"month; reference {ref}"
    )


def _looks_ahead(toks: list[Tok], i: int) -> bool:
    """A time ahead of the publication date: after "к"/"до" (by, until) or when the verb nearest
    to it is in the future tense; otherwise before it (news reports the past)."""
    if i > 0 and toks[i - 1].low in ("к", "ко", "до"):
        return True
    if i > 1 and toks[i - 2].low in ("к", "ко", "до"):  # "до вечора четверга", "к утру четверга"
        return True
    lang = "uk" if any(ch in "ієїґ" for t in toks for ch in t.low) else "ru"
    verbs = [(abs(k - i), k) for k, t in enumerate(toks) if _is_verb_form(t, lang)]
    if not verbs:
        return False
    k = min(verbs)[1]  # the nearest verb, or the future auxiliary before it ("будет рассмотрена")
    return _ahead_verb(toks[k], lang) or (k > 0 and _is_future(toks[k - 1], lang))


def _ahead_verb(t: Tok, lang: str) -> bool:
    """A future verb; without morphology also a non-past one (a perfective future looks like a
    present by its ending, and news puts few presents beside a month to come)."""
    if _is_future(t, lang):
        return True
    return not morph.available(lang) and "VERB,pres" in morph.tags(t.low, lang)[:1]


def _is_verb_form(t: Tok, lang: str) -> bool:
    """A finite verb or a short participle (the sentence's tense), not an infinitive."""
    if not _WORDLIKE.match(t.low):
        return False
    return any(("VERB" in tag and "infn" not in tag) or "PRTS" in tag
               for tag in morph.tags(t.low, lang)[:2])  # fmt: skip


def _relative(text, start, end, kind, offset, ref: dt.date, ahead: bool = False) -> dict:
    note = f"relative to reference {ref}"
    if kind == "weekday" and ahead:
        day = ref + dt.timedelta(days=(offset - ref.weekday()) % 7)
        return _time(text, start, end, day.isoformat(), day, day, note + " (ahead)")
    if kind == "year":
        y = ref.year + offset
        return _time(text, start, end, str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), note)
    if kind == "day":
        day = ref + dt.timedelta(days=offset)
        return _time(text, start, end, day.isoformat(), day, day, note)
    if kind == "weekday":
        day = ref - dt.timedelta(days=(ref.weekday() - offset) % 7)
        return _time(text, start, end, day.isoformat(), day, day, note)
    if kind == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
        iso = monday.isocalendar()
        value = f"{iso[0]}-W{iso[1]:02d}"
        return _time(text, start, end, value, monday, monday + dt.timedelta(days=6), note)
    first = ref.replace(day=1)
    if offset < 0:
        first = (first - dt.timedelta(days=1)).replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    value = f"{first.year}-{first.month:02d}"
    return _time(text, start, end, value, first, nxt - dt.timedelta(days=1), note)
