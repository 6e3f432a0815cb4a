"""The review panel: clicks write decisions, failures keep them, text is escaped, headless reads."""

import errno

import pandas as pd
import pytest

from crosscheck import decisions as dec
from crosscheck.decisions import DecisionLog, DecisionWriteError
from crosscheck.review import ReviewPanel


def discrepancies(n=5):
    kinds = ["quantity", "time", "attribution", "entity_variant", "characterization"]
    return pd.DataFrame(
        {
            "discrepancy_id": [f"d{i}" for i in range(n)],
            "kind": [kinds[i % 5] for i in range(n)],
            "article_a": "art_a",
            "article_b": "art_b",
            "claim_a": [f"art_a:{i}" for i in range(n)],
            "claim_b": [f"art_b:{i}" for i in range(n)],
            "text_a": [f"Troops <script>alert({i})</script> moved {i} km" for i in range(n)],
            "text_b": [f"Troops moved {i + 1} km" for i in range(n)],
            "value_a": [str(i) for i in range(n)],
            "value_b": [str(i + 1) for i in range(n)],
            "severity": [(i % 5) + 1 for i in range(n)],
            "explanation": ["<img src=x onerror=alert(1)> differs"] * n,
            "direction": "",
            "detail": "",
        }
    )


@pytest.fixture
def log(tmp_path):
    return DecisionLog(tmp_path / "decisions", read_only=False)


def test_queue_starts_with_the_most_severe(log):
    panel = ReviewPanel(discrepancies(), log, analyst="alice")
    assert panel.item["discrepancy_id"] == "d4" and panel.item["severity"] == 5
    assert "0 of 5 reviewed by alice" in panel.progress.value
    assert not any(b.disabled for b in panel.buttons.values())


def test_click_appends_to_the_log_and_updates_progress(log):
    panel = ReviewPanel(discrepancies(), log, analyst="alice")
    panel.note.value = "map shows 4 km"
    panel.buttons["real_discrepancy"].click()
    decisions, problems = log.read()
    assert problems.empty and len(decisions) == 1
    row = decisions.iloc[0]
    assert (row["analyst"], row["item_id"], row["verdict"]) == ("alice", "d4", "real_discrepancy")
    assert row["note"] == "map shows 4 km" and row["text_a"].startswith("Troops <script>")
    assert (row["kind"], row["value_a"], row["value_b"]) == ("characterization", "4", "5")
    assert "1 of 5 reviewed by alice" in panel.progress.value
    assert "Saved: Real discrepancy for d4" in panel.status.value
    assert panel.item["discrepancy_id"] == "d3"  # moved on
    assert panel.note.value == ""


def test_a_new_panel_on_the_same_log_shows_the_decisions(log):
    ReviewPanel(discrepancies(), log, analyst="alice").buttons["benign_variant"].click()
    again = ReviewPanel(discrepancies(), DecisionLog(log.folder, read_only=False), "alice")
    assert "1 of 5 reviewed by alice" in again.progress.value
    assert "alice: <b>Benign variant</b>" in again.detail.value
    assert "Benign variant" in again.page.value
    other = ReviewPanel(discrepancies(), log, analyst="bob")
    assert "0 of 5 reviewed by bob" in other.progress.value
    assert "alice: <b>Benign variant</b>" in other.detail.value  # sees colleagues' verdicts


def test_failed_write_keeps_the_decision_and_retry_saves_it(log, monkeypatch):
    panel = ReviewPanel(discrepancies(), log, analyst="alice")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dec.os, "write", full)
    panel.note.value = "important note"
    panel.buttons["needs_follow_up"].click()
    assert "NOT SAVED" in panel.status.value and "the disk is full" in panel.status.value
    assert panel.retry_button.layout.display != "none"
    assert panel.note.value == "important note"
    assert panel.item["discrepancy_id"] == "d4"  # still on the same item
    assert panel.pending["verdict"] == "needs_follow_up"
    assert "0 of 5" in panel.progress.value
    monkeypatch.undo()

    panel.retry_button.click()
    decisions = log.read()[0]
    assert list(decisions["verdict"]) == ["needs_follow_up"]
    assert list(decisions["note"]) == ["important note"]
    assert panel.pending is None and panel.retry_button.layout.display == "none"
    assert "1 of 5" in panel.progress.value


def test_missing_analyst_name_is_an_error_not_a_silent_drop(log):
    panel = ReviewPanel(discrepancies(), log)
    panel.buttons["same_meaning"].click()
    assert "NOT SAVED" in panel.status.value and "type your name" in panel.status.value
    assert log.read()[0].empty and panel.pending is not None
    panel.analyst.value = "carol"
    assert panel.retry()
    assert list(log.read()[0]["analyst"]) == ["carol"]


def test_hostile_text_is_escaped_in_the_panel(log):
    panel = ReviewPanel(discrepancies(), log, analyst="<b>eve</b>")
    for html in (panel.detail.value, panel.page.value, panel.progress.value):
        assert "<script" not in html and "<img" not in html and "<b>eve" not in html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in panel.detail.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel.detail.value
    assert "<script" not in panel.static_html()


def test_headless_log_disables_the_buttons(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_HEADLESS", "1")
    log = DecisionLog(tmp_path)
    panel = ReviewPanel(discrepancies(), log, analyst="alice")
    assert all(b.disabled for b in panel.buttons.values())
    assert "not written in headless runs" in panel.banner.value
    panel.keys.value = "1"
    assert not panel.record("real_discrepancy")
    assert "read-only" in panel.status.value
    assert list(tmp_path.iterdir()) == []


def test_keys_box_records_and_navigates(log):
    panel = ReviewPanel(discrepancies(), log, analyst="alice")
    panel.keys.value = "n"
    assert panel.item["discrepancy_id"] == "d3" and panel.keys.value == ""
    panel.keys.value = "p"
    assert panel.item["discrepancy_id"] == "d4"
    panel.keys.value = "3"
    assert list(log.read()[0]["verdict"]) == ["same_meaning"]


def test_filters_by_kind_severity_and_undecided(log):
    panel = ReviewPanel(discrepancies(10), log, analyst="alice")
    panel.kind_filter.value = "time"
    assert {panel.queue.loc[i, "kind"] for i in panel.filtered} == {"time"}
    assert "0 of 2 reviewed" in panel.progress.value
    panel.kind_filter.value = ""
    panel.severity_filter.value = 4
    assert len(panel.filtered) == 4
    panel.buttons["benign_variant"].click()
    panel.unreviewed_only.value = True
    assert len(panel.filtered) == 3 and "0 of 3" in panel.progress.value


def test_only_one_page_of_rows_is_rendered(log):
    panel = ReviewPanel(discrepancies(45), log, analyst="alice", page_size=20)
    assert panel.page.value.count("<tr") == 21 and "Page 1 of 3" in panel.page.value
    for _ in range(20):
        panel.next()
    assert "Page 2 of 3" in panel.page.value
    for _ in range(30):
        panel.next()
    assert panel.position == 44 and panel.next_button.disabled
    assert panel.page.value.count("<tr") == 6


def test_unreadable_log_lines_show_a_warning(log):
    log.append("alice", "d1", "same_meaning")
    with open(log.path_for("alice"), "ab") as f:
        f.write(b'{"version": 9')
    panel = ReviewPanel(discrepancies(), log, analyst="alice")
    assert "1 line(s) of the decision log could not be read" in panel.banner.value
    assert "1 of 5" in panel.progress.value


def test_empty_queue_and_display(log):
    panel = ReviewPanel(discrepancies(0), log, analyst="alice")
    assert "No discrepancies match" in panel.detail.value
    assert not panel.record("same_meaning")
    assert all(b.disabled for b in panel.buttons.values())
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_write_error_type_is_what_the_panel_catches():
    assert issubclass(DecisionWriteError, OSError)


def test_missing_columns_raise_a_clear_error(log):
    with pytest.raises(ValueError, match="discrepancy_id"):
        ReviewPanel(discrepancies().drop(columns=["discrepancy_id"]), log)


def entity_pairs():
    return pd.DataFrame(
        {
            "kind": ["place", "place"],
            "surface_a": ["Novoselivka", "Pokrovsk"],
            "surface_b": ["Novoselytsia", "Pokrovske"],
            "verdict": ["variant", "unresolved"],
            "score": [0.9, 0.6],
        }
    )


def test_entity_override_panel_records_a_merge_applied_by_entities(log):
    from crosscheck.review import EntityOverridePanel

    panel = EntityOverridePanel(entity_pairs(), log, analyst="ana")
    assert panel.choice.options[0][0].startswith("unresolved: Pokrovsk")
    assert panel.record("merge")
    overrides = dec.entity_overrides(log)
    assert overrides[["action", "surface_a", "surface_b"]].values.tolist() == [
        ["merge", "Pokrovsk", "Pokrovske"]
    ]


def test_entity_override_panel_keeps_input_when_the_name_is_missing(log):
    from crosscheck.review import EntityOverridePanel

    panel = EntityOverridePanel(entity_pairs(), log, analyst="")
    panel.note.value = "checked the map"
    assert not panel.record("split")
    assert "NOT SAVED" in panel.status.value and panel.note.value == "checked the map"
    assert dec.entity_overrides(log).empty


def test_entity_override_panel_is_read_only_headless(tmp_path):
    from crosscheck.review import EntityOverridePanel

    panel = EntityOverridePanel(entity_pairs(), DecisionLog(tmp_path, read_only=True))
    buttons = panel.widget.children[4].children
    assert all(b.disabled for b in buttons) and "Read-only" in panel.status.value


def test_analyst_names_differing_in_case_are_one_analyst_and_look_alikes_are_refused(log):
    panel = ReviewPanel(discrepancies(), log, analyst="Alice")
    assert panel.record("same_meaning")
    again = ReviewPanel(discrepancies(), log, analyst="alice")
    first = again.queue["discrepancy_id"].iloc[0]
    assert again._verdict_of(first) == "same_meaning"
    again.analyst.value = "\u0430lice"  # Cyrillic a
    assert not again.record("real_discrepancy")
    assert "NOT SAVED" in again.status.value and "several scripts" in again.status.value
    assert list(log.read()[0]["analyst_name"]) == ["Alice"]
