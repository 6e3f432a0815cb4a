"""Provenance: evidence functions, relations on hand-built and constructed MEANTIME pairs."""

import importlib.util
from pathlib import Path

import matplotlib
import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.provenance import (
    RELATIONS,
    chrome_mentions,
    claim_coverage,
    direction_votes,
    draw_provenance,
    independent_sources,
    loss_and_gain,
    order_preservation,
    provenance,
    provenance_graph,
    rewrite_diff,
    shared_phrasing,
)

matplotlib.use("Agg")
HERE = Path(__file__).resolve().parent / "data" / "provenance"
_spec = importlib.util.spec_from_file_location("provenance_make_pairs", HERE / "make_pairs.py")
mp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mp)

SOURCE = (
    "The regional airline signed an agreement to purchase twelve long-haul jets on Monday, "
    "chief executive Anna Berg said.\n\n"
    "The order is reportedly worth about two billion dollars at list prices.\n\n"
    "Deliveries are expected to begin in 2009, according to the company.\n\n"
    "The carrier currently operates a fleet of thirty ageing narrow-body planes.\n\n"
    "Unions welcomed the announcement, a spokesman for the pilots said."
)
REWRITE = (
    "The regional airline signed an agreement to purchase twelve long-haul jets.\n\n"
    "The order is worth two billion dollars at list prices.\n\n"
    "This bold move will transform the future of the whole region for decades.\n\n"
    "Deliveries are expected to begin in 2009.\n\n"
    "The carrier currently operates a fleet of thirty ageing narrow-body planes.\n\n"
    "Everyone understands that the old management had simply failed its passengers."
)


def case(texts: dict, published: dict | None = None, removed: dict | None = None):
    published = published or {}
    removed = removed or {}
    arts = pd.DataFrame(
        [
            {
                "article_id": k,
                "text": v,
                "headline": f"Headline of article {k} about jets",
                "published": published.get(k, ""),
                "removed": removed.get(k, []),
            }
            for k, v in texts.items()
        ]
    )
    claims = mp.simple_claims(arts)
    return arts, claims, mp.simple_align(claims)


# ---------------------------------------------------------------- evidence functions


def test_order_preservation_identity_reversed_and_empty():
    same = order_preservation([(i, i) for i in range(6)])
    assert same["order"] == 1.0 and same["kendall_tau"] == pytest.approx(1.0)
    rev = order_preservation([(i, 5 - i) for i in range(6)])
    assert rev["order"] == pytest.approx(1 / 6) and rev["kendall_tau"] == pytest.approx(-1.0)
    one_swap = order_preservation([(0, 0), (1, 2), (2, 1), (3, 3)])
    assert one_swap["order"] == pytest.approx(0.75)
    assert order_preservation([])["order"] == 0.0


def test_claim_coverage_counts_distinct_claims():
    pairs = pd.DataFrame({"claim_a": ["a1", "a2", "a2"], "claim_b": ["b1", "b2", "b3"]})
    cov = claim_coverage(4, 3, pairs)
    assert cov["coverage_a"] == pytest.approx(0.5) and cov["coverage_b"] == pytest.approx(1.0)
    assert claim_coverage(0, 0, pairs.iloc[:0])["coverage_a"] == 0.0


def test_shared_phrasing_finds_reused_wording_not_function_words_or_names():
    texts = {"a": SOURCE, "b": REWRITE}
    res = shared_phrasing(texts, "a", "b")
    assert res["reuse"] > 0.3
    assert any("narrow body planes" in p for p in res["passages"])
    names_only = {
        "a": "It was in the Anna Berg Regional Airline Group.",
        "b": "Anna Berg Regional Airline Group is it.",
    }
    assert shared_phrasing(names_only, "a", "b")["reuse"] == 0.0
    function_words = {"a": "and it was in the one of the them.", "b": "it was in the one of the"}
    assert shared_phrasing(function_words, "a", "b")["n_shared"] == 0


def test_shared_phrasing_is_computed_from_the_two_texts_alone():
    forced = "officials confirmed the reactor shutdown procedure completed safely overnight"
    texts = {
        "a": forced + ". Engineers praised remarkably calm staff handling everything.",
        "b": forced + ". Residents reported hearing loud noises near gates.",
        "c": forced + ". Markets shrugged off worrying rumours about closures.",
    }
    two = {k: texts[k] for k in ("a", "b")}
    assert shared_phrasing(texts, "a", "b") == shared_phrasing(two, "a", "b")
    assert shared_phrasing(two, "a", "b")["reuse"] > 0.3


def _relations(texts: dict) -> dict:
    prov = provenance(*case(texts))
    return {(r.article_a, r.article_b): (r.relation, r.direction) for r in prov.itertuples()}


def test_a_third_article_never_changes_a_pairs_relation():
    third = (
        "The regional airline signed an agreement to purchase twelve long-haul jets.\n\n"
        "Deliveries are expected to begin in 2009, a company spokeswoman said.\n\n"
        "Analysts at a local bank doubted the carrier could finance the deal."
    )
    unrelated = (
        "Heavy snow closed mountain passes across the northern provinces on Tuesday.\n\n"
        "Road crews worked through the night, a highway official said.\n\n"
        "Schools in three valleys stayed shut."
    )
    pair = _relations({"s": SOURCE, "r": REWRITE})
    assert pair[("r", "s")] == ("derived", "b->a")
    for extra in (third, unrelated):
        bigger = _relations({"s": SOURCE, "r": REWRITE, "t": extra})
        assert bigger[("r", "s")] == pair[("r", "s")]
        assert bigger[("r", "t")] == _relations({"r": REWRITE, "t": extra})[("r", "t")]
    for extra, noted in ((third, True), (unrelated, False)):
        prov = provenance(*case({"s": SOURCE, "r": REWRITE, "t": extra}))
        row = prov[(prov["article_a"] == "r") & (prov["article_b"] == "s")].iloc[0]
        assert ("both also match article(s) t" in row["evidence"]) == noted


def test_same_event_in_own_words_is_not_derived():
    a = (
        "Flood waters breached a levee south of the river town late on Friday.\n\n"
        "About 400 homes were evacuated, the county emergency office said.\n\n"
        "Volunteers stacked sandbags along the main road until dawn."
    )
    b = (
        "Hundreds of residents fled their houses overnight when an embankment gave way.\n\n"
        "Emergency managers put the number of evacuated households near 400.\n\n"
        "Rescue boats patrolled flooded streets on Saturday morning."
    )
    row = provenance(*case({"a": a, "b": b})).iloc[0]
    assert row["relation"] in ("independent", "unknown")
    assert "REUSE_INDEPENDENT" in row["evidence"] or "unknown" in row["evidence"]


def test_chrome_mentions_detects_teaser_headline():
    arts = pd.DataFrame(
        {
            "article_id": ["x", "y"],
            "headline": ["Troops advance toward the big coal mine", "Other story"],
            "removed": [[], ["Trending Stories", "Troops Advance Toward the Big Coal Mine"]],
        }
    ).set_index("article_id", drop=False)
    assert chrome_mentions(arts, "x", "y") == "b"
    assert chrome_mentions(arts, "y", "x") == "a"


def test_direction_votes_dates_losses_and_teaser():
    score, ev = direction_votes({}, "2020-01-01", "2020-02-01")
    assert score > 0 and any("earlier" in e for e in ev)
    score, _ = direction_votes({"lost_attribution_a": 3, "commentary_a": 2}, "", "")
    assert score < -1
    score, ev = direction_votes({}, "", "", teaser="a")
    assert score == 0 and any("not used for direction" in e for e in ev)
    # dates and a strong text signal disagreeing: the dates dominate only a weak text signal
    score, _ = direction_votes({"lost_attribution_a": 1}, "2020-01-01", "2020-02-01")
    assert score > 0


def test_rewrite_diff_lists_dropped_and_added():
    arts, claims, alignment = case({"s": SOURCE, "r": REWRITE})
    diff = rewrite_diff(claims, alignment, "s", "r")
    kinds = set(zip(diff["change"], diff["what"], strict=True))
    assert ("dropped", "attribution") in kinds
    assert ("dropped", "claim") in kinds  # the unions sentence
    assert ("dropped", "qualifier") in kinds  # reportedly / about
    assert ("added", "commentary") in kinds
    dropped_attr = diff[diff["what"] == "attribution"].iloc[0]
    assert "said" in dropped_attr["text_source"] and "said" not in dropped_attr["text_rewrite"]
    assert list(diff.columns[:2]) == ["change", "what"]
    with pytest.raises(ValueError, match="no claims"):
        rewrite_diff(claims, alignment, "s", "missing")


# ---------------------------------------------------------------- the provenance table


def test_provenance_derived_direction_from_text_alone():
    arts, claims, alignment = case({"a1": SOURCE, "b1": REWRITE})
    row = provenance(arts, claims, alignment).iloc[0]
    assert row["relation"] == "derived" and row["direction"] == "a->b"
    assert 0.5 < row["score"] <= 1
    assert row["evidence"] == "; ".join(row["evidence_list"])
    arts, claims, alignment = case({"a1": REWRITE, "b1": SOURCE})
    assert provenance(arts, claims, alignment).iloc[0]["direction"] == "b->a"


def test_provenance_published_dates_decide_when_text_is_silent():
    text = SOURCE.replace(", chief executive Anna Berg said", "").replace(
        ", according to the company", ""
    )
    arts, claims, alignment = case(
        {"a": text, "b": text}, published={"a": "2021-05-02", "b": "2021-05-01"}
    )
    row = provenance(arts, claims, alignment).iloc[0]
    assert row["relation"] == "derived" and row["direction"] == "b->a"
    arts, claims, alignment = case({"a": text, "b": text})
    assert provenance(arts, claims, alignment).iloc[0]["direction"] == "cannot tell"


def test_provenance_teaser_is_evidence_not_direction():
    arts, claims, alignment = case(
        {"a": SOURCE, "b": REWRITE}, removed={"b": ["Headline of article a about jets"]}
    )
    row = provenance(arts, claims, alignment).iloc[0]
    assert row["teaser"] == "b" and "page chrome" in row["evidence"]
    assert row["direction"] == "a->b"  # decided by the text, not by the teaser


def test_provenance_robust_to_missing_optional_columns():
    arts, claims, alignment = case({"a": SOURCE, "b": REWRITE})
    slim = claims[["claim_id", "article_id", "text"]]
    prov = provenance(arts[["article_id", "text"]], slim, alignment[["claim_a", "claim_b"]])
    assert prov.iloc[0]["relation"] == "derived"
    assert "attribution losses not measured" in prov.iloc[0]["evidence"]
    no_text = provenance(arts[["article_id"]], claims[["claim_id", "article_id"]], alignment)
    assert no_text.iloc[0]["relation"] in RELATIONS
    assert "shared phrasing not measured" in no_text.iloc[0]["evidence"]


def test_provenance_clear_errors_and_warnings():
    arts, claims, alignment = case({"a": SOURCE, "b": REWRITE})
    with pytest.raises(ValueError, match="lacks column"):
        provenance(arts, claims.drop(columns="article_id"), alignment)
    with pytest.raises(ValueError, match="duplicate article_id"):
        provenance(pd.concat([arts, arts]), claims, alignment)
    with pytest.raises(TypeError, match="DataFrame"):
        provenance(arts, claims, [])
    bad = pd.concat([alignment, pd.DataFrame({"claim_a": ["zz:1"], "claim_b": ["b:000"]})])
    with pytest.warns(UserWarning, match="not in the claims table"):
        provenance(arts, claims, bad)


def test_provenance_three_articles_shared_source_and_graph():
    src = mp.meantime_article(next(iter(sorted((mp.MEANTIME / "corpus_airbus").glob("11716*")))))
    rng = __import__("random").Random(5)
    r1 = mp.rewrite(src, rng, "r1", commentary=mp.COMMENTARY[:8])
    r2 = mp.rewrite(src, rng, "r2", commentary=mp.COMMENTARY[8:])
    src = dict(src, article_id="o")
    arts = pd.DataFrame([src, r1, r2])
    claims = mp.simple_claims(arts)
    prov = provenance(arts, claims, mp.simple_align(claims)).set_index(["article_a", "article_b"])
    assert prov.loc[("o", "r1"), "relation"] == "derived"
    assert prov.loc[("o", "r1"), "direction"] == "a->b"
    assert prov.loc[("o", "r2"), "direction"] == "a->b"
    assert prov.loc[("r1", "r2"), "relation"] == "shared_source"
    graph = provenance_graph(arts, prov.reset_index())
    assert isinstance(graph, nx.DiGraph)
    assert graph.has_edge("o", "r1") and not graph.has_edge("r1", "o")
    assert graph.has_edge("r1", "r2") and graph.has_edge("r2", "r1")
    assert graph.nodes["o"]["headline"].startswith("Airbus")
    ax = draw_provenance(graph)
    assert "o\nAirbus" in [t.get_text()[:8] for t in ax.texts]


def test_independent_sources_counts_rewrites_once():
    other = (
        "A regional carrier agreed a deal for twelve long-haul jets, its chief executive said.\n\n"
        "Local analysts questioned whether the airline can afford such expensive aircraft."
    )
    arts, claims, alignment = case({"a": SOURCE, "b": REWRITE, "c": other})
    prov = provenance(arts, claims, alignment)
    rows = prov.set_index(["article_a", "article_b"])
    assert rows.loc[("a", "b"), "relation"] == "derived"
    # hand-built alignment: the deal claim is carried by all three articles
    al = pd.DataFrame(
        {"claim_a": ["a:000", "a:000"], "claim_b": ["b:000", "c:000"], "status": "aligned"}
    )
    prov_c = prov.copy()
    prov_c.loc[prov_c["article_b"] == "c", "relation"] = "independent"
    ind = independent_sources(claims, al, prov_c).set_index("claim_id")
    assert ind.loc["a:000", "n_sources"] == 3 and ind.loc["a:000", "n_independent"] == 2
    assert ind.loc["b:000", "n_sources"] == 2 and ind.loc["b:000", "n_independent"] == 1
    assert "one source" in ind.loc["b:000", "note"]
    assert ind.loc["a:003", "n_sources"] == 1


# ---------------------------------------------------------------- constructed MEANTIME pairs


def test_pairs_file_is_the_seeded_generator_output():
    cases = mp.read_pairs()
    assert len(cases) >= 40
    fresh = mp.build_cases(0)
    assert [c["name"] for c in cases] == [c["name"] for c in fresh]
    assert cases[0]["articles"][1]["text"] == fresh[0]["articles"][1]["text"]


def test_constructed_pairs_precision_recall_floors():
    results = []
    for c in mp.read_pairs():
        arts = pd.DataFrame(c["articles"])
        claims = mp.simple_claims(arts)
        prov = provenance(arts, claims, mp.simple_align(claims))
        for a, b, rel, direction in c["expected"]:
            row = prov[(prov["article_a"] == a) & (prov["article_b"] == b)].iloc[0]
            results.append((rel, direction, row["relation"], row["direction"]))
    # measured on seed 0: derived P 0.96 R 1.00, shared_source P 1.00 R 0.88,
    # independent P 1.00 R 1.00, direction 1.00 (README figures use seeds 0-4)
    for rel, floor in (("derived", 0.9), ("shared_source", 0.75), ("independent", 0.9)):
        tp = sum(e == rel and g == rel for e, _, g, _ in results)
        predicted = sum(g == rel for _, _, g, _ in results)
        actual = sum(e == rel for e, _, _, _ in results)
        assert tp / predicted >= floor, (rel, "precision", tp, predicted)
        assert tp / actual >= floor, (rel, "recall", tp, actual)
    derived = [(d, gd) for e, d, g, gd in results if e == g == "derived"]
    assert sum(d == gd for d, gd in derived) / len(derived) >= 0.9


sentences = st.lists(
    st.sampled_from(
        [
            "The company said profits rose sharply.",
            "Officials reportedly cut the budget by about ten percent.",
            "This is a sign of deeper trouble for everyone involved.",
            "Shares fell on Monday, according to analysts.",
            "",
            "Workers walked out.",
        ]
    ),
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentences, min_size=1, max_size=3), st.booleans())
def test_provenance_never_crashes(texts, dated):
    arts, claims, alignment = case(
        {f"t{i}": "\n\n".join(t) for i, t in enumerate(texts)},
        published={"t0": "2020-01-01"} if dated else {},
    )
    prov = provenance(arts, claims, alignment)
    n = len(texts)
    assert len(prov) == n * (n - 1) // 2
    assert prov["relation"].isin(RELATIONS).all()
    assert prov["score"].between(0, 1).all()
    assert (prov.loc[prov["relation"] != "derived", "direction"] == "").all()


def test_loss_and_gain_counts_a_dropped_attribution():
    claims = pd.DataFrame(
        {
            "claim_id": ["a:1", "a:2", "b:1", "b:2"],
            "article_id": ["a", "a", "b", "b"],
            "seq": [0, 1, 0, 1],
            "text": [
                "Troops reached the river, the ministry said.",
                "The bridge was destroyed on Monday.",
                "Troops reached the river.",
                "The bridge was destroyed.",
            ],
            "speaker": ["the ministry", "", "", ""],
            "attributed": [True, False, False, False],
        }
    ).set_index("claim_id", drop=False)
    pairs = pd.DataFrame({"claim_a": ["a:1", "a:2"], "claim_b": ["b:1", "b:2"]})
    changes = loss_and_gain(claims, pairs, "a", "b")
    assert changes["lost_attribution_b"] == 1 and changes["lost_attribution_a"] == 0
    assert changes["commentary_a"] == changes["commentary_b"] == 0
