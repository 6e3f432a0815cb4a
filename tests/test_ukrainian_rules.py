"""Ukrainian without the optional dictionary (pymorphy3-dicts-uk): lemmas by ending rules.

The dictionary is forced absent here (morph.analyzer patched), so these run the same whether or
not the extra is installed. Every sentence is invented for the test."""

import datetime as dt
import warnings

import pandas as pd
import pytest

from crosscheck.text import morph, slavic


@pytest.fixture
def no_uk_dictionary(monkeypatch):
    real = morph.analyzer
    monkeypatch.setattr(morph, "analyzer", lambda lang: None if lang == "uk" else real(lang))
    for fn in (morph._parses, morph._name_lemma, morph._rule_lemma, morph._rule_tense):
        fn.cache_clear()
    yield
    for fn in (morph._parses, morph._name_lemma, morph._rule_lemma, morph._rule_tense):
        fn.cache_clear()


@pytest.mark.parametrize(
    ("declined", "expected"),
    [
        ("Вінниці", "Вінниця"),  # feminine -я, locative
        ("Кременчуці", "Кременчук"),  # к/ц alternation
        ("Борисполі", "Бориспіль"),  # і/о ablaut in the nominative
        ("Тернополем", "Тернопіль"),
        ("Обухові", "Обухів"),  # Ukrainian place first, not Russian Обухово
        ("Хмельницькому", "Хмельницький"),  # adjectival -ському / -цькому
        ("Новомосковськом", "Новомосковськ"),
        ("Броварах", "Бровари"),  # a plural name
        ("Білій Церкві", "Біла Церква"),  # adjective and noun, both declined
        ("Кривому Розі", "Кривий Ріг"),  # г/з alternation and ablaut
        ("Часового Яру", "Часів Яр"),  # possessive -ового -> -ів
    ],
)
def test_declined_place_names_without_the_dictionary(no_uk_dictionary, declined, expected):
    assert morph.name_lemma(declined, "uk") == expected


def test_candidates_include_ablaut_and_unknown_names_stay_as_written(no_uk_dictionary):
    assert "ріг" in morph._rule_candidates("рогу", "uk")
    assert morph.name_lemma("Зарічнобортського", "uk") == "Зарічнобортського"  # no such place


def test_common_words_lemmatised_only_into_lexicon_words(no_uk_dictionary):
    assert morph.lemma("повідомила", "uk") == "повідомити"  # attribution verb
    assert morph.lemma("гривень", "uk") == "гривня"  # unit, plural genitive
    assert morph.lemma("тисяч", "uk") == "тисяча"  # scale word
    assert morph.lemma("столами", "uk") == "столами"  # no lexicon lists it: unchanged


def test_verb_tense_by_ending(no_uk_dictionary):
    assert morph.tags("написала", "uk") == ["VERB,past"]
    assert morph.tags("працюватиме", "uk") == ["VERB,futr"]
    assert morph.tags("відкриють", "uk") == ["VERB,pres"]
    assert morph.tags("область", "uk") == []  # -сть is no verb ending


def _claims(text: str):
    arts = pd.DataFrame({"article_id": ["u"], "text": [text], "published": ["2025-04-16"],
                         "language": ["uk"]})  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return slavic.extract(arts)


def test_sources_and_times_ahead_without_the_dictionary(no_uk_dictionary):
    rows = _claims(
        "Ремонт моста завершили, повідомила у вівторок обласна адміністрація.\n\n"
        "Рух мостом відкриють у серпні, заявив інженер Тарас Гнатів."
    )
    assert rows[0]["attributed"] and "адміністрація" in rows[0]["speaker"]
    assert rows[1]["attributed"] and "Гнатів" in rows[1]["speaker"]
    month = next(t for t in rows[1]["times"] if len(t["value"]) == 7)
    assert month["value"] == "2025-08"  # the August ahead: a non-past verb beside it
    assert dt.date.fromisoformat(rows[0]["times"][0]["value"]) <= dt.date(2025, 4, 16)


def test_missing_dictionary_is_a_visible_warning(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "pymorphy3":
            raise ImportError("no pymorphy3 for this test")
        return real_import(name, *args, **kwargs)

    morph.analyzer.cache_clear()
    monkeypatch.setattr(builtins, "__import__", refuse)
    try:
        with pytest.warns(UserWarning, match=r"uk morphology not available.*crosscheck\[uk\]"):
            assert morph.analyzer("uk") is None
    finally:
        monkeypatch.undo()
        morph.analyzer.cache_clear()


def test_weekdays_and_sources_match_without_the_dictionary(no_uk_dictionary):
    from crosscheck.comparison import crosslang

    assert morph.lemma("четверга", "uk") == "четвер"  # до вечора четверга
    assert morph.lemma("вівторка", "uk") == "вівторок"  # fleeting о
    crosslang.same_source.cache_clear()
    assert crosslang.same_source("в міськраді", "the city council")
    assert not crosslang.same_source("в міськраді", "the police")
    crosslang.same_source.cache_clear()
