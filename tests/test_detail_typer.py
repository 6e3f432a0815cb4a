"""The detail typer: material one aligned claim has and the other lacks, and its severity.

All sentences are invented for these tests."""

from typer_probe import typed as _typed


def _detail(a: str, b: str) -> list[dict]:
    return _typed(a, b, ("detail",))


def _top(a: str, b: str) -> int:
    return max((r["severity"] for r in _detail(a, b)), default=0)


def test_a_phrasal_verb_matches_its_one_word_equivalent():
    assert _detail("The painter passed away at home.", "The painter died at home.") == []


def test_a_noun_with_its_preposition_matches_a_listed_verb():
    # "win over" = "beat" (lexicon event_equivalents)
    assert _top("The Hawks beat the Owls 3-1.", "The Hawks won 3-1 over the Owls.") <= 2


def test_a_statement_verb_reworded_with_a_shared_participant_is_no_new_statement():
    rows = _detail(
        "Rebels captured the border town.",
        "Rebels swiftly overran the border town in a dawn assault.",
    )
    assert rows and max(r["severity"] for r in rows) == 2
    assert "reworded statement" in rows[0]["explanation"]


def test_a_reworded_statement_plus_another_statement_stays_a_statement():
    rows = _detail(
        "Rebels captured the border town.",
        "Rebels swiftly overran the border town in a dawn assault and looted the market.",
    )
    assert max(r["severity"] for r in rows) == 3


def test_a_future_and_a_past_statement_are_two_stages():
    assert (
        _top(
            "The mayor will unveil the statue on the square.",
            "The mayor showed the statue to the crowd and the press on the square.",
        )
        == 3
    )


def test_an_extra_statement_without_a_counterpart_stays_a_statement():
    assert (
        _top(
            "Firefighters put out a blaze at a warehouse.",
            "Firefighters put out a blaze at a warehouse and arrested a man.",
        )
        == 3
    )


def test_two_different_listed_events_in_one_place_are_a_statement_each():
    rows = _detail(
        "A teacher was charged over the school fire.",
        "Police investigated the school fire.",
    )
    events = [r for r in rows if r["detail"].startswith("different events")]
    assert len(events) == 1 and events[0]["severity"] == 3
    assert "charged" in events[0]["explanation"] and "investigated" in events[0]["explanation"]


def test_an_act_and_its_compatible_result_are_no_different_events():
    # shoot / die are outcome_compatible: no "different events" row
    rows = _detail(
        "A gunman shot two guards at the depot.", "A gunman killed two guards at the depot."
    )
    assert not [r for r in rows if r["detail"].startswith("different events")]


def test_a_light_or_belief_verb_on_one_side_is_framing_not_a_statement():
    # "happened" / "believes" carry no event of their own (lexicon frame_verbs)
    assert (
        _top("The coroner believes the climber died on Saturday.", "The climber died on Saturday.")
        == 2
    )
    assert (
        _top(
            "The blackout happened across the region on Friday.",
            "A blackout hit the region on Friday.",
        )
        <= 2
    )
