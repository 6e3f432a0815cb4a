"""Readable views: nearest real names for places not in the gazetteer, article labels instead of
ids, whole texts in tables, and figures whose labels stay inside the figure."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from crosscheck import pipeline  # noqa: E402
from crosscheck.review import views  # noqa: E402


def _inside_figure(ax) -> bool:
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    for text in texts:
        ext = text.get_window_extent(renderer)
        if ext.x0 < box.x0 - 1 or ext.x1 > box.x1 + 1 or ext.y0 < box.y0 - 1 or ext.y1 > box.y1 + 1:
            return False
    return bool(texts)


ARTICLES = pd.DataFrame(
    {
        "article_id": ["x1", "x2"],
        "outlet": ["Valley Courier", ""],
        "headline": ["Floods close the northern bridge", "Bridge shut after heavy rain"],
        "published": ["2024-03-02", ""],
        "text": ["Heavy rain in the Kharkiv region closed a bridge near Zarichnivka.", "Rain."],
    }
)


def test_a_place_not_in_the_gazetteer_gets_its_nearest_real_names():
    entities = pd.DataFrame(
        {
            "surface": ["Zarichnivka", "Kharkiv"],
            "article_id": ["x1", "x1"],
            "kind": ["place", "place"],
            "gazetteer": ["not_found", "found"],
        }
    )
    out = pipeline.with_nearest_places(entities, ARTICLES)
    near = out.loc[0, "gazetteer_nearest"]
    assert near and len(near.split(", ")) <= 3, near
    assert all(" (" in part and part[-4:].replace(".", "").isdigit() for part in near.split(", "))
    assert out.loc[1, "gazetteer_nearest"] == ""
    table = views.gazetteer_table(out.assign(canonical="", gazetteer_match=""), ARTICLES)
    assert list(table["surface"]) == ["Zarichnivka", "Kharkiv"]  # not found first
    assert table.iloc[0]["nearest"] == near and table.iloc[0]["article_id"] == "Valley Courier"


def test_the_explanation_of_a_place_not_found_names_the_nearest_real_places():
    discrepancies = pd.DataFrame(
        {
            "kind": ["entity_variant", "quantity"],
            "value_a": ["Oakfield", "Oakfield"],
            "value_b": ["Okfeld", "3"],
            "explanation": ["B names the place 'Okfeld'.", "3 vs 4."],
        }
    )
    entities = pd.DataFrame(
        {"surface": ["Oakfield", "Okfeld"], "gazetteer_nearest": ["", "Oakfield (Kent) 0.81"]}
    )
    out = pipeline.with_nearest_in_explanations(discrepancies, entities)
    assert out.loc[0, "explanation"].endswith(
        "Nearest real names for 'Okfeld': Oakfield (Kent) 0.81."
    )
    assert out.loc[1, "explanation"] == "3 vs 4."
    assert discrepancies.loc[0, "explanation"] == "B names the place 'Okfeld'."  # not modified


def test_tables_show_whole_texts_left_aligned():
    style = views.readable_tables()
    long_text = "A claim sentence long enough to have been cut at fifty characters before. " * 2
    html = pd.DataFrame({"text": [long_text]})._repr_html_()
    assert long_text.strip() in html and "…" not in html
    assert "text-align: left !important" in style.data and "white-space: pre-wrap" in style.data


def test_articles_are_named_by_outlet_or_headline_in_plots_and_tables():
    claims = pd.DataFrame({"article_id": ["x1", "x2", "x2"], "attributed": [True, False, True]})
    ax = views.plot_attribution(claims, articles=ARTICLES)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Valley Courier" in ticks and "x1" not in ticks
    assert _inside_figure(ax)


def test_the_provenance_graph_keeps_every_label_inside_the_figure():
    from crosscheck.provenance import provenance_graph

    prov = pd.DataFrame(
        {
            "article_a": ["x1"],
            "article_b": ["x2"],
            "relation": ["derived"],
            "direction": ["a->b"],
            "score": [0.8],
            "evidence": [""],
        }  # fmt: skip
    )
    ax = views.plot_provenance(provenance_graph(ARTICLES, prov))
    shown = " ".join(t.get_text() for t in ax.texts)
    assert "Valley Courier" in shown and "derived 0.80" in shown and "undated" in shown
    assert _inside_figure(ax)


def test_stories_over_time_are_legible_and_count_the_undated():
    index = pd.DataFrame(
        {
            "story_id": ["s1", "s2", "s3"],
            "n_articles": [4, 2, 3],
            "date_start": ["2020-01-01", "2021-06-01", ""],
            "date_end": ["2020-01-01", "2021-06-03", ""],
            "top_entities": ['["Port Ellen", "Port Ellen", "Coast Guard"]', "[]", "[]"],
        }
    )
    ax = views.plot_stories(index)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[-1] == "Port Ellen, Coast Guard (4)"  # largest on top, names not repeated
    assert ticks[0] == "s2 (2)"
    assert "1 undated not shown" in ax.get_title()
    assert _inside_figure(ax)
