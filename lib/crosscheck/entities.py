"""Entities: cluster entity mentions across articles into referents; check places in a gazetteer.

Public functions
----------------
compare_names(name_a, name_b, kind="place", context_a="", context_b="", *, gazetteer=True) -> dict
    {"verdict": "same"|"variant"|"unresolved"|"distinct", "score": float 0..1, "evidence": [str]}
    same: identical after trivial normalisation (case, quotes, punctuation, possessive, "the").
    variant: same referent, other spelling (same transliteration key, close spelling, or both
    names of one GeoNames place; across scripts, after the gazetteer's "different places",
    Торецк / Toretsk: the compass words (lexicon compass_words: Северная = North) agree and the
    rest has a transliteration similarity of CROSS_SCRIPT_SAME with agreeing ending classes;
    persons of several words: first names or initials agree (gender included: Yaroslav is not
    Yaroslava) and the surnames have CROSS_SCRIPT_LAST_WORD, as a declined first name leaves
    the surname close).
    unresolved: possibly the same (close spelling but one name is not in the gazetteer, or
    weak spelling with matching context). distinct: otherwise, and two
    places that resolve to different GeoNames places. An empty name or unknown kind raises
    ValueError. gazetteer=False decides on spelling and context only. The spelling rule
    (_spelling_verdict): different toponym/surname ending classes -> distinct (same adjective
    stem in another gender -> unresolved); else weighted edit cost of the stems' phoneme keys
    (Cyrillic back-transliteration) <= VARIANT_COST with equal syllable count -> variant, one
    real difference in a long stem -> unresolved, otherwise distinct.
    Organisations, outlets, armed forces and persons first go through the alias rules
    (name_core, short_form): the same bare name once a parenthesis, an apposition, descriptors
    ('U.S. automaker'), titles ('Senator') or corporate suffixes (CORPORATE_SUFFIXES) are
    dropped -> variant ("same name without the corporate suffix ..."); an acronym of the
    capitalised words ('USAF' = 'US Air Force', U.S. / United States read alike), leading or
    head words ('Lockheed' / 'Lockheed Martin'), a surname -> variant ("... is the acronym of
    ...", "... leading part of ..."). Places never use these rules.
    Organisations and facilities whose distinctive words agree and which differ only in generic
    head words (lexicon organisation_heads: clinic / center / hospital, ministry / department,
    party ...) or in a clipped word ("Mat" / "Matanuska") -> unresolved: calling them distinct
    needs distinctive words that differ. Persons whose first names are a standard English
    short form and its formal name (lexicon given_name_forms: "Bill" / "William") are compared
    on their surnames alone (variant when those agree); other first names that differ only by
    clipping ("Wil" / "Wilbur") with matching surnames -> unresolved.
    Places are compared with standard news short forms written out first (lexicon
    place_abbreviations, expand_place: "Calif." = California, "U.S." = America = United
    States, "U.K." = Britain): the same name then -> variant; otherwise the written-out
    names' verdict. Only a whole name or a whole part between commas is a short form.
mentions(claims) -> mentions table: mention_id, claim_id, article_id, surface, kind, start, end
    (article offsets); a mention refers to its claim by claim_id and offsets and never copies
    the claim's text (memory stays proportional to the text: one long sentence with thousands
    of names). mention_contexts(mentions, claims) gives each mention's context: the claim
    text within CONTEXT_CHARS of the mention.
cluster_entities(claims, overrides=None) -> entities table (below)
    Short forms (acronym, leading/head words, surname) join the longer names they abbreviate
    only when those are one referent in the case (an acronym's expansion before a name that
    merely starts with it); a short form of several different referents ('Smith' with John
    and Jane Smith, 'Air Force' with the US and Royal Air Force) is left in its own cluster,
    linked to each as unresolved.
    overrides: DataFrame action ("merge"|"split"|"rename"), surface_a, surface_b, kind, canonical,
    applied in row order on every run (unknown surfaces give a warning).
entity_pairs(entities) -> pairs table: kind, surface_a, surface_b, article_a, article_b,
    verdict, score, evidence (one row per pair of distinct surfaces in one cluster or in two
    clusters linked as unresolved; article_a/article_b list the articles using each surface, "; ";
    for organisations and persons a linked pair shows as unresolved, not variant)
check_place(name, context="") -> dict {"status": "found"|"not_found", "matches": [...]}
    see crosscheck.gazetteer.check_place

Entities table columns (one row per cluster x article x surface)
-------------------------------------------------------------------
cluster_id str, canonical str, kind str, article_id str, surface str, count int,
match str (verdict of this surface against the canonical), score float,
gazetteer str ("found"/"not_found"/"" for non-places), gazetteer_match str, evidence str,
linked str (added: "; "-joined cluster_ids this cluster is "unresolved: possibly the same" with)
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter, defaultdict
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from crosscheck.tables import require_columns
from crosscheck.text import gazetteer as gz
from crosscheck.text.gazetteer import check_place
from crosscheck.text.lexicon import by_attr as lexicon_by_attr
from crosscheck.text.lexicon import load as lexicon_load
from crosscheck.text.lexicon import words as lexicon_words
from crosscheck.text.translit import (
    clean_name,
    ending_class,
    genderless,
    name_key,
    name_similarity,
    phoneme_key,
    same_reading,
    spelling_similarity,
    syllables,
    weighted_distance,
)

KINDS = ("place", "person", "organisation", "armed_force", "outlet", "facility")
MENTION_COLUMNS = ["mention_id", "claim_id", "article_id", "surface", "kind", "start", "end"]
CONTEXT_CHARS = 500  # of the claim text on each side of a mention used as its context
ENTITY_COLUMNS = ["cluster_id", "canonical", "kind", "article_id", "surface", "count", "match"]
ENTITY_COLUMNS += ["score", "gazetteer", "gazetteer_match", "evidence", "linked"]
PAIR_COLUMNS = ["kind", "surface_a", "surface_b", "article_a", "article_b", "verdict", "score"]
PAIR_COLUMNS += ["evidence"]

# Spelling decision (see _spelling_verdict): weighted edit cost on the phoneme keys of the stems
VARIANT_COST = 0.6  # at most: variant (two Russian/Ukrainian vowel alternations, or one a/o)
UNRESOLVED_COST = 1.0  # at most, in a stem of UNRESOLVED_MIN_LEN phonemes or more: unresolved
UNRESOLVED_MIN_LEN = 7
CROSS_SCRIPT_SAME = 0.75  # translit.name_similarity across scripts at or above: variant
CROSS_SCRIPT_LAST_WORD = 0.85  # the same for the last words of two names of several words
UNRESOLVED_SPELLING = 0.68  # spelling_similarity / 100 at or above: possibly the same (gazetteer)
GENERIC_WORDS = {
    "raion", "rajon", "rayon", "district", "oblast", "oblast'", "region", "village", "selo",
    "city", "town", "settlement", "posyolok", "poselok", "selyshche", "hromada", "municipality",
}  # fmt: skip
# Russian and Ukrainian forms of common first names (phoneme keys are compared after mapping)
FIRST_NAMES = {
    "oleksandr": "aleksandr", "volodymyr": "vladimir", "dmytro": "dmitriy", "serhiy": "sergey",
    "serhii": "sergey", "sergei": "sergey", "mykola": "nikolay", "andriy": "andrey",
    "andrii": "andrey", "oleksiy": "aleksey", "oleksii": "aleksey", "ihor": "igor",
    "pavlo": "pavel", "petro": "pyotr", "vasyl": "vasiliy", "mykhailo": "mikhail",
    "hryhoriy": "grigoriy", "yevhen": "yevgeniy", "yevgeny": "yevgeniy", "kyrylo": "kirill",
    "oleh": "oleg", "yuriy": "yuriy", "yurii": "yuriy", "maksym": "maksim", "fedir": "fyodor",
    "ivan": "ivan", "anatoliy": "anatoliy", "vitaliy": "vitaliy", "valeriy": "valeriy",
    "heorhiy": "georgiy", "mykyta": "nikita", "illia": "ilya", "danylo": "daniil",
    "yakiv": "yakov", "stepan": "stepan", "taras": "taras", "bohdan": "bogdan",
}  # fmt: skip
ROLE_WORDS = {
    "village", "town", "city", "settlement", "hamlet", "border", "mine", "plant", "river",
    "district", "region", "oblast", "basin", "bridge", "airfield", "port", "station", "base",
    "frontline", "front", "axis", "direction", "adviser", "advisor", "head", "minister",
    "spokesman", "spokesperson", "commander", "governor", "mayor", "president", "outlet",
}  # fmt: skip
_STOP = {
    "the", "a", "an", "of", "in", "on", "and", "or", "to", "from", "near", "at", "by", "for",
    "with", "that", "which", "is", "was", "were", "has", "have", "been", "its", "their", "this",
    "between", "lies", "said", "located", "also", "as", "it", "be", "are", "will", "would",
}  # fmt: skip


def _fold(name: str) -> str:
    return re.sub(r"['’ʼʹ`]", "'", clean_name(name)).casefold()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if len(w) > 2} - _STOP


def _context_evidence(name_a, name_b, context_a, context_b) -> tuple[float, list[str]]:
    """0..1 agreement of two contexts (shared role words, regions, content words)."""
    if not context_a or not context_b:
        return 0.0, []
    names = _words(name_a) | _words(name_b)
    wa, wb = _words(context_a) - names, _words(context_b) - names
    if not wa or not wb:
        return 0.0, []
    roles = wa & wb & ROLE_WORDS
    regions = gz.region_mentions(context_a) & gz.region_mentions(context_b)
    jaccard = len(wa & wb) / len(wa | wb)
    score = min(1.0, 0.25 * len(roles) + 0.25 * len(regions) + jaccard)
    evidence = []
    if roles:
        evidence.append("same role in both contexts: " + ", ".join(sorted(roles)))
    if regions:
        evidence.append("same regions in both contexts: " + ", ".join(sorted(regions)))
    if jaccard >= 0.2:
        evidence.append(f"contexts share {len(wa & wb)} content words")
    return score, evidence


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())


def _name_parts_match(ca: str, cb: str, kind: str) -> str:
    """Evidence string when one name is a shortened form of the other (surname, acronym)."""
    ta, tb = name_key(ca).split(), name_key(cb).split()
    if kind == "person" and ta and tb:
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if short[-1] == long_[-1] and all(any(p == q for q in long_) for p in short):
            return "one name is a shorter form of the other (same surname)"
    if kind != "person" and kind != "place":
        a, b = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        if a.isupper() and 2 <= len(a) <= 6 and _initials(b) == a:
            return f"{a} is the acronym of {b}"
    return ""


# --- Alias rules for organisations, outlets, armed forces and persons (never places) ---
ALIAS_KINDS = ("organisation", "outlet", "armed_force", "person")
HEAD_KINDS = ("organisation", "facility")  # names of a kind of body + a distinctive part
ORGANISATION_HEADS = lexicon_by_attr("organisation_heads", "role")  # word -> head | filler
MAX_ALIAS_TARGETS = 8  # a short form of more distinct clusters than this is left unresolved
CORPORATE_SUFFIXES = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
    "plc", "nv", "sa", "sas", "ag", "gmbh", "group", "holdings", "holding", "spa", "bv",
}  # fmt: skip
# words inside names ("Bank of America", "Defence and Space"): not descriptors
NAME_FUNCTION_WORDS = {"of", "and", "&", "the", "for", "de", "du", "des", "la", "le", "del"}
# a person's name follows the last of these: "Senator John McCain", "Ford CEO Alan Mulally"
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "senator", "sen", "rep", "representative", "congressman", "congresswoman", "president",
    "vice", "prime", "minister", "secretary", "chancellor", "governor", "mayor", "general",
    "gen", "colonel", "col", "major", "maj", "lieutenant", "lt", "captain", "capt", "sergeant",
    "sgt", "commander", "admiral", "marshal", "chairman", "chairwoman", "chair", "ceo", "cfo",
    "coo", "chief", "director", "spokesman", "spokeswoman", "spokesperson", "king", "queen",
    "prince", "princess", "pope", "judge", "justice", "ambassador", "deputy", "adviser",
    "advisor", "rev", "reverend", "sheikh", "premier", "commissioner",
}  # fmt: skip
# one form per country designator: "U.S. Air Force" = "United States Air Force" = "US Air Force"
COUNTRY_FORMS = {
    "u s": "US", "us": "US", "usa": "US", "u s a": "US", "united states": "US",
    "united states of america": "US", "uk": "UK", "u k": "UK", "united kingdom": "UK",
}  # fmt: skip
# a name after these is an example or a comparison, not the referent ('such as Airbus')
EXAMPLE_WORDS = {"such", "including", "like", "than", "among", "versus", "vs"}
_ACRONYM_RX = re.compile(r"^[A-Z][A-Z&]{1,5}$")


def _plain(token: str) -> str:
    return re.sub(r"[.\s]", "", token).casefold()


def _letters(name: str) -> str:
    return re.sub(r"[.\s]", "", name)


def _is_acronym(name: str) -> bool:
    """'GM', 'USAF', 'U.S.A.F.': 2-6 capital letters."""
    return bool(_ACRONYM_RX.match(_letters(name)))


def _with_country_forms(words: list[str]) -> list[str]:
    """'United States Air Force' -> ['US', 'Air', 'Force'] (capitalised designators only)."""
    out, i = [], 0
    while i < len(words):
        for n in (4, 2, 1):
            chunk = words[i : i + n]
            form = COUNTRY_FORMS.get(" ".join(re.findall(r"[a-z]+", " ".join(chunk).casefold())))
            if len(chunk) == n and form and chunk[0][:1].isupper():
                out.append(form)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def acronyms(words: list[str]) -> set[str]:
    """Acronyms a name can have: initials of its capitalised words, function words skipped or
    kept, a capitalised abbreviation giving all its letters ('US Air Force' -> USAF), with and
    without a corporate suffix ('... Space Company' -> EADS)."""
    out = set()
    words = list(words)
    while words:
        for ws in (words, _with_country_forms(words)):
            initials = [w.replace(".", "") for w in ws if w[:1].isalpha()]
            initials = [w if w.isupper() and w.isalpha() else w[:1].upper() for w in initials]
            content = [
                i
                for i, w in zip(initials, [w for w in ws if w[:1].isalpha()], strict=True)
                if w.casefold() not in NAME_FUNCTION_WORDS and w[:1].isupper()
            ]
            out |= {"".join(initials), "".join(content)}
        if len(words) > 1 and _plain(words[-1]) in CORPORATE_SUFFIXES:
            words.pop()
        else:
            break
    return {a for a in out if len(a) >= 2}


def _is_descriptor(token: str) -> bool:
    """A lower-case common word ('automaker', 'parent', 'based') or a possessive mark."""
    if token in ("'s", "’s", "'"):
        return True
    return (
        token[:1].islower()
        and not any(c.isupper() for c in token)
        and token.casefold() not in NAME_FUNCTION_WORDS
    )


def _cut_descriptors(tokens: list[str], kind: str) -> tuple[list[str], list[str]]:
    """(name, dropped words) of one comma-free segment: the capitalised words after the last
    descriptor ('U.S. automaker GM' -> GM; persons also after a title or abbreviation: 'Ford
    CEO Alan Mulally'); ([], []) when there are none or when a descriptor heads an 'of' phrase
    ('the parent company of Airbus' names the parent, not Airbus)."""
    person_marks = PERSON_TITLES | CORPORATE_SUFFIXES if kind == "person" else set()
    marks = [
        i
        for i, tok in enumerate(tokens)
        if _is_descriptor(tok) or _plain(tok) in person_marks or (person_marks and _is_acronym(tok))
    ]
    if not marks:
        return tokens, []
    if kind != "person" and any(tokens[i + 1 : i + 2] == ["of"] for i in marks):
        return [], []
    ofs = [i for i, tok in enumerate(tokens) if tok == "of"]
    if kind == "person" and ofs and marks[-1] < ofs[-1]:
        return [], []  # 'Chief Operating Officer of AirTran Airways' is a role, not a name
    tail = tokens[marks[-1] + 1 :]
    while tail and tail[0].casefold() in NAME_FUNCTION_WORDS:
        tail = tail[1:]
    if any(c.isupper() for t in tail for c in t):
        return tail, tokens[: len(tokens) - len(tail)]
    return [], []


@lru_cache(maxsize=100_000)
def name_core(name: str, kind: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(bare name, acronyms the text declares, dropped parts) of an organisation or person name.

    Drops, in order: a parenthesis ('General Motors (GM)': GM is declared), an apposition after
    a comma ('Chrysler, another U.S. car maker'), descriptors before the name ('U.S. automaker'),
    for persons titles ('Senator', 'Mr'), for the other kinds corporate suffixes ('Inc.',
    'N.V.', 'Group') and a trailing acronym of the name ('... Space Company EADS')."""
    text = clean_name(name)
    declared, dropped = [], []
    whole = text, (), ()
    if any(w.casefold() in EXAMPLE_WORDS for w in text.split()):
        return whole  # 'European manufacturers, such as Airbus': not Airbus itself
    paren = re.match(r"^(.*?)\s*\(\s*([^()]*?)\s*(?:\)(.*))?$", text)
    if paren and re.match(r"\s*(and|or|&)\b", paren.group(3) or ""):
        return whole  # 'General Motors (GM) and Chrysler'
    if paren and paren.group(1).strip():
        inside = paren.group(2).strip()
        if _is_acronym(inside):
            declared.append(_letters(inside))
        dropped.append(f"({inside})")
        text = paren.group(1).strip()
    segments = [s for s in re.split(r"\s*,\s*", text) if s.strip()] or [text]
    found = [_cut_descriptors(seg.split(), kind) for seg in segments]
    tokens, cut = max(found, key=lambda f: len(f[0]))  # the longest name among the segments
    listing = len(segments) > 1 and all(f[0] and not f[1] for f in found)  # 'GM, Chrysler'
    if not tokens or listing or any(seg.split()[0] in ("and", "or") for seg in segments):
        return whole  # a list of names, or no name
    dropped += cut
    if len(segments) > 1:
        dropped.append("an apposition after a comma")
    while kind != "person" and len(tokens) > 1:
        if _plain(tokens[-1]) in CORPORATE_SUFFIXES:
            dropped.append(tokens.pop())
        elif (
            len(tokens) > 2
            and _is_acronym(tokens[-1])
            and (_letters(tokens[-1]) in acronyms(tokens[:-1]))
        ):
            declared.append(_letters(tokens.pop()))
        else:
            break
    core = " ".join(tokens).strip(" ,;:-")
    return (core or clean_name(name)), tuple(declared), tuple(dropped)


@lru_cache(maxsize=100_000)
def _core_key(core: str, kind: str) -> str:
    """name_key of a bare name, one form per country designator, '&' read as 'and', plural -s
    of a capitalised name dropped (not for persons); an acronym keeps its capitals ('US' is
    not 'us')."""
    words = " ".join(_with_country_forms(core.replace("&", " and ").split()))
    if _is_acronym(words):
        return "acronym:" + _letters(words)
    key = name_key(words)
    if kind == "person" or not core[:1].isupper():
        return key
    return re.sub(r"(?<=[a-z]{3})s\b", "", key)  # General Motors = General Motor


def short_form(short: str, long_: str, kind: str) -> str:
    """Evidence when ``short`` is a short form of ``long_`` (acronym, acronym given in the text,
    surname, leading words, head words after a country designator), else ""."""
    return _short_relation(short, long_, kind)[1]


def _short_relation(short: str, long_: str, kind: str) -> tuple[int, str]:
    """(strength, evidence): 2 for an acronym or a surname, 1 for leading or head words (a
    division or a longer name may share them: 'Boeing Commercial Airplanes'), (0, "") if none."""
    (cs, _, _), (cl, declared, _) = name_core(short, kind), name_core(long_, kind)
    ks, kl = _core_key(cs, kind), _core_key(cl, kind)
    if not ks or ks == kl or not any(c.isupper() for c in cs):  # 'the press' is no surname
        return 0, ""
    if kind == "person":
        ev = _name_parts_match(cs, cl, kind)
        return (2, ev) if ev else (0, "")
    if _is_acronym(cs) and _letters(cs) in declared:
        return 2, f"{_letters(cs)} is given as the short name of {cl!r} in {long_!r}"
    spelled = [w for w in cl.split() if w.casefold() not in NAME_FUNCTION_WORDS]
    if "," in cl or not all(w[:1].isupper() or w[:1].isdigit() for w in spelled):
        return 0, ""  # the longer one is a description or a list, not a proper name
    if _is_acronym(cs) and len(spelled) >= 2 and _letters(cs) in acronyms(cl.split()):
        return 2, f"{_letters(cs)} is the acronym of {cl!r}"
    ws, wl = ks.split(), kl.split()
    n = len(ws)
    if n < len(wl) and wl[:n] == ws and wl[n] != "and":
        return 1, f"{cs!r} is the leading part of {cl!r}"
    extra = _with_country_forms(cl.split())[: len(wl) - n]
    if (
        n < len(wl)
        and wl[-n:] == ws
        and wl[-n - 1] != "and"
        and (n >= 2 or extra in (["US"], ["UK"]))
    ):
        return 1, f"{cs!r} is the head of {cl!r}"
    return 0, ""


def _alias_verdict(ca: str, cb: str, kind: str) -> str:
    """Evidence that two organisation/person names are one name (same bare name, or one a
    short form of the other), else ""."""
    (xa, _, da), (xb, _, db) = name_core(ca, kind), name_core(cb, kind)
    if _core_key(xa, kind) == _core_key(xb, kind):
        parts = [p for p in da + db if p]
        suffixes = [p for p in parts if _plain(p) in CORPORATE_SUFFIXES]
        others = [p for p in parts if p not in suffixes]
        what = [f"the corporate suffix {', '.join(suffixes)!r}"] if suffixes else []
        label = "title or descriptor" if kind == "person" else "descriptor"
        what += [f"the {label} {' '.join(others)!r}"] if others else []
        if not what:
            return f"same name with the country designator written another way: {xa!r}"
        return f"same name without {' and '.join(what)}: {xa!r}"
    return short_form(ca, cb, kind) or short_form(cb, ca, kind)


def compare_names(
    name_a: str,
    name_b: str,
    kind: str = "place",
    context_a: str = "",
    context_b: str = "",
    *,
    gazetteer: bool = True,
    _expanded: bool = False,
) -> dict:
    """Pair verdict for two names of the same kind (see module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"compare_names: unknown kind {kind!r}; expected one of {KINDS}")
    ca, cb = clean_name(name_a or ""), clean_name(name_b or "")
    if not name_key(ca) or not name_key(cb):
        raise ValueError(f"compare_names: empty name after cleaning ({name_a!r}, {name_b!r})")
    if _fold(ca) == _fold(cb):
        return _result("same", 1.0, ["identical after normalising case, quotes and punctuation"])
    if kind == "place" and not _expanded:
        spelled = _place_short_forms(name_a, name_b, context_a, context_b, gazetteer)
        if spelled:
            return spelled
    if kind in ALIAS_KINDS:
        alias = _alias_verdict(ca, cb, kind)
        if alias:
            spell = spelling_similarity(ca, cb) / 100
            return _result("variant", max(spell, 0.9), [alias])
        ca, cb = name_core(ca, kind)[0], name_core(cb, kind)[0]  # compare the bare names
    if kind in HEAD_KINDS:
        head = _generic_head_verdict(ca, cb)
        if head:
            spell = spelling_similarity(ca, cb) / 100
            return _result("unresolved", round(spell, 3), [head])
    if kind == "place" and (_is_region(ca) or _is_region(cb)):
        base_a, base_b = _region_base(ca), _region_base(cb)
        inner = compare_names(base_a, base_b, kind, context_a, context_b, gazetteer=gazetteer)
        if _is_region(ca) == _is_region(cb):
            if inner["verdict"] == "same":
                return _result("variant", 1.0, ["the same region named two ways"])
            return inner
        if inner["verdict"] in ("same", "variant"):
            ev = "one names a region (oblast), the other a place of that name: region or city?"
            return _result("unresolved", inner["score"], [ev] + inner["evidence"])
        return inner
    ka, kb = name_key(ca), name_key(cb)
    if kind != "place":  # a mine or a person is -sky / -skaya by the head noun, not by referent
        ka, kb = genderless(ka), genderless(kb)
    spell = round(spelling_similarity(ca, cb) / 100, 3)
    evidence = [f"spelling similarity {spell:.2f} (transliteration keys {ka!r} / {kb!r})"]
    ctx, ctx_ev = _context_evidence(ca, cb, context_a, context_b)
    evidence += ctx_ev
    strong_ctx = ctx >= 0.5
    if ka == kb and re.findall(r"\d+", ca) == re.findall(r"\d+", cb):
        return _result("variant", max(spell, 0.95), ["same transliteration key"] + evidence)
    short_form = _name_parts_match(ca, cb, kind)
    if short_form:
        return _result("variant", max(spell, 0.9), [short_form] + evidence)
    ids_a, ids_b = (set(gz.lookup(ca)), set(gz.lookup(cb))) if kind == "place" else (set(), set())
    if kind == "place" and gazetteer:
        shared = ids_a & ids_b
        if shared:
            gid = max(shared, key=lambda g: gz.places().at[g, "population"])
            row = gz.places().loc[gid]
            ev = f"both are names of GeoNames {gid} {row['name']} ({row['admin1_name']})"
            if len(shared) > 1:
                ev += f" and {len(shared) - 1} other place(s) sharing both names"
            return _result("variant", max(spell, 0.9), [ev] + evidence)
        if ids_a and ids_b:
            ev = f"resolve to different places: {_describe(ids_a)} vs {_describe(ids_b)}"
            if strong_ctx:
                return _result("unresolved", spell, [ev, "but the contexts agree"] + evidence)
            return _result("distinct", spell, [ev] + evidence)
    crossed = _cross_script_verdict(ca, cb, kind)  # after the gazetteer's "different places"
    if crossed:
        return crossed
    if kind == "place" and gazetteer:
        if ids_a or ids_b:
            known, unknown = (ca, cb) if ids_a else (cb, ca)
            ev = f"{known!r} is a known place, {unknown!r} is not in the gazetteer"
            verdict, _, sp_ev = _spelling_verdict(ca, cb, kind)
            if verdict == "variant":
                return _result("variant", spell, [ev] + sp_ev + evidence)
            if spell >= UNRESOLVED_SPELLING or strong_ctx:  # a garbled or unlisted name
                return _result("unresolved", spell, [ev, "possibly the same place"] + evidence)
            return _result("distinct", spell, [ev] + sp_ev + evidence)
    verdict, score, sp_ev = _spelling_verdict(ca, cb, kind)
    if verdict == "variant":
        return _result("variant", score, sp_ev + evidence)
    if strong_ctx and (verdict == "unresolved" or spell >= 0.5):
        return _result("unresolved", score, sp_ev + ["matching context"] + evidence)
    if verdict == "unresolved" and not (context_a and context_b):
        return _result("unresolved", score, sp_ev + evidence)
    return _result("distinct", score, sp_ev + evidence)


@lru_cache(maxsize=1)
def _place_forms() -> MappingProxyType[str, str]:
    """Written short form -> full place name (lexicon place_abbreviations): each entry as
    written, and without its dots where the lexicon says so ('Calif', 'US'; never 'Mass').
    A read-only view: the cache is shared by every caller."""
    forms = {}
    for e in lexicon_load("place_abbreviations"):
        forms[e.entry] = e.attrs["name"]
        if e.attrs["dotless"] == "yes":
            forms.setdefault(e.entry.replace(".", "").replace(" ", ""), e.attrs["name"])
    return MappingProxyType(forms)


def expand_place(name: str) -> tuple[str, list[str]]:
    """(name with standard news short forms of places written out, 'Calif.' -> 'California';
    the forms replaced). Only a whole name or a whole part between commas is a short form
    ('Springfield, Mass.'; never the 'America' of 'Latin America'), matched as written (case
    and dots; spaces between initials optional), the last part also with a dot added, as
    cleaning may have cut it ('Baton Rouge, La'), but a whole name only when it had the dot
    or an inner dot ('Mass.' and 'U.S' are places, a bare 'Penn' or 'Mass' is not)."""
    forms, parts = _place_forms(), re.split(r"\s*([,;])\s*", clean_name(name))
    had_dot = str(name).rstrip().endswith(".")  # cleaning cuts a final dot
    used = []
    for i in range(0, len(parts), 2):
        seg = re.sub(r"\s+", " ", parts[i])
        cands = [seg, seg.replace(" ", "")]
        if i == len(parts) - 1 and (i > 0 or had_dot or "." in seg) and not seg.endswith("."):
            cands += [c + "." for c in cands]
        full = next((forms[c] for c in cands if c in forms), None)
        if full:
            used.append(f"{seg!r} = {full!r}")
            parts[i] = full
    return "".join(p + " " if p in ",;" else p for p in parts), used


def _place_short_forms(name_a, name_b, context_a, context_b, gazetteer) -> dict | None:
    """Two place names compared with their standard short forms written out (lexicon
    place_abbreviations): 'Springfield, Mass.' / 'Springfield, Massachusetts' -> variant; the
    written-out names' own verdict otherwise; None when neither has a short form."""
    (xa, ua), (xb, ub) = expand_place(name_a), expand_place(name_b)
    if not (ua or ub):
        return None
    res = compare_names(xa, xb, "place", context_a, context_b, gazetteer=gazetteer, _expanded=True)
    ev = "standard news short form of a place: " + "; ".join(ua + ub)
    if res["verdict"] == "same":
        return _result("variant", 0.95, [ev])
    return _result(res["verdict"], res["score"], [ev] + res["evidence"])


def _cross_script_verdict(ca: str, cb: str, kind: str) -> dict | None:
    """A name in Cyrillic beside one in Latin script (run after the gazetteer has had its say).

    Compass and position words (lexicon compass_words: North/Северная/Північна ...) must agree,
    else distinct. Persons of several words on both sides: the first names (or initials) must
    agree, first-name gender included, and the surnames' transliterations be close
    (CROSS_SCRIPT_LAST_WORD): variant. Other names: the whole name without its compass words
    transliterates closely (CROSS_SCRIPT_SAME) and the last words' ending classes agree
    (-sk is not -ske): variant. None otherwise (the spelling rules decide)."""
    from crosscheck.text.language import script  # noqa: PLC0415

    sa, sb = script(ca), script(cb)
    if not (sa and sb and sa != sb):
        return None
    (ma, wa), (mb, wb) = _compass_words(ca), _compass_words(cb)
    if ma != mb:
        ev = f"different compass or position words: {sorted(ma) or 'none'} / {sorted(mb) or 'none'}"
        return _result("distinct", 0.0, [ev])
    if kind == "person" and len(wa) > 1 and len(wb) > 1:
        if not _first_names_agree(wa[0], wb[0]):
            return None
        last = name_similarity(wa[-1], wb[-1])
        if last >= CROSS_SCRIPT_LAST_WORD:
            ev = f"first names agree; surnames {wa[-1]!r} / {wb[-1]!r} in two scripts, {last:.2f}"
            return _result("variant", last, [ev])
        return None
    la, lb = ending_class(wa[-1], kind)[0], ending_class(wb[-1], kind)[0]
    if kind != "person" and la and lb and _ending_kind(la) != _ending_kind(lb):
        return None
    sim = name_similarity(" ".join(wa), " ".join(wb))
    if sim >= CROSS_SCRIPT_SAME:
        ev = f"one name in two scripts: transliteration similarity {sim:.2f}"
        return _result("variant", sim, [ev])
    return None


@lru_cache(maxsize=1)
def _compass_stems() -> tuple[tuple[str, str], ...]:
    """(word or Cyrillic stem, sense) of lexicons en/ru/uk compass_words, longest first."""
    pairs = [(e.entry.casefold(), e.attrs["sense"]) for lang in ("en", "ru", "uk")
             for e in lexicon_load("compass_words", lang)]  # fmt: skip
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _compass_words(name: str) -> tuple[frozenset[str], list[str]]:
    """(senses of the compass/position words of a name, its other words); a name that is only
    such words keeps them as its words ("Central")."""
    senses, rest = set(), []
    for word in name.split():
        w = word.casefold()
        sense = next((s for stem, s in _compass_stems()
                      if w == stem or (not w.isascii() and w.startswith(stem))), None)  # fmt: skip
        if sense:
            senses.add(sense)
        else:
            rest.append(word)
    return (frozenset(senses), rest) if rest else (frozenset(), name.split())


def _spelling_verdict(ca: str, cb: str, kind: str) -> tuple[str, float, list[str]]:
    """Decision rule on spelling alone (documented in README / module docstring).

    1. Endings, then readings: both last words end in a known toponym / surname class
       (ENDING_CLASSES in translit: -ivka, -ytsia, -ske, -sk, -ka, -ky, -ov ...) and the
       classes differ -> distinct;
       otherwise some candidate Cyrillic reading of each name (translit.cyrillic_readings: the
       standard systems' tables read backwards) giving one phoneme key -> variant.
    2. Stems (ending cut off, else the whole name) as phoneme keys of the Cyrillic
       back-transliteration; cost = translit.weighted_distance (vowel alternation 0.3, a/o and
       g/kh 0.5, any other change 1).
    3. cost <= VARIANT_COST and the same number of syllables -> variant; cost <= UNRESOLVED_COST
       in a stem of UNRESOLVED_MIN_LEN phonemes or more -> unresolved; else distinct.
    Persons: surnames are compared by this rule; first names must agree (same key after mapping
    Ukrainian forms to Russian with FIRST_NAMES, or an initial) when both are given.
    """
    if kind == "person":
        wa, wb = clean_name(ca).split(), clean_name(cb).split()
        if len(wa) > 1 and len(wb) > 1 and _given_name_form(wa[0], wb[0]):
            verdict, score, ev = _spelling_verdict(wa[-1], wb[-1], kind)
            short = f"first names {wa[0]!r} / {wb[0]!r}: a standard short form of the given name"
            return verdict, score, [short, "surnames compared: " + ev[0]] + ev[1:]
        if len(wa) > 1 and len(wb) > 1 and not _first_names_agree(wa[0], wb[0]):
            if _clipped(wa[0], wb[0]):  # Fred / Frederick: a short form, or another person
                verdict, score, ev = _spelling_verdict(wa[-1], wb[-1], kind)
                if verdict != "distinct":
                    short = f"first names {wa[0]!r} / {wb[0]!r}: one may be a short form"
                    return "unresolved", min(score, 0.6), [short, "surnames compared: " + ev[0]]
            return "distinct", 0.0, [f"different first names {wa[0]!r} / {wb[0]!r}"]
        if len(wa) > 1 or len(wb) > 1:
            verdict, score, ev = _spelling_verdict(wa[-1], wb[-1], kind)
            return verdict, score, ["surnames compared: " + ev[0]] + ev[1:]
    if re.findall(r"\d+", ca) != re.findall(r"\d+", cb):
        return "distinct", 0.0, ["different numbers in the names"]
    ca, cb = _without_generic_words(ca), _without_generic_words(cb)
    la, sa = ending_class(ca, kind)
    lb, sb = ending_class(cb, kind)
    if (not (la and lb) or _ending_kind(la) == _ending_kind(lb)) and same_reading(ca, cb):
        ev = "one Cyrillic spelling reads as both (standard romanization systems compared)"
        return "variant", 0.95, [ev]
    if la and lb and la != lb:
        ev = f"different endings: {la} vs {lb}"
        if "adjective" in la and "adjective" in lb and weighted_distance(sa, sb)[0] == 0:
            ev += " on the same stem: often two places, sometimes one place's older name"
            return "unresolved", 0.5, [ev]
        return "distinct", 0.0, [ev + " (different names)"]
    if not (la and lb):
        sa, sb = phoneme_key(ca), phoneme_key(cb)
    sa, sb = sa.replace(" ", ""), sb.replace(" ", "")  # Novo-Konstantinovka = Novokostiantynivka
    cost, edits = weighted_distance(sa, sb)
    n = max(len(sa), len(sb), 1)
    score = round(max(0.0, 1 - cost / n), 3)
    shown = f"Cyrillic keys {sa!r} / {sb!r}" + (f" ({la})" if la else "")
    if cost == 0:
        return "variant", max(score, 0.95), [f"same {shown}"]
    diff = f"{shown}, differences {' '.join(edits)} cost {cost:.1f}"
    if cost <= VARIANT_COST and syllables(sa) == syllables(sb):
        return "variant", score, [f"transliteration variants: {diff}"]
    if cost <= UNRESOLVED_COST and n >= UNRESOLVED_MIN_LEN:
        return "unresolved", score, [f"one real spelling difference: {diff}"]
    return "distinct", score, [f"spelling differs: {diff}"]


def _ending_kind(label: str) -> str:
    """Gender of an adjectival ending class ('-sky (adjective, masculine)' -> 'masculine'), the
    class itself otherwise; "" (no class) agrees with any."""
    m = re.search(r"adjective, (\w+)", label)
    return m.group(1) if m else label


def _is_region(name: str) -> bool:
    """'Donetsk oblast', 'Kherson region(s)': a first-level region named with its region word."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold().rstrip("s'") in {"oblast", "region", "province"}


def _region_base(name: str) -> str:
    """'Donetsk oblast' -> 'Donetsk'; other names unchanged."""
    return " ".join(name.split()[:-1]) if _is_region(name) else name


def _distinctive(name: str) -> tuple[str, frozenset[str]]:
    """(name key of the distinctive words, the generic head words) of an organisation name."""
    words = [w.casefold().strip(".,'’") for w in re.split(r"[\s-]+", name)]
    heads = frozenset(w for w in words if w in ORGANISATION_HEADS)
    return name_key(" ".join(w for w in words if w and w not in ORGANISATION_HEADS)), heads


def _generic_head_verdict(ca: str, cb: str) -> str:
    """Evidence when two organisation names share their distinctive words and differ only in
    generic head words (lexicon organisation_heads), else ""."""
    (ka, ha), (kb, hb) = _distinctive(ca), _distinctive(cb)
    if not ka or not kb:
        return ""
    if ka != kb:
        wa, wb = ka.casefold().split(), kb.casefold().split()
        if len(wa) != len(wb):
            return ""
        if not all(x == y or _clipped(x, y) for x, y in zip(wa, wb, strict=True)):
            return ""
        return f"names {ca!r} / {cb!r}: a distinctive word is a clipped form of the other"
    heads = " / ".join(sorted(w for w in ha ^ hb if ORGANISATION_HEADS[w] == "head"))
    heads = heads or "word order"
    return (
        f"same distinctive name {ka!r}, only generic head words differ ({heads}):"
        " possibly one organisation named loosely"
    )


def _clipped(a: str, b: str) -> bool:
    """One word is a clipped form of the other: a prefix of 3 or more letters ("Mat" /
    "Matanuska", "Fred" / "Frederick")."""
    a, b = sorted((a.casefold().strip(".,"), b.casefold().strip(".,")), key=len)
    return len(a) >= 3 and a != b and b.startswith(a)


def _without_generic_words(name: str) -> str:
    """Drop words such as raion / district / oblast / village (kept when nothing else is left)."""
    kept = [w for w in re.split(r"[\s-]+", name) if w.casefold().strip(".") not in GENERIC_WORDS]
    return " ".join(kept) if kept else name


@lru_cache(maxsize=1)
def _given_name_pairs() -> frozenset[tuple[str, str]]:
    """(short form, formal name) pairs of lexicon given_name_forms: Bill / William."""
    return frozenset((e.entry, e.attrs["name"]) for e in lexicon_load("given_name_forms"))


def _given_name_form(a: str, b: str) -> bool:
    """One given name is a standard English short form or nickname of the other (Bob / Robert);
    two short forms (Bill / Bob) or two formal names never match here."""
    a, b = (clean_name(x).casefold().rstrip(".") for x in (a, b))
    return (a, b) in _given_name_pairs() or (b, a) in _given_name_pairs()


def _first_names_agree(a: str, b: str) -> bool:
    a, b = (clean_name(x).lower().rstrip(".") for x in (a, b))
    if len(a) == 1 or len(b) == 1:  # an initial; across scripts by sound (Б. = Borys)
        return a[:1] == b[:1] or phoneme_key(a)[:1] == phoneme_key(b)[:1] != ""
    ka, kb = (phoneme_key(FIRST_NAMES.get(x, x)) for x in (a, b))
    if ka.endswith("а") != kb.endswith("а"):  # Yaroslav / Yaroslava: a man and a woman
        return False
    return weighted_distance(ka, kb)[0] <= 1.0


def _describe(ids: set[int]) -> str:
    table = gz.places()
    best = max(ids, key=lambda g: table.at[g, "population"])
    more = f" (+{len(ids) - 1} more)" if len(ids) > 1 else ""
    return f"{table.at[best, 'name']}, {table.at[best, 'admin1_name']}{more}"


def _result(verdict: str, score: float, evidence: list[str]) -> dict:
    return {"verdict": verdict, "score": float(round(score, 3)), "evidence": evidence}


def mentions(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims table -> one row per entity mention (by claim_id and offsets, no claim text)."""
    require_columns(claims, "claims", ["claim_id", "article_id", "entities"])
    rows = []
    for claim_id, article_id, ents in zip(
        claims["claim_id"], claims["article_id"], claims["entities"], strict=True
    ):
        if ents is None or (not isinstance(ents, list | tuple) and pd.isna(ents)):
            continue
        for ent in ents:
            if not isinstance(ent, dict) or not str(ent.get("text", "")).strip():
                warnings.warn(
                    f"claim {claim_id}: entity without text skipped: {ent!r}", stacklevel=2
                )
                continue
            kind = ent.get("kind", "")
            if kind not in KINDS:
                warnings.warn(f"claim {claim_id}: unknown entity kind {kind!r}", stacklevel=2)
            start, end = int(ent.get("start", -1)), int(ent.get("end", -1))
            rows.append(
                (f"{claim_id}:{start}-{end}", claim_id, str(article_id), str(ent["text"]), kind)
                + (start, end)
            )
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": int, "end": int})
    return _vote_kinds(table)


def mention_contexts(ments: pd.DataFrame, claims: pd.DataFrame) -> list[str]:
    """Each mention's context: its claim's text within CONTEXT_CHARS of the mention (the whole
    claim when the claims table has no offsets). Slices are short: memory stays linear."""
    if "text" not in claims.columns:
        return [""] * len(ments)
    texts = dict(zip(claims["claim_id"], claims["text"], strict=True))
    starts = {}
    if "start" in claims.columns:
        starts = dict(zip(claims["claim_id"], claims["start"], strict=True))
    out = []
    for claim_id, start, end in zip(ments["claim_id"], ments["start"], ments["end"], strict=True):
        text = str(texts.get(claim_id) or "")
        base = starts.get(claim_id)
        if base is None or start < base or pd.isna(base):
            out.append(text[: 2 * CONTEXT_CHARS])
            continue
        lo, hi = int(start - base), int(end - base)
        out.append(text[max(0, lo - CONTEXT_CHARS) : hi + CONTEXT_CHARS])
    return out


# The statistical NER confuses these kinds on unfamiliar names (a village tagged ORG, a surname
# tagged ORG); rule-based kinds (facility, armed_force, outlet) are left as they are.
NER_KINDS = ("place", "person", "organisation")


def _vote_kinds(table: pd.DataFrame) -> pd.DataFrame:
    """One kind per surface across the case: a surface tagged as several NER kinds takes the
    kind most of its mentions have (ties: place, then person, then organisation)."""
    ner = table[table["kind"].isin(NER_KINDS)]
    if ner.empty:
        return table
    folded = ner["surface"].map(_fold)
    votes = ner.groupby([folded, ner["kind"]]).size().rename("n").reset_index()
    votes["rank"] = votes["kind"].map({k: i for i, k in enumerate(NER_KINDS)})
    best = votes.sort_values(["surface", "n", "rank"], ascending=[True, False, True])
    winner = best.drop_duplicates("surface").set_index("surface")["kind"]
    table = table.copy()
    table.loc[ner.index, "kind"] = folded.map(winner).to_numpy()
    return table


class _Union:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidate_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """Blocking: same first key letter, then rapidfuzz cdist on keys (ratio >= 50)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    blocks = defaultdict(list)
    for i, key in enumerate(keys):
        blocks[key[:1]].append(i)
        if " " in key:  # multi-word names also meet others on their last word (surname)
            blocks["last:" + key.split()[-1][:3]].append(i)
    for i, key in enumerate(keys):
        if " " not in key and "last:" + key[:3] in blocks:
            blocks["last:" + key[:3]].append(i)
    pairs = set()
    for b, idx in blocks.items():
        if len(idx) < 2:
            continue
        block_keys = [keys[i].split()[-1] if b.startswith("last:") else keys[i] for i in idx]
        scores = process.cdist(block_keys, block_keys, scorer=fuzz.ratio, score_cutoff=50)
        for a, b in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
            pairs.add((min(idx[a], idx[b]), max(idx[a], idx[b])))
    return sorted(pairs)


def cluster_entities(claims: pd.DataFrame, overrides: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims table -> entities table (module docstring); overrides applied last."""
    ments = mentions(claims)
    if ments.empty:
        return pd.DataFrame(columns=ENTITY_COLUMNS)
    ments = ments.assign(clean=ments["surface"].map(clean_name))
    ments["context"] = mention_contexts(ments, claims)
    empty = ments["clean"].map(name_key) == ""
    if empty.any():
        warnings.warn(f"{int(empty.sum())} mention(s) with no letters skipped", stacklevel=2)
        ments = ments[~empty]
    rows = []
    for kind, group in ments.groupby("kind", sort=True):
        rows += _cluster_kind(kind, group, overrides)
    if not rows:
        return pd.DataFrame(columns=ENTITY_COLUMNS)
    out = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return out.sort_values(["kind", "cluster_id", "article_id", "surface"], ignore_index=True)


def _cluster_kind(kind: str, group: pd.DataFrame, overrides) -> list[tuple]:
    surfaces = sorted(group["clean"].unique())
    contexts = _first_contexts(group["clean"], group["context"])
    # 1. identical keys (places: with news short forms written out, 'Calif.' = 'California')
    # and shared gazetteer places merge without pairwise comparison
    keys = [name_key(expand_place(s)[0] if kind == "place" else s) for s in surfaces]
    uf = _Union(range(len(surfaces)))
    first_by_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        uf.union(first_by_key.setdefault(key, i), i)
    ids = {i: set(gz.lookup(s)) for i, s in enumerate(surfaces)} if kind == "place" else {}
    # 2. blocked candidate pairs between distinct keys
    links: dict[tuple[int, int], dict] = {}
    rep = sorted({first_by_key[k] for k in keys})
    rep_keys = [keys[i] for i in rep]
    for a, b in _candidate_pairs(rep_keys):
        i, j = rep[a], rep[b]
        res = compare_names(
            surfaces[i], surfaces[j], kind, contexts[surfaces[i]], contexts[surfaces[j]]
        )
        if res["verdict"] in ("same", "variant"):
            if kind in ALIAS_KINDS and _is_short_pair(surfaces[i], surfaces[j], kind):
                continue  # joined by _join_aliases, only when not ambiguous
            uf.union(i, j)
        elif res["verdict"] == "unresolved":
            links[(i, j)] = res
    if kind in ALIAS_KINDS:
        _join_aliases(kind, surfaces, uf, links)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(surfaces)):
        members[uf.find(i)].append(i)
    clusters = [[surfaces[i] for i in m] for m in members.values()]
    surface_links = [(surfaces[i], surfaces[j], r) for (i, j), r in links.items()]
    clusters, renames = _apply_overrides(kind, clusters, overrides)
    counts: dict[str, list] = defaultdict(list)  # surface -> (article_id, n), sorted
    for (surface, article_id), n in group.groupby(["clean", "article_id"]).size().items():
        counts[surface].append((article_id, n))
    total = group["clean"].value_counts()
    context_all = {s: contexts[s] for s in surfaces}
    rows = []
    cluster_of: dict[str, str] = {}
    info = []
    used_ids: Counter = Counter()
    for members_ in sorted(clusters, key=lambda m: sorted(m)):
        canonical, gmatch = _canonical(kind, members_, total, context_all, ids, surfaces)
        for s in members_:
            if s in renames:
                canonical = renames[s]
        cid = _cluster_id(kind, canonical)
        used_ids[cid] += 1
        if used_ids[cid] > 1:
            cid += f"-{used_ids[cid]}"
        info.append((cid, canonical, gmatch, members_))
        for s in members_:
            cluster_of[s] = cid
    linked: dict[str, set[str]] = defaultdict(set)
    link_ev: dict[str, list[str]] = defaultdict(list)
    for sa, sb, res in surface_links:
        ca, cb = cluster_of[sa], cluster_of[sb]
        if ca != cb:
            linked[ca].add(cb)
            linked[cb].add(ca)
            note = f"possibly the same as {sb!r}: " + "; ".join(res["evidence"][:3])
            link_ev[ca].append(note)
            link_ev[cb].append(f"possibly the same as {sa!r}: " + "; ".join(res["evidence"][:3]))
    for cid, canonical, gmatch, members_ in info:
        for s in members_:
            res = _versus_canonical(s, canonical, kind)
            status = ""
            if kind == "place":
                found = ids[surfaces.index(s)] or gz.admin_area(clean_name(s))
                status = "found" if found else "not_found"
            evidence = "; ".join(res["evidence"] + link_ev.get(cid, []))
            for article_id, n in counts[s]:
                rows.append(
                    (cid, canonical, kind, article_id, s, int(n), res["verdict"], res["score"])
                    + (status, gmatch, evidence, "; ".join(sorted(linked.get(cid, ()))))
                )
    return rows


def _first_contexts(surfaces, contexts, n: int = 3) -> dict[str, str]:
    """Surface -> its first `n` distinct contexts, in order, joined by spaces."""
    seen: dict[str, list[str]] = {}
    for surface, context in zip(surfaces, contexts, strict=True):
        kept = seen.setdefault(surface, [])
        if len(kept) < n and context not in kept:
            kept.append(context)
    return {s: " ".join(kept) for s, kept in seen.items()}


def _is_short_pair(a: str, b: str, kind: str) -> bool:
    return bool(short_form(a, b, kind) or short_form(b, a, kind))


def _join_aliases(kind: str, surfaces: list[str], uf: _Union, links: dict) -> None:
    """Case-level alias step: names with the same bare name join; a short form (acronym,
    leading or head words, surname) joins the longer names it abbreviates when they are one
    referent, and is linked as unresolved to each when they are different referents."""
    cores = [name_core(s, kind) for s in surfaces]
    keys = [_core_key(core, kind) for core, _, _ in cores]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        uf.union(first.setdefault(key, i), i)
    index: dict[str, set[int]] = defaultdict(set)  # blocking: alias key -> longer names
    for j, (core, declared, _) in enumerate(cores):
        words = keys[j].split()
        if kind == "person":
            if len(words) > 1:
                index[words[-1]].add(j)
            continue
        for acr in acronyms(core.split()) | set(declared):
            index["acronym:" + acr].add(j)
        for n in range(1, len(words)):
            index[" ".join(words[:n])].add(j)
            index[" ".join(words[n:])].add(j)
    for i in sorted(range(len(surfaces)), key=lambda i: (-len(keys[i]), i)):
        if not keys[i]:
            continue
        look = {keys[i].split()[-1] if kind == "person" else keys[i]}
        look.add("acronym:" + _letters(cores[i][0]))
        cands = sorted(set().union(*(index.get(k, set()) for k in look)) - {i})
        strength = {j: _short_relation(surfaces[i], surfaces[j], kind)[0] for j in cands}
        best = max(strength.values(), default=0)
        targets = [j for j in cands if best and strength[j] == best]  # acronym before prefix
        roots: dict[int, int] = {}
        for j in targets:
            roots.setdefault(uf.find(j), j)
        roots.pop(uf.find(i), None)
        if not roots:
            continue
        reps = list(roots.values())
        clash = len(reps) > MAX_ALIAS_TARGETS or any(
            compare_names(surfaces[a], surfaces[b], kind)["verdict"] == "distinct"
            for n, a in enumerate(reps)
            for b in reps[n + 1 :]
        )
        if not clash:
            for j in reps:
                uf.union(i, j)
            continue
        names = ", ".join(repr(surfaces[j]) for j in reps[:5])
        for j in reps:
            ev = f"{surfaces[i]!r} is a short form of several different names: {names}"
            links[(min(i, j), max(i, j))] = _result("unresolved", 0.5, [ev])


def _versus_canonical(surface: str, canonical: str, kind: str) -> dict:
    try:
        return compare_names(surface, canonical, kind)
    except ValueError as err:
        return _result("unresolved", 0.0, [str(err)])


def _canonical(kind, members, total, contexts, ids, surfaces):
    """Gazetteer name when a member is found (best by region in context), else most frequent."""
    frequent = sorted(members, key=lambda s: (-int(total.get(s, 0)), s))[0]
    if kind != "place":
        return frequent, ""
    found = [s for s in members if ids[surfaces.index(s)]]
    if not found:
        return frequent, ""
    best = sorted(found, key=lambda s: (-int(total.get(s, 0)), s))[0]
    res = check_place(best, " ".join(contexts[s] for s in members))
    top = next((m for m in res["matches"] if m["geonameid"] in ids[surfaces.index(best)]), None)
    if top is None:
        return frequent, ""
    desc = f"{top['name']} ({top['admin1']}, {top['country']}; GeoNames {top['geonameid']})"
    return top["name"], desc


def _cluster_id(kind: str, canonical: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name_key(canonical).lower()).strip("-") or "x"
    digest = hashlib.sha1(f"{kind}|{canonical}".encode()).hexdigest()[:6]
    return f"{kind}:{slug}:{digest}"


def _apply_overrides(kind, clusters, overrides):
    """merge / split / rename rows of ``overrides`` for this kind, in order."""
    renames: dict[str, str] = {}
    if overrides is None or len(overrides) == 0:
        return clusters, renames
    require_columns(
        overrides, "overrides", ["action", "surface_a", "surface_b", "kind", "canonical"]
    )
    clusters = [list(c) for c in clusters]
    for row in overrides.itertuples(index=False):
        if row.kind not in ("", None, kind) and not pd.isna(row.kind):
            continue
        a, b = clean_name(str(row.surface_a or "")), clean_name(str(row.surface_b or ""))
        ia = next((i for i, c in enumerate(clusters) if a in c), None)
        ib = next((i for i, c in enumerate(clusters) if b in c), None)
        if row.action == "merge" and ia is not None and ib is not None:
            if ia != ib:
                clusters[ia] += clusters[ib]
                del clusters[ib]
        elif row.action == "split" and ia is not None and ia == ib:
            clusters[ia].remove(b)
            clusters.append([b])
        elif row.action == "rename" and ia is not None:
            renames[a] = str(row.canonical)
        elif row.action not in ("merge", "split", "rename"):
            warnings.warn(f"override: unknown action {row.action!r}", stacklevel=3)
        elif ia is None and row.kind == kind:
            warnings.warn(f"override: surface {a!r} not found among {kind} mentions", stacklevel=3)
    return clusters, renames


def entity_pairs(entities: pd.DataFrame) -> pd.DataFrame:
    """Pairs of distinct surfaces in one cluster or in two clusters linked as unresolved."""
    require_columns(entities, "entities", ["cluster_id", "kind", "article_id", "surface"])
    if entities.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    linked = entities["linked"] if "linked" in entities.columns else pd.Series("", entities.index)
    rows = []
    for kind, group in entities.assign(linked=linked).groupby("kind", sort=True):
        # plain dicts, not groupby-apply (a story has few rows: pandas' per-group cost ruled)
        articles_of: dict[str, set] = defaultdict(set)
        surfaces_of: dict[str, set] = defaultdict(set)
        for cid, surface, article in zip(
            group["cluster_id"], group["surface"], group["article_id"], strict=True
        ):
            articles_of[surface].add(article)
            surfaces_of[cid].add(surface)
        arts = {surface: "; ".join(sorted(a)) for surface, a in articles_of.items()}
        by_cluster = {cid: sorted(surfaces_of[cid]) for cid in sorted(surfaces_of)}
        links = {
            (cid, other)
            for cid, lk in zip(group["cluster_id"], group["linked"], strict=True)
            for other in str(lk or "").split("; ")
            if other and cid < other and other in by_cluster
        }
        todo = [
            (a, b, None) for s in by_cluster.values() for i, a in enumerate(s) for b in s[i + 1 :]
        ]
        todo += [
            (a, b, "linked") for c1, c2 in links for a in by_cluster[c1] for b in by_cluster[c2]
        ]
        for a, b, how in todo:
            res = _versus_canonical(a, b, kind)
            if how == "linked" and kind in ALIAS_KINDS and res["verdict"] == "variant":
                res = _result(
                    "unresolved",
                    res["score"],
                    ["kept apart during clustering: a short form of several different names"]
                    + res["evidence"],
                )
            if how == "linked" and res["verdict"] == "distinct":
                res = _result(
                    "unresolved",
                    res["score"],
                    ["linked during clustering by context"] + res["evidence"],
                )
            rows.append(
                (kind, a, b, arts[a], arts[b], res["verdict"], res["score"])
                + ("; ".join(res["evidence"]),)
            )
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    order = out["verdict"].map({"unresolved": 0, "distinct": 1, "variant": 2, "same": 3})
    out = out.assign(_o=order).sort_values(["_o", "kind", "surface_a", "surface_b"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


__all__ = ["check_place", "cluster_entities", "compare_names", "entity_pairs", "mentions"]


# ---------------------------------------------------------------------------------------------
# One source, one speaker.
SPEAKER_KINDS = {"person": "person", "organisation": "organisation", "outlet": "outlet"}


def cluster_speakers(claims: pd.DataFrame) -> pd.Series:
    """A canonical speaker per claim (aligned with `claims.index`): the longest name of the
    speaker's cluster, "" when the claim is unattributed or its source is vague ("officials").

    Names are clustered per kind with compare_names (the authority on name identity): a full
    name, its surname alone, a title + surname and transliteration variants ("Serhiy Lysak",
    "Sergei Lysak") are one speaker. Longer names are placed first; a name that matches the
    clusters of two different people ("Petrov" after "Igor Petrov" and "Anna Petrov") stays on
    its own."""
    require_columns(claims, "claims", ["speaker", "speaker_kind"], "see crosscheck.claims")
    speakers = claims["speaker"].fillna("").astype(str)
    kinds = claims["speaker_kind"].fillna("").astype(str)
    canonical: dict[tuple[str, str], str] = {}
    for kind in SPEAKER_KINDS:
        names = sorted(set(speakers[(kinds == kind) & (speakers != "")]), key=_speaker_order)
        clusters: list[list[str]] = []
        for name in names:
            hits = [c for c in clusters if any(_same_speaker(name, m, kind) for m in c)]
            if len(hits) == 1 or (hits and len(name.split()) > 1):
                hits[0].append(name)
            else:
                clusters.append([name])
        for cluster in clusters:
            for name in cluster:
                canonical[(kind, name)] = cluster[0]
    return pd.Series(
        [canonical.get((k, s), "") for k, s in zip(kinds, speakers, strict=True)],
        index=claims.index,
        dtype=str,
    )


def _speaker_order(name: str) -> tuple:
    """Full names first, a name after a title ("Minister Moroz") after the bare names."""
    parts = name.split()
    titled = bool(parts) and parts[0].lower().rstrip(".") in lexicon_words("person_titles")
    return (titled, -len(parts), -len(name), name)


def _same_speaker(a: str, b: str, kind: str) -> bool:
    try:
        verdict = compare_names(a, b, SPEAKER_KINDS[kind], gazetteer=False)["verdict"]
    except ValueError:  # a name that is empty once cleaned ("the", a quote mark) matches nothing
        return False
    return verdict in ("same", "variant")
