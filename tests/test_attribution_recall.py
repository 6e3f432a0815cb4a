"""Probe sentences for attribution recall on general news (invented, one phenomenon each; judged
with tests/data/attribution/GUIDELINES.md): a cue that reports several coordinated clauses, an
inverted source that is an adjective used as a noun ("said the 81-year-old"), abbreviated titles
that must not end a sentence ("Sgt. Dana Kim"), and pronoun sources that must not resolve to a
name inside the quotation they close; evidence sources ("records show"), 'Per X, ...', reporting
nouns with a 'that' clause ("issued a warning that ..."), and a name set off by commas before a
subjectless trailing verb."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims


def claims(text: str) -> pd.DataFrame:
    return extract_claims(pd.DataFrame([{"article_id": "p", "text": text}]))


def attributed_share(text: str) -> float:
    out = claims(text)
    hits = out[out["attributed"]]
    return (hits["end"] - hits["start"]).sum() / len(text)


@pytest.mark.parametrize(
    "text",
    [
        # a trailing or parenthetical cue reports every coordinated clause of its sentence
        "The ferry left the harbour two hours late, but the crossing itself was calm, "
        "the captain said.",
        "By the time the crews arrived, the chief said, the barn had already collapsed, and the "
        "horses inside had been led out by neighbours.",
        "Water reached the second floor within an hour, and most families had to wait on their "
        "roofs, a volunteer told the local radio station.",
        "The roof caved in within minutes, but nobody was inside at the time, a firefighter said.",
        # inverted source that is an adjective used as a noun
        '"We have never seen the river this high," said the 81-year-old, who has farmed the '
        "valley for decades.",
        # a name set off by commas before a subjectless trailing verb
        "The update fixes the flaw in older versions, Carla Mendes, a spokeswoman for the "
        "software maker, said in a statement.",
        # evidence sources: study / poll / records + show
        "A new survey shows that most commuters would pay more for a faster train.",
        "Court records show the landlord ignored six repair orders last year.",
        # 'Per X, ...' opening a sentence
        "Per the county coroner, the climber died of exposure on the second night.",
        # a reporting noun whose 'that' clause is most of the claim
        "Forecasters issued a warning that heavy snow could close mountain roads by evening.",
        "The union dismissed the airline's claim that its pilots had refused to fly the new "
        "jets over the weekend.",
        # abbreviated titles: one sentence, one source
        "The van had been stolen from a car park in March, Det. Insp. Ray Moss told reporters.",
        "Const. Lena Park said the driver had not been wearing a seatbelt.",
    ],
)
def test_attributed(text):
    assert attributed_share(text) > 0.5


@pytest.mark.parametrize(
    "text",
    [
        # a clause coordinated with the cue itself is the reporter's own
        "Police said the man fled on foot, and officers later found him hiding in a barn.",
        "The mayor said the road would reopen on Friday, and crews began clearing the debris.",
    ],
)
def test_coordinated_with_the_cue_is_not_reported(text):
    out = claims(text)
    assert len(out) == 2
    assert out.iloc[0]["attributed"]
    assert not out.iloc[1]["attributed"]


@pytest.mark.parametrize(
    "text",
    [
        # 'show' without a document or evidence subject, or without a clause
        "This shows that the squad is ready for the final.",
        "The video shows officers dragging a man from his car.",
        "The results show a sharp fall in sales.",
        # 'per' as a rate
        "Tickets cost $40 per person, and the venue holds 2,000 fans.",
        "Per capita income rose by 3% last year.",
        # a reporting noun whose clause is a small part, or without a source, or negated
        "His claim that the ballots were lost has been rejected by three courts in two states.",
        "There is a fear that the disease will spread.",
        "The news that the mill would close stunned the town.",
        "The mayor did not issue a warning that the river would flood the lower town.",
        # a name in a list before a verb with its own subject
        "The coach picked Anna Berg, Tom Hill and Jane Roe, and the team said nothing.",
    ],
)
def test_not_attributed(text):
    assert attributed_share(text) <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Lt. Col. Ana Ruiz led the convoy through the pass on Sunday.",
        "The award went to Sgt. Omar Diaz of the mountain rescue unit.",
        "Gov. Ellen Cho signed the budget after midnight.",
    ],
)
def test_title_abbreviation_keeps_one_sentence(text):
    out = claims(text)
    assert len(out) == 1
    assert not out.iloc[0]["attributed"]


def test_lower_case_word_after_a_dot_continues_the_sentence():
    out = claims(
        "The victim was crossing at 200 W. Lake Blvd. with her husband when she was struck, "
        "police said."
    )
    assert len(out) == 1
    assert out.iloc[0]["attributed"]


def test_abbreviated_title_source():
    out = claims("Sgt. Dana Kim said the warehouse had been empty for a decade.")
    assert len(out) == 1
    assert "Kim" in out.iloc[0]["speaker"]


def test_inverted_adjective_source():
    out = claims('"It was the worst night of my life," said the injured, speaking from a bed.')
    row = out.iloc[0]
    assert row["attributed"]
    assert "injured" in row["speaker"]


def test_pronoun_source_skips_names_inside_the_quote():
    text = (
        "Fire chief Tom Reyes praised the volunteers on Sunday.\n\n"
        '"Maria Santos pulled two children from the car before it caught fire," he added.'
    )
    out = claims(text)
    row = out.iloc[-1]
    assert row["attributed"]
    assert "Reyes" in row["speaker"]
    assert "Santos" not in row["speaker"]


def test_quotation_after_a_named_report_takes_its_source():
    text = (
        "Storm hits the coast\n\n"
        "The harbour master denied reports that the ferry had been overloaded. "
        '"Every passenger was counted twice before departure. '
        'We followed the rules to the letter."'
    )
    out = claims(text)
    quoted = out[out["text"].str.contains("passenger|rules")]
    assert len(quoted) == 2
    assert quoted["attributed"].all()
    assert quoted["speaker"].str.contains("harbour master").all()


def test_quotation_after_an_unnamed_passive_keeps_no_source():
    text = (
        "Sales slump\n\n"
        "Car sales are expected to fall again in May. "
        '"Buyers simply are not coming into the showrooms."'
    )
    out = claims(text)
    quoted = out[out["text"].str.contains("showrooms")]
    assert len(quoted) == 1
    assert not quoted["attributed"].iloc[0]


def test_nearest_subject_of_a_misparsed_pair():
    out = claims(
        "In an e-mail to staff members on Friday night, Dana Whitfield said, "
        '"We looked hard at the offer and decided to walk away."'
    )
    row = out.iloc[0]
    assert row["attributed"]
    assert "Whitfield" in row["speaker"]


def test_a_new_opening_quote_ends_an_unclosed_one():
    text = (
        "Coach rests starters\n\n"
        "“ He had a setback in practice, ” the coach said. “ We talked it over with him. "
        "It was not an easy call. “ We want him healthy for the playoffs. ” "
        "The team plays away on Sunday. Two other players missed practice."
    )
    out = claims(text)
    prose = out[out["text"].str.contains("plays away|missed practice")]
    assert len(prose) == 2
    assert not prose["attributed"].any()
    quoted = out[out["text"].str.contains("talked it over|healthy")]
    assert quoted["attributed"].all()
