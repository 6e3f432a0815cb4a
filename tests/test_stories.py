"""Story grouping: undated articles, blocking, incremental runs, bad input (invented texts)."""

import random

import numpy as np
import pandas as pd
import pytest

from crosscheck.comparison import stories
from crosscheck.comparison.stories import candidate_pairs, group_stories, strip_date_lines

EVENTS = [
    ("Valdoria", "Mount Kesrel", "volcano erupted", "ash", "villagers", 4200, "Petra Lunde"),
    ("Ostrava Bay", "Harbour Nine", "tanker ran aground", "oil", "fishermen", 37, "Jonas Ekberg"),
    ("Tarnow", "Miller Stadium", "roof collapsed", "snow", "spectators", 18, "Amal Rashidi"),
    (
        "Brightwater",
        "the Elm Street bank",
        "robbers escaped",
        "cash",
        "tellers",
        250000,
        "Dora Mak",
    ),
    ("Kellington", "Route 9", "bus overturned", "ice", "passengers", 23, "Tomas Vrba"),
]
FRAMES = [
    "{name} said the {what} near {place} in {region} early on {day}.\n"
    "Officials counted {n} {who} affected as {stuff} spread.\n"
    "Rescue teams from {region} reached {place} by the afternoon.",
    "In {region}, the {what} at {place}, according to {name}.\n"
    "About {n} {who} were caught up, and {stuff} covered roads nearby.\n"
    "Authorities in {region} promised an inquiry into what happened at {place}.",
    "Witnesses described chaos after the {what} close to {place}.\n"
    "{name} told reporters that {n} {who} needed help while {stuff} kept falling.\n"
    "The {region} government sent extra staff to {place}.",
]
DAYS = ["Monday", "Tuesday", "Friday"]


def article(event: int, frame: int, rng: random.Random) -> str:
    region, place, what, stuff, who, n, name = EVENTS[event]
    return FRAMES[frame].format(region=region, place=place, what=what, stuff=stuff, who=who,
                                n=n, name=name, day=rng.choice(DAYS))  # fmt: skip


def corpus(per_event: int = 3, seed: int = 0, published=None) -> tuple[pd.DataFrame, dict]:
    rng = random.Random(seed)
    rows, gold = [], {}
    for e in range(len(EVENTS)):
        for k in range(per_event):
            aid = f"e{e}-{k}"
            rows.append({"article_id": aid, "text": article(e, k % len(FRAMES), rng),
                         "published": published(e, k) if published else ""})  # fmt: skip
            gold[aid] = e
    return pd.DataFrame(rows), gold


def assert_matches_gold(result: pd.DataFrame, gold: dict) -> None:
    by_id = dict(zip(result["article_id"], result["story_id"], strict=True))
    for a in gold:
        for b in gold:
            assert (by_id[a] == by_id[b]) == (gold[a] == gold[b]), (a, b)


def test_strip_date_lines_removes_only_stamp_lines():
    text = (
        "Harbour fire destroys warehouses\n"
        "Posted: Tuesday, 14 March 2017 09:12 GMT\n"
        "2017-03-14\n"
        "Updated Mar. 15, 2017 | 6:40pm\n"
        "The fire started on March 14, 2017 near the docks.\n"
        "May the owners rebuild soon, the mayor said."
    )
    kept = strip_date_lines(text).splitlines()
    assert kept == [
        "Harbour fire destroys warehouses",
        "The fire started on March 14, 2017 near the docks.",
        "May the owners rebuild soon, the mayor said.",
    ]


def test_undated_articles_group_by_content_and_say_so():
    frame, gold = corpus()
    result = group_stories(frame)
    assert_matches_gold(result, gold)
    assert any("no publication date" in w for w in result.attrs["warnings"])


def test_dates_are_soft_when_both_known():
    frame, gold = corpus(published=lambda e, k: f"2021-0{1 + 3 * k}-10")  # months apart
    result = group_stories(frame)
    # the same event reported months apart: kept apart (weaker similarity)
    by_event = result.assign(event=result["article_id"].str[:2]).groupby("event")["story_id"]
    assert (by_event.nunique() > 1).all()
    assert not any("no publication date" in w for w in result.attrs["warnings"])
    close, gold = corpus(published=lambda e, k: f"2021-01-1{k}")
    assert_matches_gold(group_stories(close), gold)


def test_blocking_does_not_pair_everything():
    frame, _ = corpus(per_event=6)
    _, words = stories.story_vectors(frame["text"].tolist())
    pairs = candidate_pairs(words, neighbours=3)
    n = len(frame)
    assert len(pairs) < n * (n - 1) / 2 / 2
    assert (pairs[:, 0] < pairs[:, 1]).all()


def test_incremental_keeps_ids_and_assigns_new_articles():
    frame, gold = corpus()
    first = group_stories(frame)
    rng = random.Random(9)
    new = pd.DataFrame(
        [
            {"article_id": "late-e2", "text": article(2, 1, rng), "published": ""},
            {"article_id": "other", "published": "",
             "text": "A chess prodigy from Lisbon won the junior open on Sunday.\n"
                     "She beat four grandmasters, the federation said.\n"
                     "Her coach called the result astonishing."},
        ]
    )  # fmt: skip
    second = group_stories(pd.concat([frame, new], ignore_index=True), previous=first)
    merged = second.set_index("article_id")["story_id"]
    before = first.set_index("article_id")["story_id"]
    assert (merged[before.index] == before).all()  # nobody renumbered
    assert merged["late-e2"] == before["e2-0"]
    assert merged["other"] not in set(before)
    assert any("joined earlier stories" in w for w in second.attrs["warnings"])
    # an earlier article keeps its story even when grouping again would move it
    moved = first.assign(
        story_id=np.where(first["article_id"] == "e0-0", "s-old", first["story_id"])
    )
    again = group_stories(frame, previous=moved).set_index("article_id")["story_id"]
    assert again["e0-0"] == "s-old"


def test_identical_articles_make_one_story():
    frame = pd.DataFrame(
        {"article_id": [f"x{i}" for i in range(40)], "text": [article(1, 0, random.Random(1))] * 40}
    )
    result = group_stories(frame)
    assert result["story_id"].nunique() == 1
    assert any("near-duplicates" in w for w in result.attrs["warnings"])


def test_one_article_far_longer_than_the_rest():
    frame, gold = corpus()
    rng = random.Random(3)
    long = " ".join(article(3, k % 3, rng) for k in range(300))
    frame.loc[frame["article_id"] == "e3-0", "text"] = long
    result = group_stories(frame)
    assert_matches_gold(result, gold)
    assert any("times the median length" in w for w in result.attrs["warnings"])


@pytest.mark.timeout(300)
def test_many_near_duplicates_of_one_wire_story():
    rng = random.Random(4)
    wire = "\n".join(article(0, k, rng) for k in range(3))
    words = wire.split(" ")
    copies = []
    for i in range(1500):
        w = list(words)
        w[rng.randrange(len(w))] = rng.choice(["local", "regional", "national", "early"])
        copies.append({"article_id": f"w{i:04d}", "text": f"Outlet {i} report\n" + " ".join(w)})
    frame, gold = corpus()
    frame = pd.concat([frame, pd.DataFrame(copies)], ignore_index=True)
    grouped = group_stories(frame)
    result = grouped.set_index("article_id")["story_id"]
    wire_story = result["w0000"]
    assert (result[[c["article_id"] for c in copies]] == wire_story).all()
    others = [a for a, e in gold.items() if e != 0]
    assert not (result[others] == wire_story).any()
    assert any("near-duplicates" in w for w in grouped.attrs["warnings"])


def test_empty_and_wordless_texts_stay_alone():
    frame = pd.DataFrame(
        {"article_id": ["a", "b", "c"], "text": ["", "the of and", article(4, 0, random.Random())]}
    )
    result = group_stories(frame)
    assert result["story_id"].nunique() == 3
    assert any("no text" in w for w in result.attrs["warnings"])


def test_text_facts_reads_counts_with_their_cues():
    facts = stories.text_facts(
        "A magnitude 6.4 quake struck the coast, killing 12 people.\n"
        "Seven fishermen were killed and 40 were injured.\n"
        "The harbour master, who had worked there since 1998, died in 2009."
    )
    assert facts == {"magnitude": {"6.4"}, "dead": {"12", "7"}, "hurt": {"40"}}
    assert stories.text_facts("Officials met 3 times in 2011 to plan the new road.") == {}


QUAKE = [
    "A {m}-magnitude earthquake shook Vessa island near the town of Orlo, killing {d} people.",
    "The quake near Orlo on Vessa island was {m} in magnitude; {d} residents were killed and "
    "{h} injured.",
    "Rescuers on Vessa island dug through rubble in Orlo after the magnitude {m} quake. "
    "{d} people died and {h} were hurt.",
]
QUAKE_TAIL = (
    "\nThe Vessa island governor said schools in Orlo would stay closed while engineers "
    "inspected buildings, and aid flights landed at the Orlo airstrip."
)


def two_quakes():
    rows = []
    for event, (m, d, h) in enumerate([("5.8", "4", "30"), ("6.9", "61", "450")]):
        for k, frame in enumerate(QUAKE):
            text = frame.format(m=m, d=d, h=h) + QUAKE_TAIL
            rows.append({"article_id": f"q{event}-{k}", "text": text})
    return pd.DataFrame(rows), {f"q{e}-{k}": e for e in range(2) for k in range(3)}


def test_conflicting_facts_separate_events_that_share_their_names(monkeypatch):
    frame, gold = two_quakes()
    assert_matches_gold(group_stories(frame), gold)
    monkeypatch.setattr(stories, "FACT_FACTOR", 1.0)  # without the facts: one story
    assert group_stories(frame)["story_id"].nunique() == 1


def test_new_report_with_other_facts_does_not_join_the_earlier_story():
    frame, gold = two_quakes()
    first = group_stories(frame[frame["article_id"].str.startswith("q0")])
    later = group_stories(frame, previous=first)
    assert_matches_gold(later, gold)
    kept = dict(zip(first["article_id"], first["story_id"], strict=True))
    assert all(later.set_index("article_id").loc[a, "story_id"] == s for a, s in kept.items())


def _unit_rows(rows):
    m = np.asarray(rows, dtype=float)
    return stories.sparse.csr_matrix(m / np.linalg.norm(m, axis=1, keepdims=True))


def test_a_report_left_alone_joins_the_story_it_is_similar_to_on_average():
    # two stories of three reports, one report close to the first, one close to neither
    matrix = _unit_rows(
        [[1, 0, 0], [1, 0.1, 0], [1, 0, 0.1], [0, 1, 0], [0, 1, 0.1], [0.1, 1, 0],
         [0.5, 0, 0.86], [0, 0, 1]]
    )  # fmt: skip
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 3])
    days = np.full(8, np.nan)
    out = stories._attach_small(matrix, labels, 0.15, 7, days, {})
    assert out.tolist() == [0, 0, 0, 1, 1, 1, 0, 3]
    higher = stories._attach_small(matrix, labels, 0.6, 7, days, {})  # under the bar: stays
    assert higher.tolist() == labels.tolist()


def test_a_report_with_another_death_toll_is_not_attached():
    told = "A ferry sank off the cape and {} people were killed."
    texts = [told.format(12)] * 3 + ["Talks resumed."] * 3 + [told.format(40)]
    matrix = _unit_rows([[1, 0, 0]] * 3 + [[0, 1, 0]] * 3 + [[0.25, 0, 0.97]])
    labels = np.array([0, 0, 0, 1, 1, 1, 2])
    days = np.full(7, np.nan)
    facts = stories.fact_matrices(texts)
    assert stories._attach_small(matrix, labels, 0.15, 7, days, {})[-1] == 0  # no facts: joins
    assert stories._attach_small(matrix, labels, 0.15, 7, days, facts)[-1] == 2  # 12 vs 40 dead


def test_lone_reports_attach_the_same_in_any_chunking_and_respect_the_earliest_date(
    monkeypatch,
):
    # stories 0 and 1 (three reports each, dated days 100-102 and 200-201); four lone reports:
    # close to story 0 on day 103, close to story 0 but 30 days after its earliest date, close
    # to story 1 and undated, close to neither
    matrix = _unit_rows(
        [[1, 0, 0], [1, 0.1, 0], [1, 0, 0.1], [0, 1, 0], [0, 1, 0.1], [0.1, 1, 0],
         [1, 0.05, 0.05], [1, 0, 0.05], [0.05, 1, 0], [0, 0, 1]]
    )  # fmt: skip
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 3, 4, 5])
    days = np.array([100, 101, 102, 200, 200, 201, 103, 130, np.nan, 150], dtype=float)
    whole = stories._attach_small(matrix, labels, 0.15, 7, days, {})
    assert whole.tolist() == [0, 0, 0, 1, 1, 1, 0, 3, 1, 5]
    monkeypatch.setattr(stories, "ATTACH_CHUNK", 1)  # each lone report in its own chunk
    assert stories._attach_small(matrix, labels, 0.15, 7, days, {}).tolist() == whole.tolist()


def test_character_block_is_built_only_when_weighted():
    texts = ["the plumbers unionised quickly", "a plumbing union formed slowly"]
    plain, _ = stories.story_vectors(texts)
    assert "chars" not in stories.WEIGHTS
    assert (plain @ plain.T).toarray()[0, 1] == pytest.approx(0.0)  # no whole word in common
    weights = {**stories.WEIGHTS, "chars": 0.1}
    with_chars, _ = stories.story_vectors(texts, weights=weights)
    assert with_chars.shape[1] > plain.shape[1]
    assert (with_chars @ with_chars.T).toarray()[0, 1] > 0.0  # "plum", "unio" in common
