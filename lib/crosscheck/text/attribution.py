"""Attribution: who a claim is attributed to, by which cue, through which medium.

`attribute_segments(doc, segments, matches, state)` gives one dict of attribution columns per
segment (claim) of a parsed document, in order:

- a reporting verb (lemma in the `reporting_verbs` lexicon, speech or belief) whose subject is
  any noun phrase ("Residents have said that ...", "the bank confirmed the losses"), with the
  speaker before or after the verb ("..., said the minister"); the addressee of "tell" is never
  the speaker; participles ("..., saying ...", "adding ...") take the subject of their head verb;
  "X was quoted as saying" / "X quoted Y as saying" and "citing Y" add Y to `source_chain`;
- an attribution phrase (`attribution_phrases`: "according to X");
- a headline colon ("Mayor: water supply restored") in the first paragraph;
- pronoun sources ("it", "they", "he") resolved to the last compatible source or entity;
- direct quotes: every segment mostly inside a quotation that is attributed somewhere (the
  segment where it opens or closes) takes that speaker (`speaker_inherited`); a quotation runs
  until it closes, or to the end of its paragraph, and continues into the next paragraph when
  that paragraph opens with a quotation mark (the news convention for long quotes);
- a statement noun before a colon ("released a statement: ...", "His message was clear: ...",
  a cue-only "X issued a statement:" before a quotation); a reporting verb in a relative clause
  whose complement is most of the claim ("..., which the operator said was caused by ...");
  reporting verbs the small model tags as nouns in title-case headlines ("Coach Admits ...");
- "he said" right after a claim attributed to a person goes on with that speaker; a quotation
  opening right after a topic-only report ("she writes about her calling") is that source's.

Acts are no reports (lexicons non_content_objects, phrasal_acts, reporting_grammar and
statement_verbs): requests and deliberations with an infinitive ("asked her to stay",
"considering whether to"), "called for calm", refusals ("denied entry"), planned passives
("will be announced"), statement objects without content ("gave details about ..."), a leading
participle that is a small part of its claim.

`source_chain` lists the sources outermost first ("according to Reuters, citing officials" ->
[Reuters, officials]); `speaker` is the nearest (last) one. `attribution_kind` is "speech",
"belief" (the weaker kind: believes, expects, knows ...) or "".
"""

from __future__ import annotations

import re

from crosscheck.text import lexicon
from crosscheck.text.headline import headline_style, section_label
from crosscheck.text.nlp import _is_noun, _is_proper_noun, _lemma, lemma
from crosscheck.text.segmentation import is_stamp

# ---------------------------------------------------------------------------------------------
# Lexicons (crosscheck/data/lexicons/en/*.csv).
REPORTING = {e.entry: e.attrs for e in lexicon.load("reporting_verbs")}
PHRASE_RULES = lexicon.by_attr("attribution_phrases", "rule")
PHRASE_TEXTS = frozenset(PHRASE_RULES)
NON_CONTENT = {}  # cue lemma (or phrase, or "*") -> objects that make it a plain act
for _e in lexicon.load("non_content_objects"):
    NON_CONTENT.setdefault(_e.attrs["cue"], set()).add(_e.entry)
BELIEF_ADJECTIVES = lexicon.words("belief_adjectives")
CUE_NOUNS = lexicon.by_attr("reporting_nouns", "kind")
_GRAMMAR = lexicon.by_attr("reporting_grammar", "role")
PLAN_AUX = frozenset(w for w, role in _GRAMMAR.items() if role == "plan")
ADVERBIAL_MARKS = frozenset(w for w, role in _GRAMMAR.items() if role == "adverbial")
ACT_INFINITIVE = frozenset(w for w, role in _GRAMMAR.items() if role == "act")
MODAL_PASSIVES = frozenset(w for w, role in _GRAMMAR.items() if role == "modal_passive")


def _nouns(kind: str) -> frozenset[str]:
    return frozenset(e.entry for e in lexicon.load("source_nouns") if e.attrs["kind"] == kind)


REPORT_NOUNS = _nouns("report")
VAGUE_NOUNS = _nouns("vague") | REPORT_NOUNS
ORG_NOUNS = _nouns("organisation")
MEDIUM_NOUNS = _nouns("medium")
ROLE_NOUNS = _nouns("role")
SOURCE_NOUNS = REPORT_NOUNS | VAGUE_NOUNS | ORG_NOUNS | ROLE_NOUNS
EVIDENCE_NOUNS = _nouns("evidence") | REPORT_NOUNS  # subjects of "show" ("polls show that")
_STATEMENT_VERBS = lexicon.by_attr("statement_verbs", "role")
PROVIDE_VERBS = frozenset(w for w, role in _STATEMENT_VERBS.items() if role == "provide")
PUBLISH_VERBS = frozenset(w for w, role in _STATEMENT_VERBS.items() if role == "publish")
ISSUE_VERBS = frozenset(w for w, role in _STATEMENT_VERBS.items() if role == "issue")
TOPIC_VERBS = frozenset(w for w, role in _STATEMENT_VERBS.items() if role == "topic")
PROVIDE_OBJECTS = lexicon.words("statement_objects")
DIRECT_PREDICATE = frozenset(w for w, role in _GRAMMAR.items() if role == "direct_predicate")
AS_ADVERBIALS = frozenset(w for w, role in _GRAMMAR.items() if role == "as_adverbial")
PHRASAL_ACTS = frozenset((e.entry, e.attrs["particle"]) for e in lexicon.load("phrasal_acts"))
# Pronoun -> the kinds of earlier source it can stand for (lexicon pronoun_sources).
_PRONOUN_ENTRIES = lexicon.load("pronoun_sources")
PRONOUNS = {
    e.entry: tuple(e.attrs["kinds"].split())
    for e in _PRONOUN_ENTRIES
    if e.attrs["subject"] == e.entry
}
POSSESSIVES = {
    e.entry: e.attrs["subject"] for e in _PRONOUN_ENTRIES if e.attrs["subject"] != e.entry
}
FIRST_PERSON = frozenset(e.entry for e in _PRONOUN_ENTRIES if e.attrs["person"] == "first")
VAGUE_QUANTIFIERS = lexicon.words("quantifier_sources")
NOT_SOURCES = lexicon.words("non_sources")
NEGATION_CUES = lexicon.words("negation_cues")
WEAK_SOURCE_LABELS = frozenset("GPE LOC FAC NORP ARMED_FORCE".split())
PRONOUN_LABELS = frozenset("PERSON ORG OUTLET".split())
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
UNNAMED = "unnamed source"  # the speaker of an agentless passive ("is said to", "is believed to")
QUOTE_MARKS = '"“”«»„'
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
CLAUSE_DEPS = ("ccomp", "parataxis", "xcomp")
SUBORDINATE_DEPS = frozenset("advcl relcl acl pcomp pobj csubj amod".split())
MAX_DEPTH = 1  # a reporting verb deeper below the claim's root reports only a part of it


# ---------------------------------------------------------------------------------------------
# Sources.
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


def _resolve_pronoun(lower: str, state):
    """The last source (or, failing that, entity) of a kind the pronoun can stand for."""
    kinds = PRONOUNS[lower]
    for mention in reversed(state.mentions):
        if mention[1] in kinds:
            return mention
    return None


def _source(tok, state):
    """(speaker, kind, role, inherited) for a subject/agent token, or None if not a source."""
    lower = tok.lower_
    if lower in PRONOUNS and lower not in FIRST_PERSON:
        for ent in reversed(state.segment_ents):  # a name earlier in the same claim
            if ent.end <= tok.i and LABEL_KIND[ent.label_] in PRONOUNS[lower]:
                return _entity_mention(ent) + (True,)
    if lower in NOT_SOURCES or tok.is_punct or tok.like_num:
        return None
    if lower in FIRST_PERSON:
        return tok.text, "person" if lower == "i" else "vague", "", False  # see _first_person
    if lower in PRONOUNS:
        recent = state.recent_speaker
        if recent is not None and recent[1] in PRONOUNS[lower]:
            return (*recent, True)  # "X said ... Y ... . He said ...": X goes on speaking
        found = _resolve_pronoun(lower, state)
        if found is not None:
            return (*found, True)
        return tok.text, PRONOUNS[lower][0] if lower != "it" else "vague", "", False
    if tok.tag_ == "PRP":
        return None
    if lower in VAGUE_QUANTIFIERS and tok.dep_ == "nsubj":
        return tok.text, "vague", "", False  # "some say", "many believe"
    head = lemma(tok)
    if head in REPORT_NOUNS:
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
        if last[1] in ("organisation", "outlet") and head in ORG_NOUNS:
            if head in last[0].lower() or head in last[2].lower():
                return (*last, True)  # "the ministry said" after "the Defence Ministry"
    if head in ROLE_NOUNS and tok.ent_type_ != "PERSON":
        definite = any(
            c.dep_ == "poss" or c.lower_ in ("the", "this") or _is_proper_noun(c) for c in tok.lefts
        )  # "the minister", "Ukraine's minister", "Donetsk adviser"
        kind = "person" if definite else "vague"
        return _noun_phrase(tok, use_entity=False), kind, _role(tok), False
    if tok.ent_type_ in LABEL_KIND:
        kind = LABEL_KIND[tok.ent_type_]
        if tok.ent_type_ == "OUTLET" and head in VAGUE_NOUNS:
            kind = "vague"
        return _noun_phrase(tok), kind, _role(tok), False
    if head in ORG_NOUNS:
        return _noun_phrase(tok), "organisation", _role(tok), False
    if _is_proper_noun(tok):
        return _noun_phrase(tok), "person", _role(tok), False
    if _is_noun(tok):  # any noun phrase: "residents", "the bank", "a memo"
        return _noun_phrase(tok), "vague", _role(tok), False
    if _nominal_adjective(tok):  # "..., said the 29-year-old"
        text = tok.doc[tok.left_edge.i : tok.i + 1].text
        return text.removeprefix("the ").removeprefix("The "), "person", _role(tok), False
    return None


# ---------------------------------------------------------------------------------------------
# Cues.
def _depth(tok, a: int, b: int, limit: int = 12) -> int:
    """Steps from `tok` up to the root of the claim doc[a:b]."""
    depth = 0
    while tok.head.i != tok.i and a <= tok.head.i < b and depth < limit:
        tok, depth = tok.head, depth + 1
    return depth


def _inverted_subject(verb):
    """The speaker after the verb in "..., says X" / "..., said the minister" (headlines). A
    parse that hangs the speaker as an object only counts for a reporting verb with no subject
    before it (see _source_like): in "Apple releases a kit, announces an update" or "X, holding
    a knife" or "X, a publicist, confirmed her death" the object is what is acted on."""
    if verb.i == 0 or verb.doc[verb.i - 1].text not in (",", "”", "’", '"', "'", "—"):
        return None
    if any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    for child in verb.rights:
        nominal = _is_noun(child) or _is_proper_noun(child) or _nominal_adjective(child)
        if not nominal:
            continue
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
        if child.dep_ in ("dobj", "attr", "npadvmod") and _source_like(verb):
            return child
    return None


def _source_like(verb) -> bool:
    """A reporting verb whose object may be a misparsed inverted speaker ('asked one shopkeeper'):
    not 'told' (its object is the addressee), not a participle ('holding a knife'), not a
    conjunct sharing its head's subject ('releases a kit, announces an update')."""
    lem = lemma(verb)
    return lem in REPORTING and lem != "tell" and verb.tag_ != "VBG" and verb.dep_ != "conj"


def _nominal_adjective(tok) -> bool:
    """'the 29-year-old', 'the injured', 'the accused': an adjective (or participle) with a
    determiner used as the subject noun phrase."""
    if tok.tag_ not in ("JJ", "JJS", "VBN") or tok.dep_ != "nsubj":
        return False
    return any(c.dep_ == "det" for c in tok.lefts)


def _subject(verb):
    """The grammatical source of a reporting verb: subject, agent, or inverted subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent") and not c.is_punct]
    nearest = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)  # of misparsed pairs
    subj = _inverted_subject(verb) or nearest
    if subj is not None and subj.dep_ == "agent":
        subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
    return subj if subj is not None else _stranded_speaker(verb)


def _stranded_speaker(verb):
    """'..., Jane Roe, a spokeswoman for the firm, said.': a name set off by commas right before
    a subjectless trailing verb, which the parse hung on the content (as a conjunct)."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or verb.dep_ not in ("ROOT", "parataxis"):
        return None
    for ent in reversed(doc.ents):
        if ent.end >= verb.i or ent.start < verb.sent.start:
            continue
        if ent.label_ != "PERSON":
            continue  # an organisation inside the apposition ("at Microsoft")
        if ent.start == 0 or doc[ent.start - 1].text != ",":
            return None
        between = doc[ent.end : verb.i]  # "," or ", a spokeswoman for the firm,"
        if between[0].text != "," or any(
            t.dep_
            not in (
                "appos",
                "punct",
                "prep",
                "pobj",
                "compound",
                "det",
                "amod",
                "poss",
                "case",
                "nmod",
                "cc",
                "conj",
            )
            for t in between
        ):
            return None
        return ent.root
    return None


def _medium(verb) -> str:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "to", "on", "during", "via", "at"):
            if any(g.dep_ == "pobj" and lemma(g) in MEDIUM_NOUNS for g in child.children):
                return verb.doc[child.i : child.right_edge.i + 1].text
        if lemma(verb) == "tell" and child.dep_ in ("dative", "dobj"):
            return _noun_phrase(child)
    return ""


def _quoted_as_saying(verb, state):
    """For "say" under "quoted ... as saying": [(quoting source), quoted source] tokens."""
    prep = verb.head
    if prep.lower_ != "as" or lemma(prep.head) != "quote":
        return None
    quote = prep.head
    quoted = next((c for c in quote.children if c.dep_ in ("dobj", "nsubjpass")), None)
    outer = next((c for c in quote.children if c.dep_ == "nsubj"), None)
    return outer, quoted


def _non_content(cue: str, obj) -> bool:
    """'said goodbye', 'claimed the title', 'according to plan': the object is no content."""
    words = {obj.lower_}
    if obj.tag_.startswith("NN"):  # also read as a plural: the tagger calls "goodbyes" NN
        words |= {lemma(obj).lower(), _lemma(obj.lower_, "NNS")}
    blocked = NON_CONTENT.get(cue, set()) | NON_CONTENT["*"]
    return not words.isdisjoint(blocked)


def _plain_act(cue: str, verb, obj) -> bool:
    """The object, or the object of a preposition on the verb ('reported for duty'), is no
    content."""
    if obj is not None and _non_content(cue, obj):
        return True
    for prep in verb.children:
        if prep.dep_ == "prep":
            if any(g.dep_ == "pobj" and _non_content(cue, g) for g in prep.children):
                return True
    return False


def _content_size(verb) -> int:
    """Tokens of the verb's complement or object (what it reports)."""
    return sum(
        c.right_edge.i - c.left_edge.i + 1
        for c in verb.children
        if c.dep_ in ("dobj", *CLAUSE_DEPS)
    )


def _planned(verb) -> bool:
    """'will announce', 'plans to announce', 'is due to testify': a speech act to come."""
    if any(c.dep_ == "aux" and c.lower_ in PLAN_AUX for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and lemma(head) not in REPORTING


def _complement(clause) -> bool:
    """A clausal child that is content: not an adverbial clause misparsed as a complement after
    the verb ('said a prayer before the vigil began'; content before a trailing cue always
    counts), not the act of 'agreed to pay' / 'asked not to be named'."""
    if clause.dep_ not in CLAUSE_DEPS:
        return False
    head = clause.head
    infinitive = any(c.tag_ == "TO" for c in clause.children)
    if lemma(head) in ACT_INFINITIVE and infinitive:
        return False  # "agreed to pay", "asked her to stay": an act, not content
    if infinitive and any(c.lower_ == "whether" for c in clause.children):
        return False  # "is considering whether to sue": a deliberation
    if REPORTING.get(lemma(head), {}).get("strength") == "as" and clause.tag_ == "VBG":
        return False  # "had considered signing him": an option weighed
    if clause.i < head.i:
        return True
    if _small_clause(clause) or _subjectless_finite(clause):
        return False
    return not any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in clause.children)


def _small_clause(clause) -> bool:
    """'declared polar bears a threatened species', 'declared the contract void': a verbless
    predicate after a verb that needs a clause is a performative act (a status given), no
    reported content. A core verb ('said Monday the man ...', a misparse) is left alone."""
    if clause.tag_.startswith("VB") or clause.tag_ == "MD":
        return False
    if any(c.dep_ == "mark" for c in clause.children):
        return False  # 'that "listed workarounds ..."': a clause the parse headed by a noun
    if any(t.text in QUOTE_MARKS for t in clause.subtree):
        return False
    return REPORTING.get(lemma(clause.head), {}).get("strength") != "core"


def _subjectless_finite(clause) -> bool:
    """'The rules announced Thursday would allow ...': a finite clause with no subject of its own
    after the verb is no complement but the sentence's own predicate (the verb is a reduced
    relative the parse read as the root). A relative clause ('which officials said would ...')
    extracts its subject and is exempt."""
    if clause.dep_ != "ccomp" or clause.head.dep_ in ("relcl", "acl"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in clause.children):
        return False
    finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in clause.children
    )
    return finite and not any(c.text in QUOTE_MARKS or c.text == ":" for c in clause.head.rights)


def _noun_use(verb) -> bool:
    """'Storm warning: ...' (a gerund with a subject and no auxiliary is a noun compound) and
    'Driver Charged' / 'driver charged' in a headline (a headline participle is passive: its
    subject is no speaker; a truecased headline reads it as a past tense that ends its clause)."""
    if verb.tag_ not in ("VBG", "VBN", "VBD"):
        return False
    if verb.tag_ in ("VBN", "VBD") and not _headline_participle(verb):
        return False  # a past tense read as a participle ("..., the agency reported.")
    has_subj = any(c.dep_ == "nsubj" for c in verb.children)
    return has_subj and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _headline_participle(verb) -> bool:
    """A title-cased participle, or a past form closing its clause in a headline-style line."""
    if verb.tag_ == "VBN" and verb.is_title:
        return True
    if any(not (c.is_punct or c.is_space) for c in verb.rights):
        return False  # (the paragraph break after a headline is no word after the verb)
    return headline_style(verb.sent.text).headline


def _question(verb) -> bool:
    """'Did the minister say that ...?': an auxiliary before the subject asks, reports nothing."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and any(c.dep_ == "aux" and c.i < subj.i for c in verb.children)


def _has_content(verb) -> bool:
    """The verb reports content: a clause, a quote next to it, or it is a parenthetical."""
    if any(_complement(c) for c in verb.children):
        return True
    # a request or commitment ('asked X to ...') after a comma reports nothing by that comma
    comma = lemma(verb) not in ACT_INFINITIVE
    return verb.dep_ == "parataxis" or (verb.dep_ == "ROOT" and _beside_quote(verb, comma))


def _bare_cue(verb) -> bool:
    """A strong reporting verb without a parsed complement still reports ('Police said on
    Monday.', 'He said: ...', a that-clause the parse hung elsewhere), except when it only has
    an addressee and nothing follows to report ('told reporters about the arrest')."""
    if any(c.dep_ in CLAUSE_DEPS and not _complement(c) for c in verb.children):
        return False  # its clause is adverbial ('said a prayer before the vigil began')
    if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return True
    if _introduces_quote(verb) or _trailing(verb):
        return True
    after = verb.doc[verb.i + 1 : verb.sent.end]
    return any(t.lower_ == "that" or t.text in QUOTE_MARKS or t.text == ":" for t in after)


def _trailing(verb) -> bool:
    """'..., an officer told the paper.': the report closes the sentence after a comma."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.left_edge.i == 0:
        return False
    before = verb.doc[subj.left_edge.i - 1].text
    rest = verb.doc[verb.right_edge.i + 1 : verb.sent.end]
    return before in (",", *QUOTE_MARKS) and all(t.is_punct or t.is_space for t in rest)


def _beside_quote(verb, comma: bool = True) -> bool:
    """A quotation mark within three tokens of the verb (or, with `comma`, a comma before it)."""
    doc, sent = verb.doc, verb.sent
    # a quotation mark of the sentence before or after counts only for a cue-only sentence
    # ('"...?" | The coach asked.'), not for 'this." | Police responded and surrounded ...'
    rest = doc[verb.i + 1 : sent.end]
    cue_only = all(t.is_punct or t.is_space for t in rest)
    lo, hi = (0, len(doc)) if cue_only else (sent.start, sent.end)
    window = doc[max(verb.i - 3, lo) : min(verb.i + 4, hi)].text
    if any(q in window for q in QUOTE_MARKS):
        return True
    return comma and verb.i > 0 and doc[verb.i - 1].text == ","


def _introduces_quote(verb) -> bool:
    """'... he said, "We will ...' (a parse may hang such a verb under a noun): a quotation mark
    opens right after the verb and no subordinator ('after', 'although') introduces it."""
    doc = verb.doc
    after = doc[verb.i + 1 : verb.i + 3].text
    has_mark = any(c.dep_ == "mark" for c in verb.children)
    return not has_mark and any(q in after for q in '"“')


def _predicative(verb) -> bool:
    """'called the verdict fair', 'described the day as a turning point'."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    takes_as = lemma(verb) not in DIRECT_PREDICATE  # "called him as a witness" summons
    return any(c.dep_ in ("oprd", "xcomp") or takes_as and _as_phrase(c) for c in verb.children)


def _as_phrase(tok) -> bool:
    """'as a turning point', 'as unacceptable': "as" with a noun or adjective phrase, not an
    adverbial idiom ("as usual", "as well"; reporting_grammar role as_adverbial)."""
    if tok.lower_ != "as":
        return False
    parts = [c for c in tok.children if c.dep_ in ("pobj", "pcomp", "acomp", "amod", "advmod")]
    return any(c.lower_ not in AS_ADVERBIALS for c in parts)


def _that_clause(verb) -> bool:
    return any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in verb.children
    )


def _agentless_passive(verb, entry: dict) -> bool:
    """'is said to be', 'is expected to', 'it was announced that', 'the deaths were confirmed'
    with no agent named. Not perception or discovery ("was found", "was felt"); "as" verbs only
    with "as" ("was described as"; "a town called X" names); other verbs only with a clause
    ("was charged with theft", "was admitted to hospital" report nothing); a predicate is a
    state ("were reported missing")."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if entry["strength"] == "that" or any(c.dep_ == "agent" for c in verb.children):
        return False
    if _planned(verb):
        return False  # "the date will be announced on Monday": speech to come
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children):
        return False  # "is suspected of having directed ...": a hedge, as "is accused of"
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "expl")), None)
    if subj is None:
        return False  # "... until next of kin are notified": a subjectless passive is a misparse
    if any(t.tag_ in ("WDT", "WP", "WP$") and _relative_of(t, subj) for t in subj.subtree):
        return False  # "the larger of which was described as": a relative clause, a part only
    if lemma(verb) in MODAL_PASSIVES and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "was supposed to transform": an idiom of intention or duty
    if entry["strength"] == "as":
        return any(c.lower_ == "as" for c in verb.children)
    if any(c.dep_ in ("oprd", "acomp") for c in verb.children):
        return False
    if any(_complement(c) and c.dep_ != "parataxis" for c in verb.children):
        return True
    return entry["np_content"] == "yes"  # "the deaths were confirmed", "a rally is expected"


def _relative_of(wh, subj) -> bool:
    """The relative word `wh` belongs to the clause of `subj` ("the larger of which"), not to a
    relative clause inside the subject ("ships that were targeted")."""
    tok = wh
    while tok.i != subj.i:
        if tok.dep_ in ("relcl", "acl") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _verb_candidate(verb, a: int, b: int, state):
    """(depth, chain, speaker info, cue, kind, strong, medium) for a reporting verb, or None."""
    lem = lemma(verb)
    entry = REPORTING.get(lem)
    provide = lem in PROVIDE_VERBS
    if entry is None and not provide:
        return None
    if any(c.dep_ == "neg" for c in verb.children) and lem != "deny":
        return None  # "declined to say", "did not say whether" give no content
    if _question(verb) or _noun_use(verb):
        return None
    main_relative = verb.dep_ == "relcl" and _content_share(verb, a, b) > 0.5
    if verb.dep_ in SUBORDINATE_DEPS and verb.tag_ != "VBG" and not _introduces_quote(verb):
        if not main_relative:
            return None  # "after the bank said that ...", "which officials said": a part only
    if lem in REPORTING and _phrasal_act(verb):
        return None  # "called for calm", "called off the match"
    chain, anchor = [], verb  # anchor: the token whose depth counts
    subj = _subject(verb)
    if subj is None and entry is not None and _agentless_passive(verb, entry):
        depth = _depth(verb, a, b)
        if depth and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return None  # a bare passive ("was reported") reports its whole claim only as root
        return depth, [(UNNAMED, "vague", "", False)], verb.text.lower(), entry["kind"], False, ""
    if lem == "say" and verb.tag_ == "VBG":
        pair = _quoted_as_saying(verb, state)
        if pair is not None:
            outer, subj = pair
            anchor = verb.head.head  # the quoting verb
            if outer is not None:
                found = _source(outer, state)
                if found:
                    chain.append(found)
    leading = verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i < verb.head.i
    if leading and _content_share(verb, a, b, whole=True) <= 0.5:
        return None  # "Denying he was a gangster, he would wander ...": a part only
    if subj is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp"):
        subj = _subject(verb.head)  # "..., saying ..." / "adding ..." take the head's subject
    if subj is None and verb.dep_ == "conj" and verb.head.tag_.startswith("VB"):
        if 3 * _content_size(verb) < b - a:
            return None  # "... and said a word": the conjunct is a small part of the claim
        subj = _subject(verb.head)  # "She declined to comment but said ...": a shared subject
    if subj is None and verb.tag_ == "VBG" and verb.dep_ == "acl" and _document_noun(verb.head):
        anchor, subj = _document_source(verb.head)  # "issued a statement saying ..."
        if anchor.dep_ in SUBORDINATE_DEPS:
            return None  # "after X issued a report saying ...": a part only
    if subj is None:
        return None
    if main_relative and subj.lower_ in NOT_SOURCES and verb.head.tag_.startswith("NN"):
        subj = verb.head  # "The firm, which said that ...": the relative pronoun's antecedent
    if entry is not None and entry["strength"] == "evidence" and not _evidence(subj):
        return None  # "this shows that ...": the reporter's inference
    found = _source(subj, state)
    if found is None:
        return None
    has_clause = _has_content(verb)
    medium = _medium(verb)
    if provide:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or lemma(obj) not in PROVIDE_OBJECTS or not _stated(obj, verb):
            return None  # "gave details about the crash": a topic, no content
        strong, kind = True, "speech"
    else:
        kind = entry["kind"]
        strong = entry["strength"] == "core"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None and any(c.dep_ == "agent" for c in verb.children):
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        planned = _planned(verb)
        plain_act = _plain_act(lem, verb, obj)
        addressee = lem == "tell"  # the object of "told" is whom, not what
        np_content = obj is not None and (entry["np_content"] == "yes" or bool(medium))
        np_content = np_content and not addressee and lem not in ACT_INFINITIVE
        np_content = np_content and not (planned or plain_act)
        predicative = entry["strength"] == "as" and _predicative(verb)
        bare = strong and kind == "speech" and not planned and (obj is None or addressee)
        if plain_act and not has_clause:
            return None
        if not (has_clause or np_content or predicative or (bare and _bare_cue(verb))):
            return None
        if entry["strength"] == "that" and not _that_clause(verb):
            return None
        if entry["strength"] == "as" and not (has_clause or predicative):
            return None
        if not (strong or has_clause) and subj.ent_type_ in WEAK_SOURCE_LABELS:
            return None
    if lem in PUBLISH_VERBS and not (has_clause or medium):
        return None  # "Ford posts profits" is no statement
    depth = _depth(anchor, a, b)
    if depth > MAX_DEPTH and _beside_quote(verb, comma=False):
        depth = MAX_DEPTH  # "Regarding X, he said, "..." (the parse hangs the verb low)
    if verb.dep_ == "parataxis" or main_relative:
        depth = 0  # a parenthetical "he claimed" reports the whole sentence
    elif verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ not in SUBORDINATE_DEPS:
        depth = max(depth - 1, 0)  # the participle reports its own clause (not inside "after ...")
    return depth, [*chain, found], verb.text.lower(), kind, strong and kind == "speech", medium


def _evidence(tok) -> bool:
    """'polls', 'Records' (a capitalised plural is tagged NNPS): a document or finding."""
    return lemma(tok) in EVIDENCE_NOUNS or _lemma(tok.lower_, "NNS") in EVIDENCE_NOUNS


def _content_share(verb, a: int, b: int, whole: bool = False) -> float:
    """Share of the claim doc[a:b] (in characters) taken by the verb's clausal complements
    ("..., which it said was caused by a cable fault"), or with `whole` by the verb's subtree."""
    doc = verb.doc
    if whole:
        size = len(doc[verb.left_edge.i : verb.right_edge.i + 1].text)
    else:  # a complement after the verb starts after it ("which officials said had been ...")
        parts = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
        spans = [
            (c.left_edge.i if c.i < verb.i else max(c.left_edge.i, verb.i + 1), c.right_edge.i + 1)
            for c in parts
        ]
        size = sum(len(doc[start:end].text) for start, end in spans)
    return size / max(len(doc[a:b].text), 1)


def _phrasal_act(verb) -> bool:
    """'called for calm', 'a strike called for May 5', 'called off': an act unless a that-clause
    follows (lexicon phrasal_acts; the particle right after the verb)."""
    lem = lemma(verb)
    # right after the verb: "called for calm", not "called the deal vital for Europe"
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt") and c.i == verb.i + 1}
    return any((lem, p) in PHRASAL_ACTS for p in particles) and not _that_clause(verb)


def _stated(obj, verb) -> bool:
    """A statement object carries content: a clause on it or on the verb, a clause with a
    subject of its own inside it ("details about the region, where a strike destroyed a
    bridge"; not an indirect question: "details about what happened"), or a colon after it
    ("provided details: ...", "gave an update saying ...")."""
    if any(c.dep_ in ("acl", "relcl", "ccomp") and c.tag_.startswith("VB") for c in obj.children):
        return True
    for tok in obj.subtree:
        if tok.dep_ in ("relcl", "acl", "ccomp") and tok.tag_.startswith("VB"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in NOT_SOURCES and subj.tag_ != "WP":
                return True
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    nxt = obj.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(obj.doc) else None
    return nxt is not None and nxt.text == ":"


def _document_noun(tok) -> bool:
    """'a statement', 'a letter', 'a post': a document that can say something."""
    return lemma(tok) in REPORT_NOUNS or lemma(tok) in MEDIUM_NOUNS


def _document_source(noun):
    """(anchor, source token) for "X issued a statement saying ...": the subject of the verb
    that has the document as its object, else the document itself ("a letter saying ... was
    read out")."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.tag_.startswith("VB"):
        subj = _subject(verb)
        if subj is not None:
            return verb, subj
    return noun, noun


def _adjective_candidate(adj, a: int, b: int, state):
    """'Officials are confident that ...': a belief adjective on a copula, with a clause."""
    copula = adj.head
    if adj.dep_ != "acomp" or copula is adj or any(c.dep_ == "neg" for c in copula.children):
        return None
    if not any(_complement(c) and c.dep_ == "ccomp" for c in (*adj.children, *copula.children)):
        return None
    subj = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    found = _source(subj, state) if subj is not None else None
    if found is None:
        return None
    return _depth(copula, a, b), [found], adj.text.lower(), "belief", False, ""


def _noun_candidate(noun, a: int, b: int, state):
    """'Police issued a warning that the suspect may be armed', 'his claim that ... (is most of
    the claim)': a reporting noun whose 'that' clause is most of the claim, with a source."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    doc = noun.doc
    span = doc[clause.left_edge.i : clause.right_edge.i + 1]
    if 2 * len(span.text) <= len(doc[a:b].text):
        return None  # the content is a part of the claim only
    subj = next((c for c in noun.children if c.dep_ == "poss"), None)
    for prep in noun.children:
        if subj is None and prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            subj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if subj is None and noun.dep_ == "dobj" and noun.head.tag_.startswith("VB"):
        if any(c.dep_ == "neg" for c in noun.head.children):
            return None  # "did not issue a warning that ..."
        if noun.head.tag_ == "VBG" and not _utters(noun.head):
            return None  # "..., reflecting fears that ...": the clause's subject holds no fear
        subj = _subject(noun.head)
    if subj is not None and subj.lower_ in POSSESSIVES:
        found = _resolve_pronoun(POSSESSIVES[subj.lower_], state)  # "her claim that ..."
        found = (*found, True) if found is not None else (subj.text, "vague", "", False)
    else:
        found = _source(subj, state) if subj is not None else None
    if found is None:
        return None
    kind = CUE_NOUNS[lemma(noun)]
    return 0, [found], noun.text.lower(), kind, False, ""


def _utters(verb) -> bool:
    """A verb whose subject is the source of its reporting-noun object ("issued a warning")."""
    lem = lemma(verb)
    return lem in REPORTING or lem in ISSUE_VERBS or lem in PROVIDE_VERBS or lem in PUBLISH_VERBS


def _colon_candidate(doc, a: int, b: int, state):
    """'The company released a statement: the plant will reopen', 'His message was clear: ...':
    a statement noun before a colon whose continuation is a good part of the claim (or nothing:
    a cue-only line before a quotation, attributed as the guidelines have it); the source is its
    possessor, its 'by/from' object, a source noun compounded with it, or the subject of the
    verb that issues it."""
    colon = next((t.i for t in doc[a:b] if t.text == ":"), None)
    if colon is None or colon - a < 2:
        return None
    rest = doc[colon + 1 : b]
    cue_only = all(t.is_punct or t.is_space for t in rest)  # "X released a statement:" + quote
    if not cue_only and 3 * len(rest) < b - a:
        return None  # the frame before the colon is no content; what follows must be a clause
    if not cue_only and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
        return None
    nouns = [
        t
        for t in doc[a:colon]
        if t.tag_ in ("NN", "NNS")
        and _statement_noun(t)
        and t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT")  # not "director of a program"
    ]
    if not nouns:
        return None
    noun = nouns[-1]
    found = _noun_owner(noun, state)
    if found is None and noun.dep_ == "dobj" and _utters(noun.head):
        if any(c.dep_ == "neg" for c in noun.head.children):
            return None
        subj = _subject(noun.head)
        found = _source(subj, state) if subj is not None else None
    if found is None:
        return None
    return 0, [found], noun.text.lower(), "speech", False, ""


def _statement_noun(tok) -> bool:
    """'statement', 'message', 'warning', 'tweet': a noun whose content a colon can give."""
    lem = lemma(tok)
    return CUE_NOUNS.get(lem) == "speech" or lem in REPORT_NOUNS or lem in MEDIUM_NOUNS


def _noun_owner(noun, state):
    """The source named on a statement noun: 'his message', 'the message from the club',
    'the police statement'."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in POSSESSIVES:
                found = _resolve_pronoun(POSSESSIVES[child.lower_], state)
                return (*found, True) if found is not None else (child.text, "vague", "", False)
            return _source(child, state)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _source(pobj, state)
        if child.dep_ == "compound" and (
            child.ent_type_ in PRONOUN_LABELS or lemma(child) in SOURCE_NOUNS
        ):
            return _source(child, state)
    return None


def _citing(doc, a: int, b: int, state) -> list:
    """Sources cited inside the claim ("citing two senior officials")."""
    out = []
    for tok in doc[a:b]:
        if tok.tag_ == "VBG" and lemma(tok) == "cite":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            found = _source(obj, state) if obj is not None else None
            if found:
                out.append(found)
    return out


def _phrase_candidates(doc, a: int, b: int, matches, state) -> list:
    out = []
    for key, s, e in matches:
        if key != "ACCORDING" or e >= b:
            continue
        last = doc[e - 1]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = doc[e]
        if pobj.is_punct and pobj.i + 1 < b:
            pobj = doc[pobj.i + 1]  # 'according to "The Daily Courier"'
        if pobj.is_space or pobj.is_punct:
            continue
        text = doc[s:e].text.lower()
        if PHRASE_RULES[text] == "initial" and not _opens_claim(doc, s, a, pobj):
            continue
        named = [t for t in pobj.subtree if t.ent_type_ in PRONOUN_LABELS and t.i < pobj.i]
        if named and pobj.ent_type_ not in PRONOUN_LABELS:
            pobj = named[-1]  # "according to the firm's Jane Roe initial data shows" (a misparse)
        if _non_content(text, pobj):
            continue  # "according to plan"
        found = _source(pobj, state) or (_noun_phrase(pobj), "vague", _role(pobj), False)
        out.append((_depth(doc[s], a, b), [found], text, "speech", True, ""))
    return out


def _opens_claim(doc, s: int, a: int, pobj) -> bool:
    """'Per the sheriff, ...': the phrase opens the claim and a comma closes its source."""
    end = pobj.right_edge.i + 1
    return s == a and end < len(doc) and doc[end].text == ","


def _headline_candidate(doc, a: int, b: int, state):
    """'Mayor: water supply restored' in the first paragraph: a short verbless source, a colon,
    then a clause."""
    colon = next((t.i for t in doc[a : min(b, a + 6)] if t.text == ":"), None)
    if colon is None or colon == a or b - colon < 3:
        return None
    left = doc[a:colon]
    head = doc[colon - 1]
    if colon - a > 4 or any(t.like_num for t in left):
        return None
    if not _headline_source_label(left) or not _headline_statement(doc[colon + 1 : b]):
        return None  # "It's official: ...", "LATEST NEWS: ...", "Hey, X: Hire a driver!"
    if section_label(left.text):
        return None  # "Analysis: ...", "Exclusive: ...": a section label, never a speaker
    source_word = lemma(head) in SOURCE_NOUNS or head.lower_ in SOURCE_NOUNS
    if not (source_word or head.ent_type_ in ("PERSON", "ORG", "OUTLET")):
        return None  # "New Zealand: ..." is a dateline, "Results: ..." a label
    found = _source(head, state) if head.ent_type_ else None
    found = found or (left.text, "person" if head.ent_type_ == "PERSON" else "vague", "", False)
    return 0, [found], ":", "speech", True, ""


def _title_case(span) -> bool:
    """A short claim written in title case ("Coach Admits Team Played Poorly")."""
    words = [t for t in span if t.is_alpha]
    capital = sum(t.text[0].isupper() for t in words)
    return 3 <= len(words) <= 20 and capital >= 0.7 * len(words)


def _noun_tagged_cue(doc, a: int, b: int, state):
    """A reporting verb the small model tagged as a noun in a headline ("Coach Admits Team Played
    Poorly", "Official Warns Floods Could Get Worse"): a third-person or past form of a
    reporting verb (speech or belief, not 'as' or evidence verbs) after a noun, with a clause
    (a verb) after it; the words before it are the source."""
    for tok in doc[a + 1 : b - 2]:
        misparsed = tok.tag_.startswith("VB") and tok.dep_ in ("compound", "amod", "nmod")
        nominal = tok.tag_ in ("NN", "NNS", "NNP", "NNPS") or misparsed
        if not nominal or not tok.lower_.endswith(("s", "ed")):
            continue
        lem = _lemma(tok.lower_, "VBZ" if tok.lower_.endswith("s") else "VBD")
        entry = REPORTING.get(lem)
        if entry is None or entry["strength"] in ("as", "evidence") or lem == "tell":
            continue
        before, after = doc[a : tok.i], doc[tok.i + 1 : b]
        prev = doc[tok.i - 1]
        one_word = tok.i - 1 == a and prev.tag_ == "JJ"  # "Official Warns ..."
        if not (_is_noun(prev) or _is_proper_noun(prev) or one_word):
            continue
        if not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in after):
            continue
        if any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in before):
            continue  # the source is a bare noun phrase
        source = before.text.removeprefix("The ").removeprefix("the ")
        kind = "person" if any(t.ent_type_ == "PERSON" for t in before) else "vague"
        return 0, [(source, kind, "", False)], tok.lower_, entry["kind"], False, ""
    return None


def _headline_source_label(left) -> bool:
    """The part before a headline colon is a bare name or noun: no verb, no interjection, not an
    all-capitals kicker of several words ("LIKELY FOE:") unless it names a person."""
    if any(t.tag_.startswith("VB") or t.tag_ in ("MD", "UH", "PRP") for t in left):
        return False
    words = [t for t in left if not t.is_punct]
    caps = len(words) > 1 and all(t.is_upper for t in words)
    return not (caps and not any(t.ent_type_ == "PERSON" for t in words))


def _headline_statement(right) -> bool:
    """The part after a headline colon states something: not an imperative ("Hire a driver!"),
    not a verbless title or label opened by a determiner or preposition ("Obama: The Man Behind
    the Campaign", "Jane Roe: From waitress to chief executive"); "Minister: tax rise
    unavoidable" and a negation ("Spokesman: no deal yet"; lexicon negation_cues) still state."""
    first = next((t for t in right if not t.is_punct and not t.is_space), None)
    if first is None or first.tag_ == "VB" and first.dep_ == "ROOT":
        return False
    verbless = not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in right)
    label = first.tag_ in ("DT", "IN") and first.lower_ not in NEGATION_CUES
    return not (verbless and label)  # "X: The Man ...", "X: From A to B"


# ---------------------------------------------------------------------------------------------
# Quotations.
def quote_spans(text: str, para_bounds: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, group) character spans of direct quotations in `text`. Curly and angle
    quotes pair by direction, straight double quotes alternate; a quotation that does not close
    ends at its paragraph's end, or where the same opening mark opens a new sentence (a quote of
    several sentences left unclosed); groups link a paragraph-final open quote to a quotation
    that opens the next paragraph. Other nested quotation marks inside an open quote are
    skipped."""
    spans, group, prev_open_end = [], 0, False
    bounds = [*para_bounds, len(text)]
    for p0, p1 in zip(bounds, bounds[1:], strict=False):
        para = text[p0:p1]
        starts_with_quote = para.lstrip()[:1] in OPEN_QUOTES + '"'
        if not (prev_open_end and starts_with_quote):
            group += 1
        prev_open_end, opened, depth = False, None, 0
        orphans = para.count('"') % 2  # an odd count: one straight mark may have lost its pair
        for i, ch in enumerate(para):
            reopen = ch == "“" and opened is not None and para[opened] == "“" and not depth
            reopen = reopen and para[:i].rstrip()[-1:] in (".", "!", "?")  # after a sentence
            if reopen or (ch == '"' and opened is not None and not depth and _opens(para, i)):
                spans.append((p0 + opened, p0 + i, group))  # a fresh quote: the last one ended
                group += 1
                opened = None
            if ch == '"' and opened is None and orphans and _closes_only(para, i):
                orphans -= 1  # 'time," the rep said': a closing mark whose opening is elsewhere
                continue
            if ch in OPEN_QUOTES or (ch == '"' and opened is None):  # “ inside “ ... opens anew
                if opened is None:
                    opened = i
                elif ch != '"':
                    depth += 1
            elif ch in CLOSE_QUOTES or ch == '"':
                if opened is None:
                    continue  # a closing mark without an opening one
                if depth:
                    depth -= 1
                    continue
                spans.append((p0 + opened, p0 + i + 1, group))
                opened = None
                if i + 1 < len(para.rstrip()):
                    group += 1
        if opened is not None:
            spans.append((p0 + opened, p0 + len(para.rstrip()), group))
            prev_open_end = True
    return spans


def _closes_only(para: str, i: int) -> bool:
    """A straight quote at para[i] that can only close: glued to a comma or a sentence stop
    before it (',"', '."') and followed by a space and a lower-case word or by the end."""
    if i == 0 or para[i - 1] not in ",.!?":
        return False
    rest = para[i + 1 :]
    return not rest.strip() or (rest[:1].isspace() and rest.lstrip()[:1].islower())


def _opens(para: str, i: int) -> bool:
    """A straight quote at para[i] that can only open: at a line or sentence start, before a
    capital letter (`. "We`, `: "The`)."""
    before = para[:i].rstrip()
    after = para[i + 1 : i + 2]
    return (not before or before[-1] in ".:!?") and after.isupper()


def _inside(start: int, end: int, spans) -> int | None:
    """The group of the quotation covering most of [start, end), or None."""
    for s, e, group in spans:
        if min(end, e) - max(start, s) > (end - start) / 2:
            return group
    return None


def _overlaps(start: int, end: int, spans) -> set[int]:
    return {g for s, e, g in spans if s < end and start < e}


# ---------------------------------------------------------------------------------------------
# Per document.
def attribute_segments(doc, segments, matches_by_segment, state, paragraph_starts) -> list[dict]:
    """Attribution columns for each segment (a, b, para_break) of `doc` (see module doc)."""
    para_chars = [0] + [doc[i].idx for i in paragraph_starts]
    spans = quote_spans(doc.text, para_chars)
    # names inside a quotation are what a speaker talks about, not antecedents of "he said"
    ents = [
        e
        for e in doc.ents
        if e.label_ in LABEL_KIND and _inside(e.start_char, e.end_char, spans) is None
    ]
    rows, quoted, topics, ent_i = [], [], [], 0
    first_para_end = para_chars[1] if len(para_chars) > 1 else len(doc.text)
    for (a, b, _), matches in zip(segments, matches_by_segment, strict=True):
        while ent_i < len(ents) and ents[ent_i].start < a:
            _remember_entity(ents[ent_i], state)
            ent_i += 1
        state.segment_ents = [e for e in ents[ent_i:] if e.start < b and e.label_ in PRONOUN_LABELS]
        headline = doc[a].idx < first_para_end and state.paragraph_offset == 0
        row = _segment(doc, a, b, matches, state, headline)
        topics.append(None if row["attributed"] else _topic_speech(doc, a, b, state))
        state.recent_speaker = _recent(row)
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        quoted.append((_inside(start, end, spans), _overlaps(start, end, spans)))
        rows.append(row)
    rows = _share_sentence_cues(doc, segments, rows)
    rows = _continue_quotes(rows, quoted, topics)
    for row, (group, _) in zip(rows, quoted, strict=True):
        row["quoted"] = group is not None
    return rows


def _cue_token(doc, a: int, b: int, row):
    """The reporting verb of an attributed segment doc[a:b] (None for phrases, colons)."""
    for tok in doc[a:b]:
        if tok.lower_ == row["attribution_verb"] and lemma(tok) in REPORTING:
            return tok
    return None


def _share_sentence_cues(doc, segments, rows: list[dict]) -> list[dict]:
    """A cue reports every clause of its sentence that it governs: a clause cut off as its own
    segment ("A, but B, he said" -> "A" is reported too; "A, Owen said, B and C" -> "C" too)
    takes the attribution of the segment holding the cue when the clause reaches the cue
    through a complement, or is coordinated with a clause that has the cue as a parenthetical.
    A clause coordinated with the cue itself ("Police said A, and officers found B") does not."""
    owner = {}  # token index -> segment number
    for k, (a, b, _) in enumerate(segments):
        owner.update(dict.fromkeys(range(a, b), k))
    cues = {}
    for k, ((a, b, _), row) in enumerate(zip(segments, rows, strict=True)):
        if row["attributed"] and row["attribution_kind"] == "speech":
            tok = _cue_token(doc, a, b, row)
            if tok is not None:
                cues[tok.i] = k
    if not cues:
        return rows
    out = list(rows)
    for k, (a, b, _) in enumerate(segments):
        if rows[k]["attributed"] or is_stamp(doc[a:b]):
            continue  # a publication stamp cut off the sentence is no reported clause
        source = _governing_cue(doc, a, b, owner, cues)
        if source is not None and owner.get(source) != k:
            out[k] = {**rows[cues[source]], "speaker_inherited": True}
    return out


def _governing_cue(doc, a: int, b: int, owner, cues):
    """Token index of a cue (in `cues`) in the same sentence that governs doc[a:b], or None."""
    tops = [
        t
        for t in doc[a:b]
        if (not a <= t.head.i < b or t.head.i == t.i) and t.dep_ not in ("cc", "punct")
    ]
    if len(tops) != 1:
        return None
    tok = tops[0]
    for c in tok.children:  # "A, but B, he said" parsed with "said" as a conjunct of A
        if c.i in cues and c.dep_ == "conj" and _closes_sentence(c):
            return c.i
    for _ in range(3):
        head = tok.head
        if head.i == tok.i or head.i not in owner or head.sent.start != tok.sent.start:
            return None
        if head.i in cues:
            return head.i if tok.dep_ in ("ccomp", "parataxis") else None
        parenthetical = [c.i for c in head.children if c.i in cues and c.dep_ == "parataxis"]
        if tok.dep_ == "conj" and parenthetical:
            return parenthetical[0]
        tok = head
    return None


def _closes_sentence(verb) -> bool:
    """'..., he said.': the verb and its subject end the sentence after a comma."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.left_edge.i == 0:
        return False
    doc = verb.doc
    rest = doc[verb.right_edge.i + 1 : verb.sent.end]
    return doc[subj.left_edge.i - 1].text == "," and all(t.is_punct for t in rest)


def _first_person(row) -> bool:
    return row["attributed"] and row["speaker"].lower() in FIRST_PERSON


def _continue_quotes(rows: list[dict], quoted: list, topics: list) -> list[dict]:
    """Quoted segments without a cue of their own take the speaker of their quotation (found
    where it opens or closes) or, when the previous segment was a quote attributed by speech or a
    report by a named source, that speaker; "I"/"we" as a source inside a quotation is the
    quoted speaker, and outside any quotation (the writer's own "I think") no attribution. A
    quotation that opens right after a sentence where a source speaks or writes about a topic
    ("In her profile, she writes about her calling. "I knew ...") is that source's."""
    by_group = {}
    for row, (_, groups) in zip(rows, quoted, strict=True):
        if row["attributed"] and row["attribution_kind"] == "speech" and not _first_person(row):
            for g in groups:
                by_group.setdefault(g, row)
    previous = None  # the last segment attributed to a direct quote
    for k, (row, (group, groups)) in enumerate(zip(rows, quoted, strict=True)):
        own = row["attributed"] and not _first_person(row)
        if not own and group is not None:
            src = by_group.get(group, previous)
            if src is None and k and topics[k - 1] is not None and group not in quoted[k - 1][1]:
                src = topics[k - 1]
            if src is not None:
                rows[k] = {**src, "attribution_verb": '"', "speaker_inherited": True}
            elif _first_person(row):
                rows[k] = _unattributed()
        elif _first_person(row):
            rows[k] = _unattributed()
        speech = rows[k]["attributed"] and rows[k]["attribution_kind"] == "speech"
        named = rows[k]["speaker"] != UNNAMED
        # a quotation right after a report by a named source is that source's ("X denied the
        # reports. "Talks have gone well," ..."): the report need not be quoted itself
        previous = rows[k] if speech and (groups or named) else None
    return rows


def _recent(row):
    """(speaker, kind, role) of an attributed segment with a named speaker, else None."""
    if not row["attributed"] or row["speaker"] == UNNAMED or _first_person(row):
        return None
    return row["speaker"], row["speaker_kind"], row["speaker_role"]


def _topic_speech(doc, a: int, b: int, state):
    """An attributed row for the source of a speech verb that names only a topic ("writes about
    her calling", "spoke of the war"), for a quotation that follows it; else None."""
    for verb in doc[a:b]:
        lem = lemma(verb) if verb.tag_.startswith("VB") else ""
        speech = lem in TOPIC_VERBS or REPORTING.get(lem, {}).get("kind") == "speech"
        if not speech or _planned(verb) or _question(verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ in SUBORDINATE_DEPS:
            continue
        if not any(c.dep_ == "prep" and c.lower_ in ("about", "of", "on") for c in verb.children):
            continue
        subj = _subject(verb)
        found = _source(subj, state) if subj is not None else None
        if found is not None and found[0].lower() not in FIRST_PERSON:
            return {
                **_unattributed(),
                "speaker": found[0],
                "speaker_kind": found[1],
                "speaker_role": found[2],
                "attribution_verb": '"',
                "attributed": True,
                "speaker_inherited": True,
                "attribution_kind": "speech",
                "attribution_strong": True,
                "source_chain": [found[0]],
            }
    return None


def _entity_mention(ent) -> tuple[str, str, str]:
    return ent.text.removeprefix("the ").removeprefix("The "), LABEL_KIND[ent.label_], ""


def _remember_entity(ent, state) -> None:
    if ent.label_ in ("PERSON", "ORG", "OUTLET"):
        state.mentions.append(_entity_mention(ent))


def _segment(doc, a: int, b: int, matches, state, headline: bool) -> dict:
    cands = _phrase_candidates(doc, a, b, matches, state)
    for tok in doc[a:b]:
        if tok.tag_.startswith("VB"):
            cand = _verb_candidate(tok, a, b, state)
            if cand is not None:
                cands.append(cand)
        elif tok.lower_ in BELIEF_ADJECTIVES:
            cand = _adjective_candidate(tok, a, b, state)
            if cand is not None:
                cands.append(cand)
        elif tok.tag_ in ("NN", "NNS") and lemma(tok) in CUE_NOUNS:
            cand = _noun_candidate(tok, a, b, state)
            if cand is not None:
                cands.append(cand)
    cands = [c for c in cands if c[0] <= MAX_DEPTH]
    if not cands:
        cand = _colon_candidate(doc, a, b, state)
        cands = [cand] if cand else []
    if not cands and (headline or _title_case(doc[a:b])):
        cand = _noun_tagged_cue(doc, a, b, state)
        cands = [cand] if cand else []
    if not cands and headline:
        cand = _headline_candidate(doc, a, b, state)
        cands = [cand] if cand else []
    if not cands:
        return _unattributed()
    # the shallowest cue; speech before belief when both are as shallow
    cands.sort(key=lambda c: (c[0], c[3] != "speech"))
    depth, chain, cue, kind, strong, medium = cands[0]
    chain = chain + [c for c in _citing(doc, a, b, state) if c[0] != chain[-1][0]]
    if cue not in PHRASE_TEXTS and not medium:
        medium = next((f"{c[2]} {c[1][-1][0]}" for c in cands if c[2] in PHRASE_TEXTS), "")
    speaker, skind, role, inherited = chain[-1]
    if (
        skind == "organisation"
        and speaker.split()[-1:]
        and speaker.split()[-1] in state.person_names
    ):
        skind = "person"  # a surname after the full name of a person speaker (NER may say ORG)
    for found in chain:
        if not found[3] and found[0].lower() not in PRONOUNS:
            state.remember(found[0], found[1] if found is not chain[-1] else skind, found[2])
    return {
        "speaker": speaker,
        "speaker_kind": skind,
        "attribution_verb": cue,
        "medium": medium,
        "attributed": True,
        "speaker_inherited": inherited,
        "speaker_role": role,
        "attribution_kind": kind,
        "attribution_strong": strong,
        "source_chain": [f[0] for f in chain],
        "quoted": False,
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
        "attribution_kind": "",
        "attribution_strong": False,
        "source_chain": [],
        "quoted": False,
    }
