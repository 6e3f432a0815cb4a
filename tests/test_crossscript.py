"""The cross-script comparison as ported into crosscheck.comparison (invented sentences)."""

import pandas as pd
import pytest

from crosscheck.comparison import crosslang, crossscript
from crosscheck.comparison.discrepancies import align_claims, find_discrepancies
from crosscheck.comparison.names import names_match, sources_match
from crosscheck.comparison.typers.time import FINER, time_rows
from crosscheck.text.claims import extract_claims


def test_one_name_in_two_scripts_matches_through_compare_names():
    assert names_match("Шойгу", "Shoigu")
    assert names_match("Торецк", "Toretsk")
    assert not names_match("Лавров", "Peskov")


def test_a_source_word_and_its_english_equivalent_are_one_source():
    assert sources_match("полиция", "the police")
    assert not sources_match("полиция", "the mayor")


def test_a_hedge_inside_a_longer_cue_counts():
    assert crosslang.hedge_level(["is likely to"]) == crosslang.hedge_level(["likely"]) > 0
    assert crosslang.hedge_level(["will"]) == 0


def _pair(original: str, rewrite: str):
    arts = pd.DataFrame({"article_id": ["orig", "rewrite"], "text": [original, rewrite]})
    claims = extract_claims(arts)
    alignment = align_claims(claims)
    return claims, alignment, find_discrepancies(claims, alignment)


def test_cross_script_pair_is_typed_without_translation():
    claims, alignment, found = _pair(
        "В среду в городе Ирбит сгорели 12 складов. Погибших нет.",
        "Fifteen warehouses burned down in Irbit on Wednesday. Nobody was killed.",
    )
    aligned = alignment[alignment["status"] == "aligned"]
    assert len(aligned) >= 1
    kinds = set(found["kind"])
    assert "quantity" in kinds
    assert not kinds & set(crosslang.NEEDS_TRANSLATION)


def test_time_of_day_on_one_side_only_is_not_typed_across_scripts():
    base = {"event": {}, "recent": False, "text": ""}
    day = {"start_date": "2025-03-06", "end_date": "2025-03-06"}
    a = {**base, "script": "cyr", "times": [{"text": "в четверг", "value": "2025-03-06", **day}]}
    morning = {"text": "Thursday morning", "value": "2025-03-06TMO", **day}
    b = {**base, "script": "lat", "times": [morning]}
    rows = time_rows(a, b, None)
    assert rows and rows[0]["detail"].startswith(FINER)  # English pairs keep the row
    assert crossscript.differ(a, b)
    assert not crossscript._time_kept(rows[0], a, b)


def test_compare_names_judges_names_across_scripts():
    from crosscheck.entities import compare_names

    found = compare_names("Ткачука", "Tkachuk", "person")  # declined surname beside English
    assert found["verdict"] == "variant" and "two scripts" in found["evidence"][0]
    assert compare_names("Ярослав Дубенко", "Yaroslav Dubenko", "person")["verdict"] == "variant"
    # a man and a woman of one family: the first names differ by their gender ending
    assert compare_names("Ярослав Дубенко", "Yaroslava Dubenko", "person")["verdict"] != "variant"
    assert compare_names("Ковель", "Kherson")["verdict"] == "distinct"


def test_same_name_is_the_verdict_of_the_name_authority(monkeypatch):
    import crosscheck.entities as entities

    pairs = [("Бердянск", "Berdyansk"), ("Бердянск", "Mariupol"), ("Коваленко", "Kovalenko")]
    for a, b in pairs:
        want = entities.compare_names(a, b)["verdict"] in ("same", "variant")
        assert crosslang.same_name(a, b) is want
    crosslang.same_name.cache_clear()
    monkeypatch.setattr(entities, "compare_names", lambda a, b, kind: {"verdict": "distinct"})
    try:
        assert not crosslang.same_name("Бердянск", "Berdyansk")  # nothing decides beside it
    finally:
        crosslang.same_name.cache_clear()


def test_data_named_by_a_hedge_is_no_english_source():
    original = "По предварительным данным, пожар начался из-за проводки."
    _, _, found = _pair(original, "Preliminary findings suggest the fire began in the wiring.")
    assert "attribution" not in set(found["kind"])
    _, _, named = _pair(original, "The fire began in the wiring, the fire chief said.")
    assert "attribution" in set(named["kind"])


def _views(original: str, rewrite: str, rewrite_ents=()):
    a = {"script": "cyr", "text": original, "ents": [("Полтава", "place", "poltava")]}
    return a, {"script": "lat", "text": rewrite, "ents": list(rewrite_ents)}


def test_a_name_in_a_place_position_the_ner_missed_is_flagged():
    a, b = _views("Поезд сошёл с рельсов возле Полтавы.", "A train derailed near Zarudnivka.")
    rows = crosslang.untagged_place_rows(a, b)
    assert [(r["kind"], r["value_b"]) for r in rows] == [("entity_variant", "Zarudnivka")]
    assert "not_found" in rows[0]["detail"] and crosslang.keep_entity_row(rows[0])
    a, b = _views("Мост закрыли.", "The bridge in the Vyshnebrodsk district was closed.")
    assert [r["value_b"] for r in crosslang.untagged_place_rows(a, b)] == ["Vyshnebrodsk"]
    a, b = _views("Мост закрыли.", "The bridge outside the village of Ozernoyarsk was shut.")
    assert [r["value_b"] for r in crosslang.untagged_place_rows(a, b)] == ["Ozernoyarsk"]


def test_names_the_original_renders_or_the_gazetteer_knows_are_not_flagged():
    a, b = _views("Поезд сошёл с рельсов возле Полтавы.", "A train derailed near Poltava.")
    assert crosslang.untagged_place_rows(a, b) == []  # the original's name
    a, b = _views("Поезд сошёл с рельсов.", "A train derailed outside Vinnytsia in May.")
    assert crosslang.untagged_place_rows(a, b) == []  # a gazetteer place; a month
    a, b = _views("Рейс отменили.", "Flights from Lufthansa were cut in Parliament.",
                  [("Lufthansa", "organisation", "lufthansa")])  # fmt: skip
    assert crosslang.untagged_place_rows(a, b) == []  # tagged organisation; English word
    a, b = _views("Рейс отменили.", "Fighting near Starobrodivka.", [("Starobrodivka", "gpe", "")])
    assert crosslang.untagged_place_rows(a, b) == []  # tagged places: unknown_place_rows


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Северная Мордавия", "South Mordavia", "place"),  # compass words differ
        ("Західна Тарамія", "East Taramia", "place"),
        ("Нижняя Оглиния", "Upper Oglinia", "place"),
        ("Покровськ", "Pokrovske", "place"),  # two gazetteer places (-sk / -ske)
        ("Борис Семенко", "Alina Semenko", "person"),  # different first names
        ("Денис Гливный", "Oksana Glivnaya", "person"),
        ("Б. Семенко", "A. Semenko", "person"),  # different initials
    ],
)
def test_cross_script_names_differing_in_a_word_are_not_one_name(a, b, kind):
    from crosscheck.entities import compare_names

    assert compare_names(a, b, kind)["verdict"] != "variant"


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Северная Мордавия", "North Mordavia", "place"),
        ("Західна Тарамія", "Western Taramia", "place"),
        ("Борис Семенко", "Borys Semenko", "person"),
        ("Б. Семенко", "Borys Semenko", "person"),
    ],
)
def test_cross_script_names_agreeing_word_by_word_are_one_name(a, b, kind):
    from crosscheck.entities import compare_names

    assert compare_names(a, b, kind)["verdict"] in ("same", "variant")


@pytest.mark.timeout(60)
def test_a_long_title_case_run_in_a_place_position_does_not_hang():
    run = " ".join(["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"] * 4)
    a, b = _views("Мост закрыли.", f"Officials told the {run} that the bridge near Qwertovo shut.")
    values = [r["value_b"] for r in crosslang.untagged_place_rows(a, b)]
    assert "Qwertovo" in values


def test_a_person_or_a_source_after_from_is_no_place():
    a, b = _views("Мост закрыли.", "The bridge shut, according to a post from Dmytro Zalivko.",
                  [("Dmytro Zalivko", "person", "")])  # fmt: skip
    assert crosslang.untagged_place_rows(a, b) == []
    a, b = _views("Мост закрыли.", "The bridge shut, according to a statement from Zalivko.")
    assert crosslang.untagged_place_rows(a, b) == []
    a, b = _views("Мост закрыли.", "The bridge shut, said a letter from Colonel Zalivko.")
    assert crosslang.untagged_place_rows(a, b) == []
    a, b = _views("Мост закрыли.", "Refugees arrived from Zalivkovo overnight.")
    assert [r["value_b"] for r in crosslang.untagged_place_rows(a, b)] == ["Zalivkovo"]


def test_a_possessive_is_cut_but_a_final_s_is_kept():
    assert crosslang._known_name("Parliament's")
    assert not crosslang._known_name("Thess")  # rstrip("'s") made it "the"
    assert not crosslang._known_name("Forss")  # and this "for"


def _q(text, value=None, low=None, high=None):
    rng = {"approx": "range", "low": low, "high": high} if low is not None else {"approx": ""}
    return {"text": text, "value": value, "kind": "quantity", **rng}


def test_ranges_across_scripts_are_compared_as_intervals():
    a = {"text": "Пришли от 20 до 40 человек.", "quants": [_q("20", 20), _q("до 40 человек", 40)]}
    b = {
        "text": "Between 20 and 30 people came.",
        "quants": [_q("Between 20 and 30", low=20, high=30)],
    }
    rows = crosslang.quantity_rows(a, b)
    assert [(r["kind"], r["severity"]) for r in rows] == [("quantity", 4)]
    assert "20-30" in rows[0]["detail"]
    a["text"], a["quants"] = "Пришли от 20 до 30 человек.", [_q("20", 20), _q("до 30 человек", 30)]
    assert crosslang.quantity_rows(a, b) == []
    same = {"text": "x", "quants": [_q("20 to 30", low=20, high=30)]}
    other = {"text": "y", "quants": [_q("20 to 40", low=20, high=40)]}
    assert crosslang.quantity_rows(same, {**same, "text": "z"}) == []
    assert [r["detail"] for r in crosslang.quantity_rows(same, other)] == ["range: 20-30 vs 20-40"]
