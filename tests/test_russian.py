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
