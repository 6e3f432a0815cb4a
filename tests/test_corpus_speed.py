"""The speed-ups of the per-story step keep results: cached gazetteer checks hand out copies,
first contexts per surface, escalations counted without a table per article pair."""

import pandas as pd

from crosscheck.comparison.provenance import loss_and_gain
from crosscheck.entities import _first_contexts
from crosscheck.text.gazetteer import check_place


def test_check_place_cache_hands_out_copies():
    first = check_place("Vneshenka", "near the border of the Donetsk region")
    first["matches"][0]["why"].append("edited by the caller")
    first["matches"][0]["score"] = -1.0
    first["matches"].clear()
    again = check_place("Vneshenka", "fighting in the Donetsk region again")  # same region
    assert again["matches"] and again["matches"][0]["score"] > 0
    assert all("edited by the caller" not in m["why"] for m in again["matches"])


def test_check_place_cache_keys_on_the_regions_of_the_context():
    plain = check_place("Vneshenka")["matches"]
    border = "on the border between Donetsk and Dnipropetrovsk regions"
    region = check_place("Vneshenka", border)["matches"]
    assert [m["score"] for m in plain] != [m["score"] for m in region]
    assert any("region mentioned in context" in " ".join(m["why"]) for m in region)
    assert not any("region mentioned in context" in " ".join(m["why"]) for m in plain)
    assert check_place("Vneshenka", "no region named here")["matches"] == plain


def test_first_contexts_keeps_order_distinct_and_at_most_three():
    surfaces = ["Kyiv", "Lviv", "Kyiv", "Kyiv", "Kyiv", "Kyiv", "Lviv"]
    contexts = ["c1", "l1", "c1", "c2", "c3", "c4", "l2"]
    assert _first_contexts(surfaces, contexts) == {"Kyiv": "c1 c2 c3", "Lviv": "l1 l2"}
    assert _first_contexts(surfaces, contexts, n=1) == {"Kyiv": "c1", "Lviv": "l1"}


def test_loss_and_gain_counts_escalations_both_ways():
    claims = pd.DataFrame(
        {
            "claim_id": ["a:1", "a:2", "b:1", "b:2"],
            "article_id": ["a", "a", "b", "b"],
            "seq": [0, 1, 0, 1],
            "text": [
                "The dam may have been hit.",
                "The mayor resigned.",
                "The dam was hit.",
                "The mayor possibly resigned.",
            ],
            "certainty_rank": [2, 0, 0, 2],
        }
    ).set_index("claim_id", drop=False)
    pairs = pd.DataFrame({"claim_a": ["a:1", "a:2"], "claim_b": ["b:1", "b:2"]})
    changes = loss_and_gain(claims, pairs, "a", "b")
    assert changes["escalated_b"] == 1 and changes["escalated_a"] == 1
    one_way = loss_and_gain(claims, pairs.head(1), "a", "b")
    assert one_way["escalated_b"] == 1 and one_way["escalated_a"] == 0
