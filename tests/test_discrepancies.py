"""Tests for crosscheck.discrepancies: alignment, typing, agreements, bad input.

Claims rows are built by hand following the claims-table contract (crosscheck.claims), so these
tests do not depend on the claims module.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck import discrepancies as disc


def ent(text, claim_text, kind="GPE"):
    start = claim_text.index(text)
    return {"text": text, "kind": kind, "start": start, "end": start + len(text)}


def qty(text, claim_text, value, unit="", approx=""):
    start = claim_text.index(text)
    return {
        "text": text,
        "value": value,
        "unit": unit,
        "approx": approx,
        "start": start,
        "end": start + len(text),
    }


def claim(article, seq, text, **kw):
    row = {
        "claim_id": f"{article}:{seq}",
        "article_id": article,
        "seq": seq,
        "text": text,
        "speaker": "",
        "speaker_kind": "",
        "medium": "",
        "attributed": False,
        "certainty": "fact",
        "certainty_rank": 0,
        "certainty_cues": [],
        "entities": [],
        "quantities": [],
        "times": [],
    }
    row.update(kw)
    return row


def table(*rows):
    return pd.DataFrame(list(rows))


def run(claims, entities=None, events=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alignment = disc.align_claims(claims)
        return alignment, disc.find_discrepancies(claims, alignment, entities, events)


# --------------------------------------------------------------------------- seed-like case

A1 = (
    "Russian forces have moved within striking range of the Krasnolimanskaya mine, "
    "Ukraine's second-largest coal mining enterprise."
)
A2 = (
    "The strategic coal complex, located near the town of Rodinskoye in the Krasnoarmeysky "
    "basin, now lies less than a kilometer from the Russian front line, according to Igor "
    "Kimakovsky, an adviser to the head of the Donetsk People's Republic."
)
A3 = (
    "The push toward Rodinskoye follows the recent expulsion of Ukrainian troops from "
    "Voskresenka, a frontline village on the border of Donetsk and Dnipropetrovsk regions."
)
A4 = (
    "Ukrainian positions were reportedly compromised after a precision airstrike destroyed a "
    "key retreat bridge in the Dnipropetrovsk oblast."
)
A5 = (
    "Reports earlier this week from US outlets revealed that AFU units are trapped in a "
    "\u201cfire pocket\u201d near Konstantinovka, with limited escape routes."
)
A6 = (
    "Kimakovsky emphasized the proximity in a statement to state media, describing the "
    "approach as a critical tactical position."
)
B1 = (
    "Russian troops have advanced to the \u2018Krasnolymansky\u2019 mine, the second-largest coal "
    "enterprise in Ukraine, according to Igor Kimakovsky."
)
B2 = (
    "Kimakovsky stated that the Russian forces have reached within less than a kilometer of the "
    "main administrative and industrial complex of the plant."
)
B3 = (
    "The mine, located near the city of Rodinovye in the Krasnoarmeysky coal basin, plays a "
    "critical role in Ukraine's energy and metallurgical sectors."
)
B4 = (
    "Kimakovsky also reported that Ukrainian forces have been pushed back from their positions "
    "in the populated area of Vneshenka, which lies on the border between Donetsk and "
    "Dnipropetrovsk regions."
)
B5 = (
    "On July 14, Kimakovsky provided additional details about the situation in the "
    "Dnipropetrovsk region, where an aviation strike reportedly destroyed a bridge."
)
B6 = (
    "Earlier reports from American journalists indicated that Ukrainian forces were positioned "
    "along the firing line near Konstantinovka in the Donetsk region."
)
B7 = (
    "This development marks a significant shift in the ongoing conflict, as the village has "
    "historically been a contested area."
)

KM_A = qty("less than a kilometer", A2, 1, "km", "less than")
KM_B = qty("less than a kilometer", B2, 1, "km", "less than")


def seed_claims():
    kim = {"speaker": "Igor Kimakovsky", "speaker_kind": "person", "attributed": True}
    return table(
        claim("A", 1, A1, entities=[ent("Krasnolimanskaya", A1, "FAC")]),
        claim(
            "A",
            2,
            A2,
            **kim,
            medium="according to",
            entities=[
                ent("Rodinskoye", A2),
                ent("Krasnoarmeysky", A2, "LOC"),
                ent("Igor Kimakovsky", A2, "PERSON"),
            ],
            quantities=[KM_A],
        ),
        claim(
            "A",
            3,
            A3,
            entities=[
                ent("Rodinskoye", A3),
                ent("Voskresenka", A3),
                ent("Donetsk", A3),
                ent("Dnipropetrovsk", A3),
            ],
        ),
        claim(
            "A", 4, A4, certainty="possible", certainty_rank=2, entities=[ent("Dnipropetrovsk", A4)]
        ),
        claim(
            "A",
            5,
            A5,
            speaker="US outlets",
            speaker_kind="vague",
            attributed=True,
            entities=[ent("Konstantinovka", A5)],
            times=[
                {
                    "text": "earlier this week",
                    "value": "2025-W33",
                    "start_date": "2025-08-11",
                    "end_date": "2025-08-17",
                }
            ],
        ),
        claim(
            "A",
            6,
            A6,
            speaker="Kimakovsky",
            speaker_kind="person",
            attributed=True,
            medium="in a statement to state media",
            entities=[ent("Kimakovsky", A6, "PERSON")],
        ),
        claim(
            "B",
            1,
            B1,
            **kim,
            entities=[ent("Krasnolymansky", B1, "FAC"), ent("Igor Kimakovsky", B1, "PERSON")],
        ),
        claim(
            "B",
            2,
            B2,
            speaker="Kimakovsky",
            speaker_kind="person",
            attributed=True,
            entities=[ent("Kimakovsky", B2, "PERSON")],
            quantities=[KM_B],
        ),
        claim("B", 3, B3, entities=[ent("Rodinovye", B3), ent("Krasnoarmeysky", B3, "LOC")]),
        claim(
            "B",
            4,
            B4,
            speaker="Kimakovsky",
            speaker_kind="person",
            attributed=True,
            entities=[
                ent("Kimakovsky", B4, "PERSON"),
                ent("Vneshenka", B4),
                ent("Donetsk", B4),
                ent("Dnipropetrovsk", B4),
            ],
        ),
        claim(
            "B",
            5,
            B5,
            speaker="Kimakovsky",
            speaker_kind="person",
            attributed=True,
            certainty="possible",
            certainty_rank=2,
            entities=[ent("Dnipropetrovsk", B5)],
            times=[
                {
                    "text": "July 14",
                    "value": "2025-07-14",
                    "start_date": "2025-07-14",
                    "end_date": "2025-07-14",
                }
            ],
        ),
        claim(
            "B",
            6,
            B6,
            speaker="American journalists",
            speaker_kind="vague",
            attributed=True,
            entities=[ent("Konstantinovka", B6), ent("Donetsk", B6)],
        ),
        claim("B", 7, B7),
    )


SEED_ENTITIES = pd.DataFrame(
    [
        ("c1", "Krasnolimanskaya", "FAC", "A", "Krasnolimanskaya", 1, "same", ""),
        ("c1", "Krasnolimanskaya", "FAC", "B", "Krasnolymansky", 1, "variant", ""),
        ("c2", "Rodinskoye", "GPE", "A", "Rodinskoye", 2, "same", "found"),
        ("c2", "Rodinskoye", "GPE", "B", "Rodinovye", 1, "unresolved", "not_found"),
        ("c3", "Voskresenka", "GPE", "A", "Voskresenka", 1, "same", "found"),
        ("c4", "Vneshenka", "GPE", "B", "Vneshenka", 1, "same", "not_found"),
    ],
    columns=[
        "cluster_id",
        "canonical",
        "kind",
        "article_id",
        "surface",
        "count",
        "match",
        "gazetteer",
    ],
)

EVENTS = pd.DataFrame(
    [("B:5", "B", "2025-07-14", "2025-07-14", "explicit date", True, 33, "dated 33 days back")],
    columns=[
        "claim_id",
        "article_id",
        "event_start",
        "event_end",
        "basis",
        "recycled",
        "gap_days",
        "note",
    ],
)


@pytest.fixture(scope="module")
def seed_result():
    claims = seed_claims()
    alignment, found = run(claims, SEED_ENTITIES, EVENTS)
    return claims, alignment, found


def pair(alignment, a, b):
    rows = alignment[(alignment["claim_a"] == a) & (alignment["claim_b"] == b)]
    return rows["status"].tolist()


def test_seed_alignment_pairs_the_rewritten_claims(seed_result):
    _, alignment, _ = seed_result
    for a, b in [("A:1", "B:1"), ("A:3", "B:4"), ("A:4", "B:5"), ("A:5", "B:6")]:
        assert pair(alignment, a, b) == ["aligned"], (a, b)
    assert "only_b" in alignment.loc[alignment["claim_b"] == "B:7", "status"].tolist()


def kinds_for(found, a, b):
    return set(found.loc[(found["claim_a"] == a) & (found["claim_b"] == b), "kind"])


def test_seed_entity_variants_link_the_entities_verdict(seed_result):
    _, _, found = seed_result
    ev = found[found["kind"] == "entity_variant"].set_index("value_a")
    assert ev.loc["Krasnolimanskaya", "value_b"] == "Krasnolymansky"
    assert ev.loc["Krasnolimanskaya", "severity"] == 1
    assert "verdict=variant" in ev.loc["Krasnolimanskaya", "detail"]
    assert ev.loc["Voskresenka", "value_b"] == "Vneshenka"
    assert ev.loc["Voskresenka", "severity"] == 5
    rod = found[(found["kind"] == "entity_variant") & (found["value_b"] == "Rodinovye")]
    assert not rod.empty and (rod["severity"] == 5).all()
    assert rod["explanation"].str.contains("gazetteer finds no place called 'Rodinovye'").all()


def test_seed_certainty_shift_escalates(seed_result):
    _, _, found = seed_result
    row = found[(found["claim_a"] == "A:1") & (found["kind"] == "certainty_shift")]
    assert row["direction"].tolist() == ["escalation"]
    assert row["severity"].tolist() == [4]


def test_seed_time_recycled_and_recent(seed_result):
    _, _, found = seed_result
    row = found[(found["claim_b"] == "B:5") & (found["kind"] == "time")].iloc[0]
    assert row["severity"] == 5
    assert "recycled" in row["explanation"]
    row = found[(found["claim_a"] == "A:5") & (found["kind"] == "time")].iloc[0]
    assert row["value_a"] == "2025-W33" and row["value_b"] == ""


def test_seed_characterization_and_attribution(seed_result):
    _, _, found = seed_result
    char = found[(found["claim_a"] == "A:5") & (found["kind"] == "characterization")]
    assert len(char) == 1
    assert "trapped" in char["value_a"].iloc[0] and "positioned" in char["value_b"].iloc[0]
    att = found[(found["claim_a"] == "A:5") & (found["kind"] == "attribution")]
    assert att["severity"].tolist() == [2]  # two vague sources
    dropped = found[(found["claim_a"] == "A:4") & (found["kind"] == "attribution")]
    assert dropped["severity"].max() == 4 and "Kimakovsky" in dropped["explanation"].iloc[0]


def test_seed_reference_point_same_number(seed_result):
    claims, _, _ = seed_result
    two = claims[claims["claim_id"].isin(["A:2", "B:2"])]
    alignment = pd.DataFrame(
        [("A", "B", "A:2", "B:2", 0.5, "aligned")], columns=disc.ALIGNMENT_COLUMNS
    )
    found = disc.find_discrepancies(two, alignment)
    assert "quantity" not in set(found["kind"])  # same number: never a quantity discrepancy
    ref = found[found["kind"] == "reference_point"].iloc[0]
    assert "front line" in ref["value_a"] and "administrative" in ref["value_b"]
    assert ref["severity"] == 3


def test_seed_one_source_unattributed(seed_result):
    _, _, found = seed_result
    row = found[(found["claim_b"] == "B:7") & (found["claim_a"] == "")]
    assert row["kind"].tolist() == ["one_source_unattributed"]


def test_seed_sorted_by_severity_and_expected_kinds(seed_result):
    _, _, found = seed_result
    assert found["severity"].is_monotonic_decreasing
    assert found["severity"].between(1, 5).all()
    expected = {
        "entity_variant",
        "certainty_shift",
        "time",
        "attribution",
        "characterization",
        "one_source_unattributed",
    }
    assert expected <= set(found["kind"])
    assert found["discrepancy_id"].is_unique
    assert found["discrepancy_id"].str.fullmatch(r"d-[0-9a-f]{12}").all()


# --------------------------------------------------------------------------- single kinds


def two(text_a, text_b, kw_a=None, kw_b=None):
    claims = table(claim("A", 0, text_a, **(kw_a or {})), claim("B", 0, text_b, **(kw_b or {})))
    alignment = pd.DataFrame(
        [("A", "B", "A:0", "B:0", 0.9, "aligned")], columns=disc.ALIGNMENT_COLUMNS
    )
    return claims, alignment, disc.find_discrepancies(claims, alignment)


def test_quantity_changed_number():
    ta, tb = (
        "The convoy of 40 trucks reached the border.",
        "The convoy of 60 trucks reached the border.",
    )
    _, _, found = two(
        ta,
        tb,
        {"quantities": [qty("40 trucks", ta, 40, "truck")]},
        {"quantities": [qty("60 trucks", tb, 60, "truck")]},
    )
    assert found["kind"].tolist() == ["quantity"]
    assert found.iloc[0][["value_a", "value_b", "severity"]].tolist() == [
        "40 trucks",
        "60 trucks",
        4,
    ]


def test_same_number_is_not_a_quantity_discrepancy():
    ta = tb = "The convoy of 40 trucks reached the border."
    _, _, found = two(
        ta,
        tb,
        {"quantities": [qty("40 trucks", ta, 40, "truck")]},
        {"quantities": [qty("40 trucks", tb, 40.0, "truck")]},
    )
    assert found.empty


def test_quantity_approximation_is_an_interval():
    """ "about 40" and "exactly 40" can both be true (no row); "about 40" and "exactly 60" not."""
    ta, tb = "About 40 trucks crossed.", "Exactly 40 trucks crossed."
    _, _, found = two(ta, tb)
    assert "quantity" not in set(found["kind"])
    _, _, found = two(ta, "Exactly 60 trucks crossed.")
    assert found[found["kind"] == "quantity"]["severity"].tolist() == [4]


def test_attribution_dropped_and_different():
    text = "The bridge over the river was destroyed by an airstrike."
    _, _, found = two(
        text, text, {"speaker": "the governor", "attributed": True, "speaker_kind": "person"}
    )
    # a plain "the governor said" on one side only is an addition: the other side asserts it too
    assert found["kind"].tolist() == ["attribution"] and found["severity"].iloc[0] == 2
    assert "the governor" in found["explanation"].iloc[0]
    # the same source dropped where one side hedges the claim: who says it matters -> 4
    _, _, found = two(
        text,
        text,
        {"speaker": "the governor", "attributed": True, "speaker_kind": "person"},
        {"certainty": "possible", "certainty_rank": 2},
    )
    att = found[found["kind"] == "attribution"]
    assert att["severity"].tolist() == [4]
    _, _, found = two(
        text,
        text,
        {"speaker": "the governor", "attributed": True},
        {"speaker": "the army", "attributed": True},
    )
    assert found["value_b"].tolist() == ["the army"]


def test_certainty_rank_de_escalation():
    text = "Troops entered the town."
    _, _, found = two(
        text,
        text,
        {"certainty": "fact", "certainty_rank": 0},
        {"certainty": "possible", "certainty_rank": 2},
    )
    row = found[found["kind"] == "certainty_shift"].iloc[0]
    assert row["direction"] == "de-escalation" and row["severity"] == 3


def test_event_stage_column_is_used_when_present():
    _, _, found = two(
        "Troops are near the town.",
        "Troops are near the town.",
        {"event_stage": 0},
        {"event_stage": 2},
    )
    assert found["direction"].tolist() == ["escalation"]


def test_different_dates():
    ta, tb = "The strike hit the bridge on Monday.", "The strike hit the bridge on Friday."
    t = {
        "text": "Monday",
        "value": "2025-07-14",
        "start_date": "2025-07-14",
        "end_date": "2025-07-14",
    }
    u = {
        "text": "Friday",
        "value": "2025-07-18",
        "start_date": "2025-07-18",
        "end_date": "2025-07-18",
    }
    _, _, found = two(ta, tb, {"times": [t]}, {"times": [u]})
    assert found["kind"].tolist() == ["time"] and found["severity"].iloc[0] == 4


def test_one_source_attributed():
    claims = table(
        claim(
            "A",
            0,
            "The governor said the dam is half empty.",
            speaker="The governor",
            attributed=True,
        ),
        claim("B", 0, "Stock markets fell sharply on Tuesday in Tokyo and Seoul."),
    )
    with pytest.warns(UserWarning, match="Few claims align"):
        alignment = disc.align_claims(claims)
    found = disc.find_discrepancies(claims, alignment)
    assert set(found["kind"]) == {"one_source_attributed", "one_source_unattributed"}


# --------------------------------------------------------------------------- agreements, ids


def test_identical_articles_agree_fully():
    claims = seed_claims()
    only_a = claims[claims["article_id"] == "A"]
    copy = only_a.assign(article_id="C", claim_id=only_a["claim_id"].str.replace("A:", "C:"))
    both = pd.concat([only_a, copy], ignore_index=True)
    alignment, found = run(both)
    assert found.empty
    agree = disc.agreements(both, alignment, found)
    assert len(agree) == len(only_a) and (agree["agreement"] == "full").all()
    assert disc.summary(found).empty


def test_agreements_exclude_pairs_with_differences(seed_result):
    claims, alignment, found = seed_result
    agree = disc.agreements(claims, alignment, found)
    assert not ((agree["claim_a"] == "A:4") & (agree["claim_b"] == "B:5")).any()
    assert set(agree["agreement"]) <= {"full", "substance"}


def test_ids_stable_across_runs_and_row_order(seed_result):
    claims, _, found = seed_result
    shuffled = claims.sample(frac=1, random_state=3).reset_index(drop=True)
    _, again = run(shuffled, SEED_ENTITIES.iloc[::-1], EVENTS)
    pd.testing.assert_frame_equal(found, again)


def test_summary_counts(seed_result):
    _, _, found = seed_result
    summ = disc.summary(found)
    assert summ["count"].sum() == len(found)
    assert summ["severity"].iloc[0] == found["severity"].max()


# --------------------------------------------------------------------------- bad input


def test_one_article_warns_and_returns_empty():
    claims = seed_claims()
    with pytest.warns(UserWarning, match="Only 1 article"):
        alignment = disc.align_claims(claims[claims["article_id"] == "A"])
    assert alignment.empty and list(alignment.columns) == disc.ALIGNMENT_COLUMNS
    assert "nothing to compare" in alignment.attrs["note"]
    found = disc.find_discrepancies(claims, alignment)
    assert found.empty and "discrepancy_id" in found.columns


def test_unrelated_articles_warn_few_alignments():
    a = [
        "Apple released a software kit for iPhone developers.",
        "Developers can set the price of their applications.",
        "The program costs 99 dollars to join.",
    ]
    b = [
        "The Senate rejected the automaker bailout bill.",
        "Republican leaders insisted on wage cuts for union workers.",
        "The final vote count was 52 to 35.",
    ]
    claims = table(
        *[claim("A", i, t) for i, t in enumerate(a)], *[claim("B", i, t) for i, t in enumerate(b)]
    )
    with pytest.warns(UserWarning, match="different events"):
        alignment = disc.align_claims(claims)
    assert (alignment["status"] != "aligned").all()
    assert "Few claims align" in alignment.attrs["note"]


def test_missing_columns_and_types_give_clear_errors():
    with pytest.raises(ValueError, match="lacks column"):
        disc.align_claims(pd.DataFrame({"claim_id": ["x"], "text": ["t"]}))
    with pytest.raises(TypeError, match="DataFrame"):
        disc.align_claims([{"claim_id": "x"}])
    claims = seed_claims()
    with pytest.raises(ValueError, match="duplicate claim_id"):
        disc.align_claims(pd.concat([claims, claims.iloc[:1]]))
    with pytest.raises(ValueError, match="not in the claims table"):
        bad = pd.DataFrame(
            [("A", "B", "A:1", "Z:9", 0.5, "aligned")], columns=disc.ALIGNMENT_COLUMNS
        )
        disc.find_discrepancies(claims, bad)


def test_minimal_claims_without_optional_columns():
    claims = pd.DataFrame(
        {
            "claim_id": ["a1", "a2", "b1", "b2"],
            "article_id": ["a", "a", "b", "b"],
            "text": [
                "Airbus won an order for 60 A350 jets from Qatar Airways.",
                "The order is worth 15 billion dollars.",
                "Qatar Airways ordered 60 of the new A350 jets from Airbus.",
                "The deal is worth 16 billion dollars.",
            ],
        }
    )
    alignment, found = run(claims)
    assert (alignment["status"] == "aligned").sum() == 2
    assert isinstance(found, pd.DataFrame)
    assert disc.agreements(claims, alignment, found).shape[1] == len(disc.AGREEMENT_COLUMNS)


def test_split_sentence_takes_two_partners():
    a = (
        "Police arrested two men on Friday over the robbery of the central post office in "
        "the harbour district, and recovered the stolen cash from a car."
    )
    b1 = "Police arrested two men on Friday over the robbery of the central post office."
    b2 = "Police recovered the stolen cash from a car in the harbour district."
    claims = table(
        claim("A", 0, a),
        claim("A", 1, "The weather was fine all week."),
        claim("B", 0, b1),
        claim("B", 1, b2),
    )
    alignment, _ = run(claims)
    partners = alignment.loc[(alignment["claim_a"] == "A:0") & (alignment["status"] == "aligned")]
    assert sorted(partners["claim_b"]) == ["B:0", "B:1"]


def test_alignment_of_many_articles_covers_every_pair():
    claims = seed_claims()
    copies = [
        claims.assign(
            article_id=claims["article_id"] + str(k), claim_id=claims["claim_id"] + f"-{k}"
        )
        for k in range(3)
    ]
    many = pd.concat(copies, ignore_index=True)
    alignment, _ = run(many)
    assert alignment.groupby(["article_a", "article_b"]).ngroups == 15  # 6 articles


def test_no_seed_strings_in_library():
    package = Path(disc.__file__).parent
    sources = [*package.rglob("*.py"), *(package.parent / "data").rglob("*.csv")]
    assert len(sources) > 5
    for path in sources:
        source = path.read_text(encoding="utf-8").lower()
        seeds = r"krasnolimansk|krasnolymansk|vneshenka|rodinovye|rodinsk|kimakovsky|konstantinovk"
        assert not re.search(seeds, source), path


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=2, max_size=6))
def test_arbitrary_text_never_crashes(texts):
    rows = [claim("A" if i % 2 else "B", i, t) for i, t in enumerate(texts)]
    claims = table(*rows)
    alignment, found = run(claims)
    assert set(alignment["status"]) <= {"aligned", "only_a", "only_b"}
    assert found["severity"].is_monotonic_decreasing


def test_claims_module_stage_columns_are_used():
    text = "Troops are near the town."
    _, _, found = two(
        text,
        text,
        {"event_stage": "approach", "event_stage_rank": 1},
        {"event_stage": "capture", "event_stage_rank": 4},
    )
    row = found[found["kind"] == "certainty_shift"].iloc[0]
    assert row["direction"] == "escalation" and row["value_b"] == "capture"
    _, _, found = two(
        text,
        text,
        {"event_stage": "", "event_stage_rank": 0},
        {"event_stage": "capture", "event_stage_rank": 4},
    )
    assert found.empty  # no stage in A: nothing to compare


def test_generic_name_words_and_vague_times_are_not_differences():
    ta, tb = (
        "Russian forces hit the Dnipropetrovsk oblast now.",
        "Russian troops hit the Dnipropetrovsk region now.",
    )
    kw_a = {
        "entities": [ent("Russian forces", ta, "NORP"), ent("Dnipropetrovsk oblast", ta)],
        "times": [
            {
                "text": "now",
                "value": "PRESENT_REF",
                "start_date": "2025-08-16",
                "end_date": "2025-08-16",
            }
        ],
    }
    kw_b = {"entities": [ent("Russian troops", tb, "NORP"), ent("Dnipropetrovsk region", tb)]}
    _, _, found = two(ta, tb, kw_a, kw_b)
    assert not set(found["kind"]) & {"entity_variant", "time"}


@pytest.mark.parametrize(
    "text_a, text_b, severity",
    [
        # a statement of its own (a coordinated main clause) only one side makes
        ("The council raised parking fees and the deputy mayor resigned.",
         "The council raised parking fees.", 3),
        # compatible extra detail: a cause, a background clause, a participant
        ("The singer cancelled the tour after a throat infection.",
         "The singer cancelled the tour.", 2),
        ("The ferry, which was built in a Baltic shipyard, sank off the coast.",
         "The ferry sank off the coast.", 2),
        ("The minister visited the port with the trade commissioner.",
         "The minister visited the port.", 2),
    ],
)  # fmt: skip
def test_detail_severity_separates_new_statements_from_extra_detail(text_a, text_b, severity):
    _, _, found = two(text_a, text_b)
    detail = found[found["kind"] == "detail"]
    assert not detail.empty
    assert detail["severity"].max() == severity


def test_time_on_one_side_only_is_an_addition():
    _, _, found = two(
        "The museum reopened its east wing.",
        "The museum reopened its east wing.",
        kw_b={"times": [{"text": "on 4 March 2021", "value": "2021-03-04",
                         "start_date": "2021-03-04", "end_date": "2021-03-04"}]},
    )  # fmt: skip
    assert found[found["kind"] == "time"]["severity"].tolist() == [2]


def test_news_words_for_one_event_are_no_detail():
    """A headline verb and the body's verb for the same outcome match (event_equivalents)."""
    b = "Border guards arrested two smugglers near the ferry terminal."
    _, _, found = two(
        "Border guards nabbed two smugglers and seized a boat near the ferry terminal.", b
    )
    words = " ".join(found.loc[found["kind"] == "detail", "value_a"])
    assert "seized" in words and "nabbed" not in words
    _, _, found = two(
        "Border guards questioned two smugglers and seized a boat near the ferry terminal.", b
    )
    words = " ".join(found.loc[found["kind"] == "detail", "value_a"])
    assert "seized" in words and "questioned" in words
