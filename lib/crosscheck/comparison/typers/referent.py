"""Typer `referent` (severity 5): a different person, place, organisation, unit or weapon in the
same place of aligned claims.

Named referents: the name pairs of crosscheck.comparison.names.pair_entities that the entity
check (crosscheck.entities.compare_names, the one authority on name identity) calls distinct,
both names being real (a name the gazetteer does not find stays an entity_variant). A spelling or
transliteration variant of one referent is never a referent row, and neither is a pair of
people when the other claim names one of them elsewhere by the family name ("Chris Ivory" /
"Pierre Thomas" when the first claim also says "Thomas": a participant one side adds).
Subjects: the proper names that are the subject of one event (a main verb of each claim, folded
by the lexicon ``event_equivalents``: "Ann Cole has died" / "Rob Lane dies"), when the entity
check calls them distinct and neither claim names the other's (the who of the core claim).
Common nouns: two different nouns of one class of the lexicon ``referent_classes`` (weapon, unit,
vehicle, person, role, kin), each absent from the other claim ("a drone" / "a missile").
"""

from __future__ import annotations

import re

from crosscheck.comparison.names import judge_names, judged_pairs
from crosscheck.comparison.normalise import tokens, word_keys
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.entity_variant import is_other_referent
from crosscheck.text import lexicon

_CLASS = lexicon.by_attr("referent_classes", "class")
_EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")
# a different speaker is the attribution typer's question, not a different referent of the event
_NOT_EVENTS = lexicon.words("reporting_verbs") | lexicon.words("frame_verbs")
_MAIN_DEPS = frozenset({"ROOT", "conj"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


def _class_nouns(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in tokens(text):
        cls = _CLASS.get(t.lemma) if t.pos in ("NOUN", "PROPN") else None
        if cls:
            out.setdefault(cls, set()).add(t.lemma)
    return out


def _present(name: str, text: str) -> bool:
    """Every word of `name` occurs in `text` (a name cut differently by the tagger)."""
    words = word_keys(name)
    return bool(words) and words <= word_keys(text)


def _named_elsewhere(name: str, paired: str, text: str) -> bool:
    """`text` names the person `name` by the family name elsewhere than in `paired` (the name
    it was paired with): "the Saints placed Thomas ..." mentions "Pierre Thomas" even when
    its other person was paired with him, so the pair is no substitution."""
    words = name.split()
    if len(words) < 2:
        return False
    last = re.escape(words[-1])
    rest = text.replace(paired, " ") if paired else text
    return re.search(rf"(?<![\w-]){last}(?![\w-])", rest) is not None


def _named_rows(a, b, ctx) -> list[dict]:
    out = []
    for ea, eb, res in judged_pairs(a, b, ctx.judge):
        if not is_other_referent(res, ea[0], eb[0]):
            continue
        if _present(ea[0], b["text"]) or _present(eb[0], a["text"]):
            continue  # the name's words are all in the other claim: a cut, not a substitution
        if "person" in (ea[1], eb[1]) and (
            _named_elsewhere(ea[0], eb[0], b["text"]) or _named_elsewhere(eb[0], ea[0], a["text"])
        ):
            continue  # the other claim names this person too: the pair is a one-sided participant
        evidence = "; ".join(res.get("evidence", [])[:3])
        out.append(
            row(
                "referent",
                5,
                f"A names '{ea[0]}' where B names '{eb[0]}' in the same claim; the entity check "
                "says they are different referents, not spellings of one name.",
                ea[0],
                eb[0],
                detail=f"verdict=distinct; kind={ea[1] or eb[1]}"
                + (f"; {evidence}" if evidence else ""),
            )
        )
    return out


def _noun_rows(a, b) -> list[dict]:
    ca, cb = _class_nouns(a["text"]), _class_nouns(b["text"])
    out = []
    for cls in sorted(set(ca) & set(cb)):
        only_a, only_b = sorted(ca[cls] - cb[cls]), sorted(cb[cls] - ca[cls])
        if only_a and only_b:
            wa, wb = ", ".join(only_a), ", ".join(only_b)
            out.append(
                row(
                    "referent",
                    5,
                    f"A speaks of {wa} where B speaks of {wb} (a different {cls}).",
                    wa,
                    wb,
                    detail=f"class={cls}",
                )
            )
    return out


def _proper_chunks(toks, other: frozenset[str]) -> list[tuple[str, str, str]]:
    """(name, head lemma, dependency) of runs of proper nouns whose words the other claim lacks."""
    out, run = [], []
    for t in [*toks, None]:
        if t is not None and t.pos == "PROPN" and any(ch.isalpha() for ch in t.text):
            run.append(t)
            continue
        if run and not any(u.lower in other for u in run):
            last = run[-1]
            out.append((" ".join(u.text for u in run), toks[last.head].lemma, last.dep))
        run = []
    return out


def _parsed_rows(a, b, ctx) -> list[dict]:
    """Proper names the tagger finds but the claims' entities missed, in the same slot."""
    ta, tb = tokens(a["text"]), tokens(b["text"])
    ca = _proper_chunks(ta, word_keys(b["text"]))
    cb = _proper_chunks(tb, word_keys(a["text"]))
    if len(ca) != 1 or len(cb) != 1 or ca[0][1:] != cb[0][1:]:
        return []
    (name_a, head, dep), (name_b, _, _) = ca[0], cb[0]
    explained = {w for r in ctx.rows for v in (r["value_a"], r["value_b"]) for w in word_keys(v)}
    if word_keys(name_a) & explained or word_keys(name_b) & explained:
        return []
    res = judge_names(name_a, name_b, "organisation", a["text"], b["text"])
    if res["verdict"] != "distinct":
        return []
    return [
        row(
            "referent",
            5,
            f"A names '{name_a}' where B names '{name_b}' (same place in the claim: {dep} of "
            f"'{head}'); the entity check says they are different.",
            name_a,
            name_b,
            detail="verdict=distinct; from the parse (no entity tag)",
        )
    ]


def _subject_names(toks) -> dict[str, tuple[str, str]]:
    """Event key of each main verb (the root and verbs coordinated with it) -> (the proper
    name that is its subject, the verb's surface); verbs whose subject is no name are left out."""
    out: dict[str, tuple[str, str]] = {}
    for v in toks:
        if v.pos != "VERB" or v.dep not in _MAIN_DEPS or v.lemma.lower() in _NOT_EVENTS:
            continue
        subj = next((u for u in toks if u.head == v.i and u.dep in _SUBJ_DEPS), None)
        if subj is None or subj.pos != "PROPN":
            continue
        words = [u for u in toks if u.head == subj.i and u.dep == "compound" and u.pos == "PROPN"]
        name = " ".join(u.text for u in sorted([*words, subj], key=lambda u: u.i))
        out.setdefault(_EVENT_AS.get(v.lemma.lower(), v.lemma.lower()), (name, v.text))
    return out


def _entity_kind(info, name: str) -> str:
    keys = word_keys(name)
    kinds = [e[1] for e in info.get("ents", []) if keys & word_keys(e[0])]
    return kinds[0] if kinds else "organisation"


def _subject_rows(a, b, ctx) -> list[dict]:
    """Two different names as the subject of one event ("X has died" / "Y dies")."""
    sa, sb = _subject_names(tokens(a["text"])), _subject_names(tokens(b["text"]))
    explained = {w for r in ctx.rows for v in (r["value_a"], r["value_b"]) for w in word_keys(v)}
    out = []
    for key in sorted(set(sa) & set(sb)):
        (na, verb), (nb, _) = sa[key], sb[key]
        ka, kb = word_keys(na), word_keys(nb)
        if ka & kb or (ka | kb) & explained:
            continue  # one name, cut differently, or a row already explains it
        if _present(na, b["text"]) or _present(nb, a["text"]):
            continue  # the other claim names this one too: a participant, not a substitution
        res = judge_names(na, nb, _entity_kind(a, na), a["text"], b["text"])
        if res["verdict"] != "distinct":
            continue
        out.append(
            row(
                "referent",
                5,
                f"A says '{na}' {verb} where B says '{nb}' did (the subject of one event); the "
                "entity check says they are different.",
                na,
                nb,
                detail=f"verdict=distinct; subject of '{key}'",
            )
        )
    return out


@register("referent", order=12)
def referent_rows(a, b, ctx) -> list[dict]:
    rows = _named_rows(a, b, ctx)
    rows += _parsed_rows(a, b, type(ctx)(judge=ctx.judge, rows=[*ctx.rows, *rows]))
    rows += _subject_rows(a, b, type(ctx)(judge=ctx.judge, rows=[*ctx.rows, *rows]))
    return rows + _noun_rows(a, b)
