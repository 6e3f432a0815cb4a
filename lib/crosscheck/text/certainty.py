"""Certainty of a claim: the ladder fact < expected < possible < speculative, and a score.

Cues come from the `certainty_cues` lexicon: lemma sequences whose first word must have a given
part of speech (a modal "may", the verb "risks", never the noun "the risk of"), multi-word and
cue-less hedges ("is believed to", "remains unclear", "has yet to be", "not known"). Cues in a
trailing participial comment (", signaling a potential turning point") do not count.

`certainty` is the highest level among the cues in the claim's main scope; `certainty_score`
(1 doubtful .. 6 plain fact) is the lowest score among them, capped by the attribution: a
statement attributed to a source reads 5, a belief 4.3, an unnamed rumour ("reports said") 2.5.
Negations (not, n't, never, denied ...) are kept as cues and set `negated`; they are no hedge.
"""

from __future__ import annotations

from functools import cache

from crosscheck.text import lexicon
from crosscheck.text.attribution import UNNAMED
from crosscheck.text.nlp import _lemma, lemma

CERTAINTY_LEVELS = ("fact", "expected", "possible", "speculative")
LEVEL_RANK = {"expected": 1, "possible": 2, "speculative": 3, "doubt": 3}
NEGATIONS = sorted(lexicon.words("negations"))
FACT_SCORE = 6.0
QUESTION_SCORE = 3.0
PLAN_SCORE = 5.0  # a planned future stated firmly
QUOTED_SCORE = 5.0  # words inside a direct quotation are somebody's, even without a cue
FINITE_TAGS = frozenset("VBD VBZ VBP MD".split())  # a question presents its content as open
ATTRIBUTED_SCORE = {"speech": 5.0, "belief": 4.3}
HEARSAY_SOURCES = lexicon.words("hearsay_sources")  # lemmas; a plural speaker word is folded
HEARSAY_SCORE = 2.5
POS_CHECK = {
    "MD": lambda t: t.tag_ == "MD",
    "NOUN": lambda t: t.tag_ in ("NN", "NNS"),
    "VERB": lambda t: t.tag_.startswith("VB"),
    "ADV": lambda t: t.tag_.startswith("RB"),
    "ADJ": lambda t: t.tag_.startswith("JJ") or t.tag_ == "VBN",
    "ANY": lambda t: (
        not t.tag_.startswith("NN") or t.tag_ in ("NN", "NNS") and t.dep_ != "compound"
    ),
}


@cache
def _cues() -> dict[str, list[tuple[tuple[str, ...], int, float, str]]]:
    """First lemma -> [(lemma sequence, rank, score, pos)] from the certainty_cues lexicon."""
    index: dict[str, list] = {}
    for e in lexicon.load("certainty_cues"):
        seq = tuple(e.entry.split())
        rank = LEVEL_RANK[e.attrs["level"]]
        index.setdefault(seq[0], []).append((seq, rank, float(e.attrs["score"]), e.attrs["pos"]))
    return index


def cue_score(lemma_seq: tuple[str, ...]) -> float | None:
    """The reader score (1-6) the certainty_cues lexicon gives a cue read as a lemma sequence
    ("is set to" -> be set to), None when the cue is not in the lexicon. A leading form of "be"
    that the entry does not have is ignored ("is set to" is the entry "set to"). The headline
    infinitive cue "to" (a bare "Carmaker to cut ...") is a firm plan: PLAN_SCORE."""
    seq = tuple(w.lower() for w in lemma_seq)
    if seq == ("to",):
        return PLAN_SCORE
    for cand in (seq, seq[1:] if seq[:1] == ("be",) else None):
        if not cand:
            continue
        for entry, _rank, score, _pos in _cues().get(cand[0], ()):
            if entry == cand:
                return score
    return None


# a cue at or above this score states a plan or a scheduled future firmly ("will", "is set
# to", "plans to"): no hedge; below it the claim is presented as uncertain (may, reportedly)
FIRM_SCORE = 4.5

# Dependency relations that keep a cue in the claim's main statement; any other relation on
# the way up (relative clause, noun modifier, adverbial clause, object ...) scopes it to a part.
MAIN_SCOPE_DEPS = frozenset(
    "ROOT aux auxpass advmod neg xcomp ccomp conj parataxis acomp attr oprd mark prt dep cc "
    "expl nsubjpass".split()
)
ABILITY_MODALS = lexicon.words("ability_modals")


def _main_scope(tok, a: int, b: int) -> bool:
    """`tok` bears on the main statement of doc[a:b] (see MAIN_SCOPE_DEPS)."""
    for _ in range(12):
        if tok.head.i == tok.i or not a <= tok.head.i < b:
            return True
        if tok.dep_ not in MAIN_SCOPE_DEPS:
            return False
        tok = tok.head
    return True


def _negated_ability(tok) -> bool:
    """'could not be extinguished' states a fact (ability denied), not a possibility."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in ABILITY_MODALS and nxt is not None and nxt.lower_ in ("not", "n't")


def _headline_plan(doc, a: int, b: int) -> bool:
    """A headline's bare infinitive ("Carmaker to cut 2,000 jobs"): a firm plan, no finite verb."""
    if any(t.tag_ in FINITE_TAGS for t in doc[a:b]):
        return False
    return any(t.lower_ == "to" and t.dep_ == "aux" and _planned_verb(t.head) for t in doc[a:b])


def _planned_verb(verb) -> bool:
    """The verb of a headline's "to" is the headline's own plan: a bare infinitive ("to cut") or
    a passive one ("to be held"), not an infinitive that completes a noun inside a prepositional
    phrase ("in negotiations to direct the sequel": the talks are the fact, not a plan)."""
    passive = verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children
    )
    if verb.tag_ != "VB" and not passive:
        return False
    return not (verb.dep_ == "acl" and verb.head.dep_ == "pobj")


def _in_comment(tok, a: int) -> bool:
    """True when `tok` sits in a trailing participial comment (", signaling a ...")."""
    for _ in range(12):
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i:
            return True
        if tok.head.i == tok.i or tok.head.i < a:
            return False
        tok = tok.head
    return False


def _key(tok) -> str:
    return (
        "not" if tok.lower_ == "n't" else lemma(tok) if tok.tag_[:2] in ("VB", "JJ") else tok.lower_
    )


def certainty(doc, a: int, b: int, matches) -> tuple[int, float, list[str], bool]:
    """(rank, score, cues, negated) of the claim doc[a:b] before attribution is weighed."""
    index = _cues()
    keys = [_key(t) for t in doc[a:b]]
    rank, score, cues, negated = 0, FACT_SCORE, [], False
    i = 0
    while i < len(keys):
        best = None
        for seq, r, s, pos in index.get(keys[i], ()):
            if tuple(keys[i : i + len(seq)]) == seq and POS_CHECK[pos](doc[a + i]):
                if best is None or len(seq) > len(best[0]):
                    best = (seq, r, s)
        tok = doc[a + i]
        if best is None or _in_comment(tok, a) or not _main_scope(tok, a, b):
            i += 1
            continue
        if best[2] and _negated_ability(tok):
            i += 1
            continue
        seq, r, s = best
        cues.append(doc[a + i : a + i + len(seq)].text.lower())
        rank, score = max(rank, r), min(score, s)
        i += len(seq)
    if _headline_plan(doc, a, b):
        rank, score = max(rank, LEVEL_RANK["expected"]), min(score, PLAN_SCORE)
        cues.append("to")
    if doc[a:b].text.rstrip(" \"”'’").endswith("?"):
        rank, score = max(rank, LEVEL_RANK["possible"]), min(score, QUESTION_SCORE)
        cues.append("?")
    for key, s, e in matches:
        if key != "NEG" or e > b or _in_comment(doc[s], a):
            continue
        if doc[s].lower_ == "not" and s + 1 < len(doc) and doc[s + 1].lower_ == "only":
            continue  # "not only ... but also" is no negation
        text = doc[s:e].text.lower()
        if not any(text in c.split() for c in cues):
            cues.append(text)
        negated = True
    return rank, score, cues, negated


def attributed_score(score: float, attribution: dict) -> float:
    """The score once the attribution is weighed: a source's word reads less than a fact, and
    unnamed reports or sources ("sources said", "reports say") read as hearsay."""
    kind = attribution.get("attribution_kind", "")
    if not kind:
        return min(score, QUOTED_SCORE) if attribution.get("quoted") else score
    cap = ATTRIBUTED_SCORE[kind]
    speaker = attribution.get("speaker", "")
    words = speaker.lower().split()
    vague = attribution.get("speaker_kind") == "vague" and speaker != UNNAMED
    if vague and words and _lemma(words[-1], "NNS") in HEARSAY_SOURCES:
        cap = HEARSAY_SCORE
    return min(score, cap)
