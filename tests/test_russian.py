"""Russian and Ukrainian originals: language id, lemmas, claims, cross-script differences.

Every sentence here is invented for the test (not from the founding articles)."""

import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from crosscheck import claims as claims_mod
from crosscheck import discrepancies as disc
from crosscheck.load import load_articles
from crosscheck.text import language, morph

ROOT = Path(__file__).resolve().parents[1]
RU = (
    "Российские подразделения продвинулись на 4 км под Краматорском, заявил в среду "
    "представитель группировки Олег Смирнов.\n\n"
    "По словам губернатора Ивана Орлова, около 300 жителей были эвакуированы из Часова Яра "
    "9 августа."
)
EN = (
    "Russian units advanced 6 km near Kramatorsk on Wednesday, group spokesman Oleg Smirnov said."
    "\n\nAbout 300 residents were evacuated from Chasov Yar on August 9."
)


def test_language_of_each_kind_of_text():
    assert language.detect(RU)["language"] == "ru"
    uk = language.detect(
        "Російські війська просунулися під Покровськом, повідомив штаб у вівторок."
    )
    assert uk["language"] == "uk"
    assert language.detect(EN)["language"] == "en"
    tr = language.detect(
        "Rossiyskie voyska prodvinulis pod Kramatorskom, soobshchil shtab v sredu."
    )
    assert tr["language"] == "other" and tr["flags"][0].startswith("transliterated")
    homo = language.detect("Жители села Вoскресенка сообщили о взрывах, заявил глава района.")
    assert homo["language"] == "ru" and any(f.startswith("homoglyphs") for f in homo["flags"])
    mixed = language.detect(RU + "\n\n" + EN)
    assert any(f.startswith("mixed") for f in mixed["flags"])


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        ("Краматорском", "ru", "Краматорск"),
        ("Часова Яра", "ru", "Часов Яр"),
        ("Донецкой области", "ru", "Донецкая область"),
        ("Харкові", "uk", "Харків"),
        ("Костянтинівці", "uk", "Костянтинівка"),
    ],
)
def test_declined_place_names_are_lemmatised(words, lang, expected):
    assert morph.name_lemma(words, lang) == expected


def test_russian_claims_have_structure():
    arts = pd.DataFrame({"article_id": ["r"], "text": [RU], "published": ["2025-08-14"]})
    c = claims_mod.extract_claims(arts)  # no language column: Cyrillic text is detected
    first, second = c.iloc[0], c.iloc[1]
    assert "Смирнов" in first["speaker"] and first["speaker_kind"] == "person"
    assert [q["value"] for q in first["quantities"]] == [4.0]
    assert first["times"][0]["value"] == "2025-08-13"  # the Wednesday before publication
    assert {e["text"] for e in second["entities"]} >= {"Часов Яр"}
    assert (
        second["quantities"][0]["approx"] == "about" and second["attribution_verb"] == "по словам"
    )


def test_original_beside_rewrite_typed_without_translation():
    arts = pd.DataFrame(
        {
            "article_id": ["ru", "en"],
            "text": [RU, EN],
            "published": ["2025-08-14"] * 2,
            "language": ["ru", "en"],
        }  # fmt: skip
    )
    c = claims_mod.extract_claims(arts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        al = disc.align_claims(c)
        found = disc.find_discrepancies(c, al)
    assert (al["status"] == "aligned").sum() == 2
    kinds = set(found["kind"])
    assert "quantity" in kinds  # 4 km -> 6 km
    assert "characterization" not in kinds
    attribution = found[found["kind"] == "attribution"]  # the same named source is no row:
    assert len(attribution) == 1  # only the governor's attribution, dropped by the rewrite
    values = {attribution.iloc[0]["value_a"], attribution.iloc[0]["value_b"]}
    assert "" in values and any("Орлов" in v for v in values)


def test_unanalysed_language_is_loaded_flagged_not_analysed(tmp_path):
    (tmp_path / "translit.txt").write_text(
        "Rossiyskie voyska prodvinulis pod Kramatorskom, soobshchil shtab v sredu. "
        "Eto proizoshlo utrom, kogda voyska voshli v gorod.\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "half.txt").write_text(RU + "\n\n" + EN + "\n", encoding="utf-8")
    (tmp_path / "homo.txt").write_text(
        "Жители села Вoскресенка сообщили о взрывах, заявил глава района.\n", encoding="utf-8"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts, warn = load_articles([tmp_path])
        c = claims_mod.extract_claims(arts)
    assert len(arts) == 3 and set(language.COLUMNS) <= set(arts.columns)
    by_id = dict(zip(arts["path"].map(lambda p: Path(p).stem), arts["language"], strict=True))
    assert by_id == {"translit": "other", "half": "ru", "homo": "ru"}
    reasons = " ".join(warn["reason"])
    assert "language not analysed" in reasons and "mixed" in reasons and "homoglyphs" in reasons
    translit_id = arts.loc[arts["language"] == "other", "article_id"].iloc[0]
    assert not (c["article_id"] == translit_id).any()
    homo = c[c["text"].str.contains("Вoскресенка")].iloc[0]
    assert "Воскресенка" in {e["text"] for e in homo["entities"]}


def test_english_only_case_does_not_load_russian_packages():
    code = (
        "import sys, pandas as pd\n"
        "from crosscheck import claims\n"
        "t = 'Troops advanced 3 km, the army said.'\n"
        "a = pd.DataFrame({'article_id': ['x'], 'text': [t]})\n"
        "b = a.assign(language='en')\n"
        "ca, cb = claims.extract_claims(a), claims.extract_claims(b)\n"
        "assert ca.equals(cb)\n"
        "bad = [m for m in ('razdel', 'pymorphy3', 'py3langid') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {"PYTHONPATH": str(ROOT / "lib")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-2000:]


# --- development set, cross-script typing, Slavic times and lemmas (invented sentences) -------
RU_UK = ROOT / "tests" / "data" / "ru_uk"
KINDS = {"same", "entity_variant", "quantity", "time", "attribution", "certainty_shift",
         "one_source_attributed", "one_source_unattributed"}  # fmt: skip


def test_development_set_is_complete_and_frozen_files_unchanged():
    import hashlib
    import re

    folders = [p for p in RU_UK.iterdir() if p.is_dir()]
    assert len(folders) >= 30
    n = 0
    for folder in folders:
        assert (folder / "original.txt").exists() and (folder / "en_a.txt").exists(), folder
        exp = pd.read_csv(folder / "expected.csv", dtype=str, keep_default_na=False)
        assert set(exp["kind"]) <= KINDS, folder
        for rw in set(exp["rewrite"]):
            assert (folder / f"{rw}.txt").exists(), (folder, rw)
        n += int((exp["kind"] != "same").sum())
    assert n >= 150
    frozen = (RU_UK / "FROZEN.md").read_text(encoding="utf-8")
    pairs = re.findall(r"^([0-9a-f]{64})  (\S+)$", frozen, flags=re.M)
    assert len(pairs) >= 25
    for digest, rel in pairs:
        assert hashlib.sha256((RU_UK / rel).read_bytes()).hexdigest() == digest, rel


def _pair(ru: str, en: str, lang: str = "ru"):
    arts = pd.DataFrame({"article_id": ["o", "r"], "text": [ru, en],
                         "published": ["2025-03-12"] * 2, "language": [lang, "en"]})  # fmt: skip
    c = claims_mod.extract_claims(arts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return c, disc.find_discrepancies(c, disc.align_claims(c))


def test_hedges_compared_across_scripts_not_the_future_tense():
    _, found = _pair("Возможно, мост откроют в апреле.", "The bridge will open in April.")
    assert list(found["kind"]) == ["certainty_shift"]
    _, same = _pair("Мост откроют в апреле.", "The bridge will open in April.")
    assert "certainty_shift" not in set(same["kind"])


def test_source_words_match_across_scripts_and_a_dropped_source_is_typed():
    _, same = _pair("Цены выросли на 7%, сообщила пресс-служба банка.",
                    "Prices rose 7%, the bank's press service said.")  # fmt: skip
    assert "attribution" not in set(same["kind"])
    _, dropped = _pair("Цены выросли на 7%, сообщила пресс-служба банка.", "Prices rose 7%.")
    assert list(dropped["kind"]) == ["attribution"]


def test_slavic_times_quantities_and_apostrophe_words():
    text = ("Переговоры, вероятно, продолжатся к пятнице.\n\nОн получил 6 лет колонии в 2021 году."
            "\n\nВодоснабжение восстановят в мае.")  # fmt: skip
    arts = pd.DataFrame({"article_id": ["x"], "text": [text], "published": ["2025-03-12"]})
    c = claims_mod.extract_claims(arts)
    assert c.iloc[0]["times"][0]["value"] == "2025-03-14"  # the Friday ahead (after "к")
    assert [(q["value"], q["unit"]) for q in c.iloc[1]["quantities"]] == [(6.0, "years")]
    assert c.iloc[1]["times"][0]["value"] == "2021"
    assert c.iloc[2]["times"][0]["value"] == "2025-05"  # future verb: the coming May
    said = "Рішення ухвалено, заявив прем'єр-міністр Петро Бойко."
    uk = pd.DataFrame({"article_id": ["u"], "published": ["2025-03-12"], "language": ["uk"],
                       "text": [said]})  # fmt: skip
    row = claims_mod.extract_claims(uk).iloc[0]
    assert "Бойко" in row["speaker"] and "прем'єр-міністр" in row["speaker"]


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [("Одинцове", "ru", "Одинцово"), ("Пушкину", "ru", "Пушкино"), ("Миргорода", "uk", "Миргород")],
)
def test_neuter_and_alternating_place_names(words, lang, expected):
    assert morph.name_lemma(words, lang) == expected


def test_original_beside_rewrites_view():
    from crosscheck import pipeline, views

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = pipeline.run_case([ROOT / "data" / "cases" / "ru_original"])
    table = views.original_beside_rewrites(case)
    n_orig = (case.claims["article_id"] == "original_ru").sum()
    assert len(table) == n_orig and "rewrite_blog differences" in table.columns
    diffs = views.cross_language_differences(case)
    blog = diffs[diffs["rewrite"] == "rewrite_blog"]
    assert "quantity" in set(blog["kind"]) and "characterization" not in set(diffs["kind"])
    assert blog["original says"].str.contains("800").any()
