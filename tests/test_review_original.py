"""Notebook 04's review on a Russian original beside its English rewrite (no browser).

The case is a copy of a development case of tests/data/ru_uk (not a frozen one) with markup
characters put into one sentence of the original, so escaping is checked on Cyrillic text."""

import shutil
import warnings
from pathlib import Path

import pytest

from crosscheck import pipeline
from crosscheck.decisions import DecisionLog
from crosscheck.review import ReviewPanel
from crosscheck.review.items import review_items

CASE = Path(__file__).resolve().parent / "data" / "ru_uk" / "ru01_flood"
MARKED = "вода в реке <Ия> & «Ока»"


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ru_case")
    shutil.copy(CASE / "en_a.txt", folder / "en_a.txt")
    original = (CASE / "original.txt").read_text(encoding="utf-8")
    assert "вода в реке Ия" in original
    (folder / "original.txt").write_text(original.replace("вода в реке Ия", MARKED), "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pipeline.run_case(sorted(folder.glob("*.txt")))


def _cross_item(case, word: str) -> dict:
    items = review_items(case.discrepancies)
    found = [
        i for i in items.to_dict("records")
        if word in i["text_a"] + i["text_b"] and "<Ия>" in i["text_a"] + i["text_b"]
    ]  # fmt: skip
    assert found, items[["kind", "text_a", "text_b"]].to_string()
    return found[0]


def test_items_hold_the_original_sentence_beside_the_english_one(case):
    item = _cross_item(case, "metres")
    texts = {item["text_a"], item["text_b"]}
    assert any("поднялась на 2,5 метра" in t for t in texts)  # the original, as written
    assert any("rose 3.5 metres" in t for t in texts)  # the rewrite
    assert "quantity" in item["kinds"]


def test_review_detail_and_static_export_escape_the_original_with_context(case, tmp_path):
    panel = ReviewPanel.for_case(case, DecisionLog(tmp_path / "decisions", read_only=False))
    item = _cross_item(case, "metres")
    panel._go_to(item["item_id"])
    html = panel.detail.value
    assert "&lt;Ия&gt; &amp; «Ока»" in html and "<Ия>" not in html
    assert "rose 3.5 metres" in html
    assert "<mark>" in html and "<details>" in html  # the paragraph, and the whole article
    assert "Паводок в Иркутской области" in html  # the original's headline in its facts
    static = panel.static_html()
    assert "&lt;Ия&gt;" in static and "<Ия>" not in static
    assert "поднялась" in static and "rose" in static


def test_words_are_not_marked_across_scripts_numbers_are(case):
    from crosscheck.review.diff import meaning_diff

    item = _cross_item(case, "metres")
    html_a, html_b = meaning_diff(item["text_a"], item["text_b"])
    for html in (html_a, html_b):
        assert 'class="cc-word"' not in html and 'class="cc-name"' not in html
    assert '<mark class="cc-num"' in html_a + html_b  # 2,5 beside 3.5
    same_a, same_b = meaning_diff("Вода поднялась на 2,5 метра.", "The water rose 2.5 metres.")
    assert "<mark" not in same_a + same_b


def test_changed_words_agree_with_the_diff_across_scripts():
    from crosscheck.review.diff import changed_words

    found = changed_words(
        "Паром перевёз 40 машин за 2,5 часа.", "The ferry carried 45 cars in 2.5 hours."
    )
    assert found == {"a": [("40", "num")], "b": [("45", "num")]}
    english = changed_words("The ferry carried 40 cars.", "The barge carried 40 cars.")
    assert english == {"a": [("ferry", "word")], "b": [("barge", "word")]}
