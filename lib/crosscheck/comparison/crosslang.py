"""Comparing an original in Cyrillic with a rewrite in Latin script, without translation.

The comparison layer calls these for a pair of claims (or articles) written in different scripts
(crosscheck.comparison.align.align_claims, crosscheck.comparison.crossscript for the typing,
crosscheck.comparison.names.sources_match for speakers).
Nothing here translates: claims align on language-independent anchors (names keyed across
scripts, numbers, dates, quoted phrases), and only the differences that need no translation are
typed (entity variant or different referent, quantity, time, attribution, certainty, one-source).

Public functions
----------------
script_of(text) -> "cyr" | "lat" | ""
cross_script(a, b) -> bool                 the two texts are written in different scripts
differ(script_a, script_b) -> bool         the same for two script codes of script_of
anchors(row) -> set[str]                   anchors of a claim row (entities, quantities, times)
anchor_similarity(rows_a, rows_b) -> matrix   Dice overlap of anchors (0..1), for alignment
alignment_similarity(rows_a, rows_b) -> matrix   what align_claims uses across scripts: a
                                           monotone alignment (translations and rewrites keep the
                                           order of the original) scored on anchors, sentence
                                           length ratio (Gale and Church 1993) and position; the
                                           chosen pairs get 0.5 + anchors / 2, others 0, except
                                           out-of-order pairs sharing most anchors (kept as is)
same_name(a, b, kind="place") -> bool      one name in two scripts (Торецк / Toretsk): the verdict
                                           of crosscheck.entities.compare_names, the one
                                           authority on name identity, is same or variant
same_source(speaker_a, speaker_b) -> bool  the same source across scripts: a shared name (keyed
                                           across scripts) or a source word and its English
                                           equivalents (lexicon <lang>/sources, column english)
quantity_rows(a, b) -> list of difference dicts (kind "quantity") matched by value, not unit;
                                           a number only one side's quantities hold is no row
                                           when the other side writes it anyway (digits or a
                                           number word: lexicon en/number_words, <lang>/numbers)
entity_pairs(a, b) -> [(ent_a, ent_b)]     places of A and B that no name of the other side
                                           renders (same key, close transliteration, a shared
                                           gazetteer place): the candidates for a typed row
unknown_place_rows(a, b) -> rows           a Latin place without counterpart and in no gazetteer
untagged_place_rows(a, b) -> rows          the same for a capitalised name in a place position
                                           ("near X", "the X district": en/place_positions)
                                           that the NER did not tag as a place
keep_entity_row(row) -> bool               across scripts only a place the gazetteer does not
                                           know (an invented toponym) or two different known
                                           places are typed; "cannot tell" needs translation
attribution_kept(row, a, b) -> bool        an "only one side has a source" row is dropped when
                                           the other side (English) reports a source anyway
                                           (lexicon en/reporting_cues) that was not extracted,
                                           or when the English speaker is the data a certainty
                                           cue of the other side names (<lang>/certainty,
                                           column english: "preliminary data")
unextracted_source_rows(a, b) -> rows      an English side reporting a source in words no speaker
                                           was taken from, beside a side without a source
time_kept(row, a, b) -> bool               the same weekdays resolved into different weeks are
                                           no time difference (the week is inference)
certainty_rows(a, b) -> rows               hedges compared, not the future tense: one side
                                           hedged and the other not, or two ranks apart
                                           (lexicons en/hedges, <lang>/certainty column hedge)
NEEDS_TRANSLATION  kinds never typed across scripts (characterization, reference_point)
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from crosscheck.text import lexicon
from crosscheck.text.language import script as script_of
from crosscheck.translit import name_key

PLACE_KINDS = {"gpe", "loc", "fac", "place", "location", "facility"}
PERSON_KINDS = {"person", "per"}

NEEDS_TRANSLATION = ("characterization", "reference_point")
APPROX_CLASS = {  # English approximations of crosscheck.claims.APPROX -> one class
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "close to": "about", "an estimated": "about",
    "more than": "more", "over": "more", "just over": "more", "at least": "atleast",
    "no fewer than": "atleast", "less than": "less", "fewer than": "less", "under": "less",
    "just under": "less", "nearly": "nearly", "almost": "nearly", "up to": "upto",
    "as many as": "upto", "as much as": "upto", "at most": "atmost", "no more than": "atmost",
}  # fmt: skip
_QUOTED = re.compile(r"[«“\"]([^»”\"]{3,80})[»”\"]")


def differ(script_a: str, script_b: str) -> bool:
    """Two script codes ("cyr", "lat", "") that are both known and different."""
    return bool(script_a and script_b and script_a != script_b)


def cross_script(a: str, b: str) -> bool:
    sa, sb = script_of(a), script_of(b)
    return bool(sa and sb and sa != sb)


def _dicts(value) -> list[dict]:
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, np.ndarray):
        return [v for v in value.tolist() if isinstance(v, dict)]
    return []


def _num(value) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return ""


def anchors(row) -> set[str]:
    """Language-independent anchors of a claim row."""
    out = set()
    for e in _dicts(row.get("entities")):
        key = name_key(str(e.get("text", "")))
        if key:
            out.add("e:" + key.split()[0][:6])  # first word, declension-proof prefix
    for q in _dicts(row.get("quantities")):
        if _num(q.get("value")):
            out.add("n:" + _num(q.get("value")))
    for t in _dicts(row.get("times")):
        if re.match(r"^\d{4}", str(t.get("value", ""))):
            out.add("t:" + str(t["value"]))
    for m in re.findall(r"\d+(?:[.,]\d+)?", str(row.get("text", ""))):
        out.add("n:" + _num(m.replace(",", ".")))
    for q in _QUOTED.findall(str(row.get("text", ""))):
        out.add("q:" + name_key(q)[:12])
    return out


def anchor_similarity(rows_a: list, rows_b: list) -> np.ndarray:
    """Dice overlap of the anchors of every claim of A with every claim of B."""
    sa = [anchors(r) for r in rows_a]
    sb = [anchors(r) for r in rows_b]
    sim = np.zeros((len(sa), len(sb)), dtype=np.float32)
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            if x and y:
                sim[i, j] = 2 * len(x & y) / (len(x) + len(y))
    return sim


ANCHOR_WEIGHT, LENGTH_WEIGHT, POSITION_PENALTY = 0.6, 0.4, 0.5
MIN_PAIR_SCORE = 0.15  # a pair scoring less is left unaligned (a sentence only one side has)
OUT_OF_ORDER = 0.5  # anchor overlap at which a pair outside the monotone path is still offered


def _length_score(len_a: int, len_b: int, ratio: float) -> float:
    """1 when the lengths keep the articles' overall ratio, falling off as they part."""
    return float(np.exp(-abs(np.log((len_a + 10) / (len_b + 10) / ratio))))


def alignment_similarity(rows_a: list, rows_b: list) -> np.ndarray:
    """Similarity matrix for a cross-script pair (see the module docstring)."""
    anchor = anchor_similarity(rows_a, rows_b)
    n, m = anchor.shape
    if not n or not m:
        return anchor
    la = [len(str(r.get("text", ""))) for r in rows_a]
    lb = [len(str(r.get("text", ""))) for r in rows_b]
    ratio = (sum(la) + 10) / (sum(lb) + 10)
    score = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            place = abs((i + 0.5) / n - (j + 0.5) / m)
            length = _length_score(la[i], lb[j], ratio)
            score[i, j] = ANCHOR_WEIGHT * anchor[i, j] + LENGTH_WEIGHT * length
            score[i, j] -= POSITION_PENALTY * place
    gain = score - MIN_PAIR_SCORE
    best = np.zeros((n + 1, m + 1))
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i, j] = max(best[i + 1, j], best[i, j + 1], gain[i, j] + best[i + 1, j + 1])
    out = np.where(anchor >= OUT_OF_ORDER, anchor, 0.0).astype(np.float32)
    i = j = 0
    while i < n and j < m:
        if gain[i, j] > 0 and best[i, j] == gain[i, j] + best[i + 1, j + 1]:
            out[i, j] = 0.5 + anchor[i, j] / 2
            i, j = i + 1, j + 1
        elif best[i, j] == best[i + 1, j]:
            i += 1
        else:
            j += 1
    return out


@lru_cache(maxsize=1)
def _source_words() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in ("ru", "uk"):
        for e in lexicon.load("sources", lang):
            out.setdefault(e.entry, []).extend(w.lower() for w in e.attrs["english"].split("|"))
    return out


@lru_cache(maxsize=8192)
def same_source(speaker_a: str, speaker_b: str) -> bool:
    if not cross_script(speaker_a, speaker_b):
        return False
    cyr, lat = (speaker_a, speaker_b) if script_of(speaker_a) == "cyr" else (speaker_b, speaker_a)
    lat_low = lat.lower()
    lat_names = re.findall(r"[A-Z][\w'’-]+", lat)
    for word in re.findall(r"[\w'’-]+", cyr):
        if word[:1].isupper() and any(same_name(word, n, "person") for n in lat_names):
            return True
        for form in _forms(word):
            for english in _source_words().get(form, []):
                if re.search(rf"\b{re.escape(english)}", lat_low):
                    return True
    return False


def _forms(word: str) -> list[str]:
    """The word and its dictionary forms (Russian, Ukrainian): by morphology when installed,
    else by the ending rules into lexicon words (crosscheck.text.morph.lemma)."""
    out = [word.lower()]
    from crosscheck.text import morph  # noqa: PLC0415 - only for Cyrillic words

    for lang in ("ru", "uk"):
        out.append(morph.lemma(word, lang))
    return out


def _row(kind, severity, explanation, value_a="", value_b="", detail="") -> dict:
    return {"kind": kind, "severity": severity, "explanation": explanation, "value_a": value_a,
            "value_b": value_b, "direction": "", "detail": detail}  # fmt: skip


def _approx(q: dict) -> str:
    """The approximation class; from the quantity's first words when the extractor left it
    empty (a capitalised "About" opening a sentence); "до" alone is no approximation (it is
    both "up to" and "to": "зросте до 4,32")."""
    a = str(q.get("approx") or "").lower()
    text = str(q.get("text") or "").lower()
    if not a:
        a = next((k for k in sorted(APPROX_CLASS, key=len, reverse=True)
                  if text.startswith(k + " ")), "")  # fmt: skip
    if a in ("up to", "upto") and text.startswith(("до ", "до\xa0")):
        return ""
    return APPROX_CLASS.get(a, a)


def quantity_rows(a: dict, b: dict) -> list[dict]:
    """Quantity differences of two claims in different languages, matched by value."""
    qa = [q for q in a["quants"] if _num(q.get("value"))]
    qb = [q for q in b["quants"] if _num(q.get("value"))]
    out, left_b = [], list(qb)
    left_a = []
    for q in qa:
        twin = next((x for x in left_b if _num(x.get("value")) == _num(q.get("value"))), None)
        if twin is None:
            left_a.append(q)
            continue
        left_b.remove(twin)
        if _approx(q) != _approx(twin):
            out.append(
                _row(
                    "quantity",
                    4,
                    f"Both give {_num(q.get('value'))}, but A says '{q.get('text')}' and B "
                    f"'{twin.get('text')}' (the approximation differs).",
                    q.get("text", ""),
                    twin.get("text", ""),
                    f"approx: '{q.get('approx')}' vs '{twin.get('approx')}'",
                )  # fmt: skip
            )
    left_a = [q for q in left_a if _num(q.get("value")) not in numbers_in(b["text"])]
    left_b = [q for q in left_b if _num(q.get("value")) not in numbers_in(a["text"])]
    if not (left_a and left_b):  # an ordinal ("first") on one side alone: wording, no number
        left_a = [q for q in left_a if q.get("kind") != "ordinal"]
        left_b = [q for q in left_b if q.get("kind") != "ordinal"]
    out += range_rows(a, b, left_a, left_b)
    for q in left_a:
        if left_b:
            q2 = left_b.pop(0)
            out.append(_row("quantity", 4, f"A gives '{q.get('text')}' where B gives "
                            f"'{q2.get('text')}'.", q.get("text", ""), q2.get("text", ""),
                            f"{_num(q.get('value'))} vs {_num(q2.get('value'))}"))  # fmt: skip
        else:
            out.append(_row("quantity", 2, f"Only A gives the number '{q.get('text')}'.",
                            q.get("text", ""), "", _num(q.get("value"))))  # fmt: skip
    for q2 in left_b:
        out.append(_row("quantity", 2, f"Only B gives the number '{q2.get('text')}'.",
                        "", q2.get("text", ""), _num(q2.get("value"))))  # fmt: skip
    return out


def _interval(q: dict) -> tuple[str, str] | None:
    """(low, high) of a range quantity ("between 20 and 30"), else None."""
    if q.get("approx") != "range":
        return None
    low, high = _num(q.get("low")), _num(q.get("high"))
    return (low, high) if low and high else None


def _range_row(q: dict, q2: dict) -> dict:
    def shown(x):
        return f"the range '{x.get('text')}'" if _interval(x) else f"'{x.get('text')}'"

    def value(x):
        return "-".join(_interval(x)) if _interval(x) else _num(x.get("value"))

    text = f"A gives {shown(q)} where B gives {shown(q2)}."
    return _row("quantity", 4, text, q.get("text", ""), q2.get("text", ""),
                f"range: {value(q)} vs {value(q2)}")  # fmt: skip


def range_rows(a: dict, b: dict, left_a: list, left_b: list) -> list[dict]:
    """Ranges compared as intervals. Equal ranges agree, and so does a range whose two ends
    the other claim writes ("от 20 до 30" beside "between 20 and 30": the Russian extractor
    reads no range). Two other ranges are a quantity difference, and so is a range beside a
    number of the other claim left unmatched (popped from left_a / left_b)."""
    ra = [q for q in a["quants"] if _interval(q)]
    rb = [q for q in b["quants"] if _interval(q)]
    for q in list(ra):
        twin = next((x for x in rb if _interval(x) == _interval(q)), None)
        if twin is not None:
            ra.remove(q)
            rb.remove(twin)
    ra = [q for q in ra if not set(_interval(q)) <= numbers_in(b["text"])]
    rb = [q for q in rb if not set(_interval(q)) <= numbers_in(a["text"])]
    out = [_range_row(q, q2) for q, q2 in zip(ra, rb, strict=False)]
    n = min(len(ra), len(rb))
    for q in ra[n:]:
        if left_b:
            out.append(_range_row(q, left_b.pop(0)))
    for q2 in rb[n:]:
        if left_a:
            out.append(_range_row(left_a.pop(0), q2))
    return out


# --- names ---------------------------------------------------------------------------------
def _latin(name: str) -> bool:
    return script_of(name) == "lat"


@lru_cache(maxsize=16384)
def same_name(a: str, b: str, kind: str = "place") -> bool:
    """One name across scripts, as the name authority judges it (crosscheck.entities
    .compare_names: same transliteration key, close transliteration of the whole name or the
    last word, a gazetteer place both names are names of): verdict same or variant."""
    from crosscheck.entities import compare_names  # noqa: PLC0415

    if not name_key(a) or not name_key(b):
        return False
    return compare_names(a, b, kind)["verdict"] in ("same", "variant")


def entity_pairs(a: dict, b: dict) -> list[tuple]:
    """Places of A and B that no name of the other side renders, paired in order of mention."""

    def left(x, y):
        return [e for e in x["ents"] if e[1].lower() in PLACE_KINDS
                and not any(same_name(e[0], o[0]) for o in y["ents"])]  # fmt: skip

    return list(zip(left(a, b), left(b, a), strict=False))


def unknown_place_rows(a: dict, b: dict) -> list[dict]:
    """A place in the Latin-script claim that no name of the other claim renders and no
    gazetteer place has, and that no place of the other claim stands in for (those are typed
    in pairs): flagged as the invented-toponym case is in English."""
    from crosscheck import gazetteer  # noqa: PLC0415

    out = []
    for side, info, other in (("a", a, b), ("b", b, a)):
        if info["script"] != "lat":
            continue
        paired = len([e for e in other["ents"] if e[1].lower() in PLACE_KINDS])
        places = [e for e in info["ents"] if e[1].lower() in PLACE_KINDS
                  and not any(same_name(e[0], o[0]) for o in other["ents"])]  # fmt: skip
        for e in places[paired:]:
            if gazetteer.lookup(e[0]) or gazetteer.region_mentions(e[0]):
                continue
            where = "A" if side == "a" else "B"
            text = (f"{where} names the place '{e[0]}', which no name of the original renders "
                    "and no gazetteer place has.")  # fmt: skip
            row = _row("entity_variant", 5, text, detail=f"gazetteer {side}=not_found; alone")
            row[f"value_{side}"] = e[0]
            out.append(row)
    return out


# a capitalised word matches one way only (atomic group); a name is at most four words, so
# a long Title Case run costs linear time, not exponential backtracking
_WORD = r"(?>[A-Z][\w'’-]*[a-z][\w'’-]*)"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"


@lru_cache(maxsize=1)
def _place_position_patterns() -> list[re.Pattern]:
    """Regexes finding a capitalised name in a place position (lexicon en/place_positions)."""
    out = []
    for e in lexicon.load("place_positions", "en"):
        cue = r"\s+".join(re.escape(w) for w in e.entry.split())
        if e.attrs["position"] == "before":
            out.append(re.compile(rf"\b(?i:{cue})\s+(?:the\s+)?({_NAME})"))
        else:
            out.append(re.compile(rf"\b(?i:the)\s+({_NAME})\s+(?i:{cue})\b"))
    return out


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(
        w for name in ("months", "weekdays", "holidays") for w in lexicon.words(name, "en")
    )


def _known_name(name: str) -> bool:
    """A name the gazetteer has (a place, a region, a country) or made of English words and
    calendar words only (In April, the Black Sea area, near Parliament)."""
    from crosscheck import gazetteer  # noqa: PLC0415

    if gazetteer.lookup(name) or gazetteer.region_mentions(name) or gazetteer.admin_area(name):
        return True
    words = [w.lower() for w in name.split()]
    common = gazetteer.english_words() | _calendar_words()
    return all(w in common or w.removesuffix("'s").removesuffix("’s") in common for w in words)


def _after_person_word(text: str, m: re.Match, name: str) -> bool:
    """A name opening with a person's title ("from Colonel X") or whose cue follows a source
    noun ("a post from X", "a statement from X"): a person or an outlet, no place."""
    titles = lexicon.words("person_titles", "en")
    first = name.split()[0].lower().rstrip(".")
    before = re.findall(r"[^\W\d_]+", text[: m.start()].lower())[-1:]
    after_source = before and before[0] in lexicon.words("source_nouns", "en")
    return first in titles or bool(after_source and m.group(0).lower().startswith("from"))


def untagged_place_rows(a: dict, b: dict) -> list[dict]:
    """A capitalised name in a place position of the Latin-script claim ("near X", "the
    village of X", "the X district": lexicon en/place_positions) that the NER did not tag as
    a place, that no name of the other claim renders (its entities and capitalised words) and
    that no gazetteer place has: flagged as the invented-toponym case is (unknown_place_rows)."""
    out = []
    for side, info, other in (("a", a, b), ("b", b, a)):
        if info["script"] != "lat":
            continue
        # tagged places are unknown_place_rows' business; organisations, outlets, persons and
        # the like are no places
        tagged = [e[0] for e in info["ents"]]
        names = [e[0] for e in other["ents"]]
        names += re.findall(r"\b[А-ЯЁІЇЄҐ][\w'’-]+", str(other.get("text", "")))
        seen: set[str] = set()
        for pattern in _place_position_patterns():
            for m in pattern.finditer(info["text"]):
                name = m.group(1)
                if name in seen or any(name in p or p in name for p in tagged):
                    continue
                if _after_person_word(info["text"], m, name):
                    continue
                seen.add(name)
                if _known_name(name) or any(same_name(name, n) for n in names):
                    continue
                where = "A" if side == "a" else "B"
                text = (f"{where} names the place '{name}' ('{m.group(0)}'), which no name of the "
                        "original renders and no gazetteer place has.")  # fmt: skip
                detail = f"gazetteer {side}=not_found; alone; place position, not tagged"
                row = _row("entity_variant", 5, text, detail=detail)
                row[f"value_{side}"] = name
                out.append(row)
    return out


def keep_entity_row(row: dict) -> bool:
    """An invented toponym (the Latin name is in no gazetteer) or two different known places."""
    from crosscheck import gazetteer  # noqa: PLC0415

    detail = str(row.get("detail", ""))
    latin_side = "a" if _latin(str(row.get("value_a", ""))) else "b"
    if f"{latin_side}=not_found" in detail:
        return True
    if f"{latin_side}=" not in detail and not gazetteer.lookup(str(row[f"value_{latin_side}"])):
        return True  # not checked as a place by the entity check (a facility): no such place
    return "verdict=distinct" in detail and "a=found" in detail and "b=found" in detail


# --- attribution and certainty ----------------------------------------------------------------
@lru_cache(maxsize=1)
def _reporting() -> re.Pattern:
    cues = sorted(lexicon.words("reporting_cues", "en"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)


def attribution_kept(row: dict, a: dict, b: dict) -> bool:
    """False for an "only one side has a source" row whose unsourced side is English and
    reports a source in words the extractor did not take as a speaker, or whose English
    speaker is the data a certainty cue of the other side names ("Preliminary data suggest"
    beside "по предварительным данным": lexicon <lang>/certainty, column english)."""
    if row.get("detail", "").startswith("attributed") or not (row["value_a"] and row["value_b"]):
        lacking = b if (row["value_a"] or a["attributed"]) else a
        having = a if lacking is b else b
        if lacking["script"] == "lat" and _reporting().search(lacking["text"]):
            return False
        if having["script"] == "lat" and _data_cue_speaker(having, lacking):
            return False
    return True


@lru_cache(maxsize=1)
def _data_cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in ("ru", "uk"):
        for e in lexicon.load("certainty", lang):
            if e.attrs.get("english"):
                out[e.entry] = [w.lower() for w in e.attrs["english"].split("|")]
    return out


def _data_cue_speaker(english: dict, other: dict) -> bool:
    """The English side's speaker is the data the other side's certainty cue names."""
    speaker = str(english.get("speaker") or "").lower()
    cues = [str(c).lower() for c in other.get("cues") or []]
    return bool(speaker) and any(w in speaker for c in cues for w in _data_cues().get(c, []))


def unextracted_source_rows(a: dict, b: dict) -> list[dict]:
    """An English side that reports a source in words no speaker was taken from ("..., the
    organisers said") beside a side without any source: the attribution row the extractor
    could not make."""
    if a["attributed"] or b["attributed"] or a["speaker"] or b["speaker"]:
        return []
    out = []
    for side, info in (("a", a), ("b", b)):
        m = _reporting().search(info["text"]) if info["script"] == "lat" else None
        if m:
            words = info["text"][: m.end()].split()
            cue = " ".join(words[-5:]).strip(",.;")
            has, lacks = ("A", "B") if side == "a" else ("B", "A")
            text = f"{has} reports a source ('{cue}'); {lacks} states it without a source."
            row = _row("attribution", 3, text, detail="reporting words, no speaker extracted")
            row[f"value_{side}"] = cue
            out.append(row)
    return out


@lru_cache(maxsize=1)
def _hedges() -> dict[str, int]:
    out = {e.entry: int(e.attrs["rank"]) for e in lexicon.load("hedges", "en")}
    for lang in ("ru", "uk"):
        for e in lexicon.load("certainty", lang):
            if e.attrs.get("hedge", "yes") == "yes":
                out[e.entry] = int(e.attrs["rank"])
    return out


@lru_cache(maxsize=4096)
def _hedge_rank(cue: str) -> int:
    """The rank of a certainty cue as a hedge: the cue itself, else the highest hedge it holds
    as whole words (the extractor may keep the copula: "is likely to" holds "likely to")."""
    low = cue.lower()
    if low in _hedges():
        return _hedges()[low]
    held = [r for h, r in _hedges().items() if re.search(rf"(?<!\w){re.escape(h)}(?!\w)", low)]
    return max(held, default=0)


def hedge_level(cues) -> int:
    """0 without a hedge, else the highest rank of the hedges among the certainty cues."""
    return max((_hedge_rank(str(c)) for c in cues or []), default=0)


def certainty_rows(a: dict, b: dict) -> list[dict]:
    ha, hb = hedge_level(a.get("cues")), hedge_level(b.get("cues"))
    if (ha == 0) == (hb == 0) and abs(ha - hb) < 2:
        return []
    up = hb < ha
    hedges_a = [c for c in a.get("cues", []) if _hedge_rank(str(c))]
    hedges_b = [c for c in b.get("cues", []) if _hedge_rank(str(c))]
    text = (
        f"B states it {'more' if up else 'less'} firmly than A: A hedges with "
        f"{', '.join(hedges_a) or 'nothing'}, B with {', '.join(hedges_b) or 'nothing'}."
    )
    return [{"kind": "certainty_shift", "severity": 4 if up else 3, "explanation": text,
             "value_a": ", ".join(hedges_a) or a.get("certainty", ""),
             "value_b": ", ".join(hedges_b) or b.get("certainty", ""),
             "direction": "escalation" if up else "de-escalation",
             "detail": f"hedge level {ha} -> {hb} (cross-script)"}]  # fmt: skip


# --- numbers written anyway -----------------------------------------------------------------
@lru_cache(maxsize=1)
def _number_words() -> dict[str, float]:
    out = {  # "a" / "an" are no number written out
        e.entry: float(e.attrs["value"])
        for e in lexicon.load("number_words", "en")
        if e.attrs["kind"] != "article"
    }
    for lang in ("ru", "uk"):
        for e in lexicon.load("numbers", lang):
            if e.attrs.get("kind") != "scale" and _num(e.attrs.get("value")):
                out.setdefault(e.entry, float(e.attrs["value"]))
    return out


def numbers_in(text: str) -> set[str]:
    """Every number a text writes, in digits or words (keys as _num gives them)."""
    out = set()
    for m in re.findall(r"\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?", text):
        plain = re.sub(r"[ ,](?=\d{3}\b)", "", m).replace(",", ".")
        out.add(_num(plain))
    for w in re.findall(r"[^\W\d_]+", text.lower()):
        if w in _number_words():
            out.add(_num(_number_words()[w]))
    return out


# --- time -------------------------------------------------------------------------------------
def _weekday_dates(info: dict) -> list:
    out = []
    for t in info.get("times", []):
        value = str(t.get("value", ""))
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value) and t.get("start_date") == t.get("end_date"):
            out.append(np.datetime64(value))
    return out


def time_kept(row: dict, a: dict, b: dict) -> bool:
    """False when the two sides name the same weekdays resolved into different weeks (a
    weekday is resolved against each article's own date, and "by Friday" may be read as the
    last or the next Friday): the week is inference, the weekday is what the texts say."""
    da, db = _weekday_dates(a), _weekday_dates(b)
    if not da or len(da) != len(db):
        return True
    days = [int((y - x).astype(int)) for x, y in zip(sorted(da), sorted(db), strict=True)]
    return not all(d % 7 == 0 and abs(d) <= 7 for d in days)
