from crosscheck.entities import check_place
from crosscheck.text import gazetteer as gz
from crosscheck.text.translit import name_key


def test_admin1_names_and_regions():
    assert gz.ADMIN1["UA"]["04"] == "Dnipropetrovsk"
    assert gz.ADMIN1["UA"]["05"] == "Donetsk"
    assert gz.ADMIN1["UA"]["26"] == "Zaporizhzhia"
    assert gz.region_mentions("on the border of Donetsk and Dnipropetrovsk regions") == {
        "Donetsk",
        "Dnipropetrovsk",
    }


def test_place_patterns():
    pats = gz.place_patterns()
    names = {p["pattern"] for p in pats if isinstance(p["pattern"], str)}
    for name in ("Rodinskoye", "Krasnoarmeysk", "Kostiantynivka", "Dnipropetrovsk region"):
        assert name in names
    assert "Progress" not in names and "the" not in names
    assert all(p["label"] in ("GPE", "LOC") for p in pats)
    assert 10_000 < len(pats) < 100_000


def test_found_rodinskoye():
    res = check_place("Rodinskoye")
    assert res["status"] == "found"
    assert res["matches"][0]["name"] == "Rodynske"
    assert res["matches"][0]["admin1"] == "Donetsk"


def test_not_found_with_nearest():
    res = check_place("Rodinovye", "near the city in the coal basin of the Donetsk region")
    assert res["status"] == "not_found"
    assert "Rodynske" in [m["name"] for m in res["matches"]]
    res = check_place("Vneshenka", "on the border between Donetsk and Dnipropetrovsk regions")
    assert res["status"] == "not_found"
    assert "Voskresenka" in [m["name"] for m in res["matches"]]
    assert all(m["why"] for m in res["matches"])


def test_kostiantynivka_ranked_by_region():
    res = check_place("Kostiantynivka", "fighting in the Zaporizhzhia region")
    top = res["matches"][0]
    assert res["status"] == "found" and top["admin1"] == "Zaporizhzhia"
    assert sum(m["name"] == "Kostyantynivka" for m in res["matches"]) >= 4
    assert check_place("Kostiantynivka", "Donetsk Oblast")["matches"][0]["admin1"] == "Donetsk"


def test_cyrillic_and_keys():
    assert set(gz.lookup("Kostyantynivka")) <= set(gz.lookup("Костянтинівка"))
    assert name_key("Zaporizhzhia") == name_key("Zaporizhzhya")


def test_nearest_ranked_by_spelling_region_and_ending():
    res = check_place("Rodinovye", "near the city in the coal basin of the Donetsk region")
    assert res["matches"][0]["name"] == "Rodynske", res["matches"][:3]
    border = "a frontline village on the border of Donetsk and Dnipropetrovsk regions"
    top3 = check_place("Vneshenka", border)["matches"][:3]
    hit = [m for m in top3 if m["name"] == "Voskresenka"]
    assert hit and hit[0]["admin1"] == "Donetsk" and hit[0]["geonameid"] == 688941, top3
    # without the region in context the Donetsk village is not favoured
    plain = check_place("Vneshenka")["matches"][:3]
    assert not any(m["geonameid"] == 688941 for m in plain)


def test_found_name_lists_only_places_with_that_name():
    res = check_place("Kostiantynivka", "Donetsk Oblast", limit=10)
    assert res["status"] == "found"
    assert all(m["why"][0] == "name or alternate name matches" for m in res["matches"])


def test_regions_and_countries_are_found_not_only_settlements():
    from crosscheck.text.gazetteer import check_place

    for name, expected in [
        ("Zaporizhzhia oblast", "Zaporizhzhia"),
        ("Kharkov Region", "Kharkiv"),
        ("Lugansk regions", "Luhansk"),
    ]:
        result = check_place(name)
        assert result["status"] == "found", name
        assert result["matches"][0]["admin1"] == expected
    assert check_place("Moldova")["matches"][0]["why"] == ["country name"]
    assert check_place("Atlantis oblast")["status"] == "not_found"
