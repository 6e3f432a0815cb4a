"""The decision log: records, validation, safe file names, bad lines, current state, agreement."""

import json
import os
from datetime import datetime

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from crosscheck import decisions as dec
from crosscheck.decisions import DecisionLog, DecisionWriteError


@pytest.fixture
def log(tmp_path):
    return DecisionLog(tmp_path / "decisions", read_only=False)


def discrepancies(ids):
    return pd.DataFrame(
        {
            "discrepancy_id": ids,
            "kind": "quantity",
            "text_a": [f"A {i}" for i in ids],
            "text_b": [f"B {i}" for i in ids],
            "severity": 3,
        }
    )


def test_append_writes_one_complete_versioned_line(log):
    record = log.append(
        "alice",
        "d1",
        "real_discrepancy",
        note="check the map",
        texts={"text_a": "12 km", "text_b": "20 km", "kind": "quantity"},
    )
    lines = log.path_for("alice").read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 2
    stored = json.loads(lines[0])
    assert stored == record
    assert stored["version"] == dec.VERSION == 2
    assert stored["prev"] == dec.GENESIS and len(stored["hash"]) == 64
    assert len(stored["decision_id"]) == 32 and int(stored["decision_id"], 16) >= 0
    assert datetime.fromisoformat(stored["timestamp"]).utcoffset().total_seconds() == 0
    assert (stored["item_kind"], stored["text_a"], stored["text_b"]) == (
        "discrepancy",
        "12 km",
        "20 km",
    )
    decisions, problems = log.read()
    assert problems.empty
    assert decisions.loc[0, "note"] == "check the map"
    assert str(decisions["timestamp"].dt.tz) == "UTC"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"verdict": "probably"},
        {"verdict": "merge"},  # an override action is not a discrepancy verdict
        {"item_id": ""},
        {"item_kind": "other"},
        {"texts": {"evil": "x"}},
        {"extra": {"analyst": "mallory"}},
    ],
)
def test_invalid_decisions_are_rejected_and_not_written(log, kwargs):
    args = {"analyst": "alice", "item_id": "d1", "verdict": "same_meaning", **kwargs}
    with pytest.raises(ValueError):
        log.append(**args)
    assert not log.path_for("alice").exists()


@pytest.mark.parametrize(
    "name", ["../../x", "a/b", "/tmp/abs", "..", ".hidden", "a\x00b", "a\\b", "", "  ", "x" * 101]
)
def test_unsafe_analyst_names_raise_and_write_nothing(tmp_path, name):
    folder = tmp_path / "deep" / "decisions"
    log = DecisionLog(folder, read_only=False)
    with pytest.raises(ValueError, match="analyst name"):
        log.append(name, "d1", "same_meaning")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40))
def test_any_accepted_name_stays_in_the_folder(tmp_path, name):
    log = DecisionLog(tmp_path, read_only=False)
    try:
        path = log.path_for(name)
    except ValueError:
        return
    assert path.resolve().parent == tmp_path.resolve()
    assert path.name.endswith(".jsonl") and not path.name.startswith(".")


def test_torn_last_line_is_reported_kept_and_next_line_starts_clean(log):
    for i in range(3):
        log.append("alice", f"d{i}", "benign_variant")
    path = log.path_for("alice")
    with open(path, "ab") as f:
        f.write(b'{"version": 1, "decision_id": "abc", "anal')
    before = path.read_bytes()
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0", "d1", "d2"]
    assert len(problems) == 1 and problems.loc[0, "line"] == 4
    assert "torn line" in problems.loc[0, "reason"]
    assert problems.loc[0, "raw"].startswith('{"version": 1')

    log.append("alice", "d3", "same_meaning")
    after = path.read_bytes()
    assert after.startswith(before)  # nothing rewritten: the torn line stays
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0", "d1", "d2", "d3"]
    assert len(problems) == 1 and problems.loc[0, "line"] == 4


def test_bad_lines_are_reported_with_reasons(log):
    log.append("alice", "d0", "same_meaning")
    path = log.path_for("alice")
    bad = [
        "not json at all",
        "[1, 2]",
        json.dumps({"version": 1, "analyst": "alice", "verdict": "same_meaning"}),
        json.dumps({"version": 3, "analyst": "alice", "item_id": "d9", "verdict": "x"}),
        json.dumps({"version": "one", "analyst": "alice"}),
        json.dumps(
            {
                "version": 1,
                "analyst": "a",
                "timestamp": "2024-01-01",
                "item_id": "d",
                "verdict": "?",
            }
        ),
    ]
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n".join(bad) + "\n")
        f.write("\xff\n")
    with open(path, "ab") as f:
        f.write(b"\xff\xfe\n")
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0"]
    reasons = list(problems["reason"])
    assert len(reasons) == 8
    assert "not valid JSON" in reasons[0]
    assert "not a JSON object" in reasons[1]
    assert "missing field(s): timestamp, item_id" in reasons[2]
    assert "written by a newer version (v3)" in reasons[3]
    assert "unreadable version" in reasons[4]
    assert "unknown verdict" in reasons[5]
    assert "not valid UTF-8" in reasons[7]
    assert list(problems["line"]) == list(range(2, 10))


def test_old_lines_without_version_are_upgraded(tmp_path):
    old = {
        "analyst": "carol",
        "timestamp": "2024-03-01T10:00:00",
        "discrepancy_id": "d1",
        "verdict": "benign_variant",
        "note": "old format",
        "text_a": "x",
        "text_b": "y",
    }
    (tmp_path / "carol.jsonl").write_text(json.dumps(old) + "\n", encoding="utf-8")
    decisions, problems = DecisionLog(tmp_path, read_only=True).read()
    assert problems.empty
    row = decisions.iloc[0]
    assert (row["version"], row["item_id"], row["item_kind"]) == (0, "d1", "discrepancy")
    assert row["decision_id"].startswith("v0-")
    assert row["timestamp"] == pd.Timestamp("2024-03-01T10:00:00Z")
    # the id of an upgraded line is stable across reads
    again = DecisionLog(tmp_path, read_only=True).read()[0]
    assert again.loc[0, "decision_id"] == row["decision_id"]
    assert [p.name for p in tmp_path.iterdir()] == ["carol.jsonl"]  # reading created nothing


def test_current_is_the_last_decision_per_analyst_and_item(log):
    log.append("alice", "d1", "real_discrepancy")
    log.append("bob", "d1", "same_meaning")
    log.append("alice", "d1", "benign_variant", note="changed my mind")
    log.append("alice", "d2", "needs_follow_up")
    cur = log.current()
    got = {(r.analyst, r.item_id): r.verdict for r in cur.itertuples()}
    assert got == {
        ("alice", "d1"): "benign_variant",
        ("bob", "d1"): "same_meaning",
        ("alice", "d2"): "needs_follow_up",
    }
    assert len(log.read()[0]) == 4  # history kept


def test_current_breaks_timestamp_ties_by_file_order(tmp_path):
    same = "2024-05-01T00:00:00+00:00"
    lines = [
        {"version": 1, "analyst": "a", "timestamp": same, "item_id": "d", "verdict": v}
        for v in ("real_discrepancy", "same_meaning")
    ]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    cur = DecisionLog(tmp_path, read_only=True).current()
    assert list(cur["verdict"]) == ["same_meaning"]


def test_orphans_keep_decisions_whose_discrepancy_disappeared(log):
    log.append("alice", "kept", "same_meaning")
    log.append("alice", "gone", "real_discrepancy", texts={"text_a": "old A", "text_b": "old B"})
    log.append_override("alice", "merge", "Kyiv", "Kiev", kind="place")
    orphans = log.orphans(discrepancies(["kept", "new"]))
    assert list(orphans["item_id"]) == ["gone"]
    assert (orphans.loc[0, "text_a"], orphans.loc[0, "text_b"]) == ("old A", "old B")


def test_entity_overrides_latest_per_key(log):
    log.append_override("alice", "merge", "Kyiv", "Kiev", kind="place")
    log.append_override("bob", "split", "Kiev", "Kyiv", kind="place", note="two places")
    log.append_override("alice", "rename", "Kiev", kind="place", canonical="Kyiv")
    log.append("alice", "d1", "same_meaning")
    overrides = dec.entity_overrides(log)
    assert list(overrides.columns[:5]) == ["action", "surface_a", "surface_b", "kind", "canonical"]
    assert list(overrides["action"]) == ["split", "rename"]
    assert overrides.loc[1, "canonical"] == "Kyiv"
    with pytest.raises(ValueError, match="surface_b"):
        log.append_override("alice", "merge", "Kyiv")
    with pytest.raises(ValueError, match="canonical"):
        log.append_override("alice", "rename", "Kyiv")


def test_empty_log_reads_as_empty_tables(tmp_path):
    log = DecisionLog(tmp_path / "missing", read_only=True)
    decisions, problems = log.read()
    assert decisions.empty and problems.empty
    assert list(decisions.columns[:4]) == ["version", "decision_id", "analyst", "timestamp"]
    assert log.current().empty and log.orphans(discrepancies(["d"])).empty
    assert dec.entity_overrides(log).empty
    assert np.isnan(dec.agreement(log.current())["value"])
    assert dec.disagreements(log.current()).empty


def fill(log, verdicts_by_analyst):
    for analyst, verdicts in verdicts_by_analyst.items():
        for i, v in enumerate(verdicts):
            if v:
                log.append(analyst, f"d{i}", v)


R, B, S, F = dec.DISCREPANCY_VERDICTS


def test_cohen_kappa_for_two_analysts_matches_sklearn(log):
    a = [R, R, B, S, F, R, B, S]
    b = [R, B, B, S, F, R, S, S]
    fill(log, {"alice": a, "bob": b})
    result = dec.agreement(log.current())
    assert result["method"] == "cohen_kappa" and result["n_items"] == 8
    assert result["value"] == pytest.approx(cohen_kappa_score(a, b))
    assert result["observed_agreement"] == pytest.approx(6 / 8)


def test_krippendorff_alpha_for_three_analysts(log):
    a = [R, R, B, S, F, None]
    b = [R, B, B, S, F, R]
    c = [R, R, B, None, F, R]
    fill(log, {"alice": a, "bob": b, "carol": c})
    result = dec.agreement(log.current())
    codes = {v: i for i, v in enumerate(dec.DISCREPANCY_VERDICTS)}
    data = np.array([[codes.get(v, np.nan) for v in row] for row in (a, b, c)], dtype=float)
    expected = krippendorff.alpha(
        reliability_data=data, level_of_measurement="nominal", value_domain=[0, 1, 2, 3]
    )
    assert result["method"] == "krippendorff_alpha" and result["n_items"] == 6
    assert result["value"] == pytest.approx(expected)
    assert result["value"] < 1


def test_agreement_undefined_cases_say_why(log):
    fill(log, {"alice": [R, R]})
    assert "two analysts" in dec.agreement(log.current())["message"]
    fill(log, {"bob": [R, R]})
    result = dec.agreement(log.current())
    assert np.isnan(result["value"]) and "same single verdict" in result["message"]


def test_disagreements_queue(log):
    fill(log, {"alice": [R, B, S], "bob": [R, S, S]})
    log.append("alice", "d1", "benign_variant", note="sure")
    queue = dec.disagreements(log.current())
    assert list(queue["item_id"]) == ["d1"]
    assert queue.loc[0, "verdicts"] == {"alice": B, "bob": S}
    assert queue.loc[0, "notes"]["alice"] == "sure"


def test_read_only_log_never_writes(tmp_path):
    log = DecisionLog(tmp_path, read_only=True)
    with pytest.raises(DecisionWriteError, match="read-only"):
        log.append("alice", "d1", "same_meaning")
    assert list(tmp_path.iterdir()) == []


def test_headless_switch_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_HEADLESS", "1")
    assert dec.is_headless() and DecisionLog(tmp_path).read_only
    monkeypatch.setenv("CROSSCHECK_HEADLESS", "0")
    assert not dec.is_headless() and not DecisionLog(tmp_path).read_only
    monkeypatch.delenv("CROSSCHECK_HEADLESS")
    assert not dec.is_headless()


def test_default_folder_is_data_decisions(monkeypatch, tmp_path):
    monkeypatch.setenv("CROSSCHECK_ROOT", str(tmp_path))
    assert DecisionLog(read_only=True).folder == tmp_path / "data" / "decisions"


def test_write_error_is_an_oserror_with_path_and_reason():
    err = DecisionWriteError("/x/alice.jsonl", "the disk is full", 28)
    assert isinstance(err, OSError) and err.errno == 28
    assert "/x/alice.jsonl" in str(err) and "the disk is full" in str(err)


def test_texts_of_takes_a_discrepancy_row():
    row = {"text_a": "a", "text_b": None, "kind": "time", "value_a": 3, "severity": 4}
    assert dec.texts_of(row) == {
        "text_a": "a",
        "text_b": "",
        "kind": "time",
        "value_a": "3",
        "value_b": "",
    }


def test_lock_files_stay_inside_the_folder(log, tmp_path):
    log.append("alice", "d1", "same_meaning")
    names = sorted(os.listdir(log.folder))
    assert names == ["alice.jsonl", "alice.jsonl.lock"]


# ---------------------------------------------------------------- hostile input (issue 18)


def line_of(record: dict) -> str:
    return json.dumps(record) + "\n"


def old_line(analyst, item, verdict, stamp="2024-05-01T00:00:00+00:00", version=1):
    return line_of(
        {
            "version": version,
            "analyst": analyst,
            "timestamp": stamp,
            "item_id": item,
            "verdict": verdict,
        }  # fmt: skip
    )


def test_current_is_the_last_line_appended_whatever_the_timestamps(tmp_path):
    lines = [  # the second decision was written after a clock correction: earlier stamp
        old_line("a", "d", "real_discrepancy", "2030-01-01T00:00:00+00:00"),
        old_line("a", "d", "same_meaning", "2024-01-01T00:00:00Z"),
    ]
    (tmp_path / "a.jsonl").write_text("".join(lines))
    assert list(DecisionLog(tmp_path, read_only=True).current()["verdict"]) == ["same_meaning"]


@pytest.mark.parametrize(
    "stamp",
    [
        "now",
        "today",
        "NaT",
        "2024-05-01T10:00:00",
        "2024-05-01",
        "",
        "yesterday noon",
        "0001-01-01T00:00:00Z",
        1714557600,
    ],  # fmt: skip
)
def test_timestamps_must_be_utc_instants(tmp_path, stamp):
    text = old_line("a", "d1", "same_meaning") + old_line("a", "d2", "benign_variant", stamp)
    (tmp_path / "a.jsonl").write_text(text)
    decisions, problems = DecisionLog(tmp_path, read_only=True).read()
    assert list(decisions["item_id"]) == ["d1"]
    assert list(problems["line"]) == [2] and "timestamp" in problems.loc[0, "reason"]


def test_offsets_are_converted_to_utc(tmp_path):
    (tmp_path / "a.jsonl").write_text(old_line("a", "d", "same_meaning", "2024-05-01T12:00+02:00"))
    decisions = DecisionLog(tmp_path, read_only=True).read()[0]
    assert decisions.loc[0, "timestamp"] == pd.Timestamp("2024-05-01T10:00:00Z")


def test_hostile_lines_are_problem_rows_and_the_rest_loads(log):
    log.append("alice", "d0", "same_meaning")
    path = log.path_for("alice")
    deep = "[" * 100_000 + "]" * 100_000
    shallow_but_deep = json.dumps({"analyst": "alice", "x": [[[[[[[[[[1]]]]]]]]]]})
    huge_int = '{"version": 1, "analyst": "alice", "n": ' + "9" * 5000 + "}"
    nan = '{"version": 1, "analyst": "alice", "n": NaN}'
    surrogate = '{"version": 1, "analyst": "alice", "note": "\\ud800"}'
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n".join([deep, shallow_but_deep, huge_int, nan, surrogate]) + "\n")
    log.append("alice", "d1", "benign_variant")
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0", "d1"]
    reasons = list(problems["reason"])
    assert len(reasons) == 5
    assert "nested deeper" in reasons[0] and "nested deeper" in reasons[1]
    assert "5000 digits" in reasons[2] and "NaN" in reasons[3]
    assert "surrogate" in reasons[4]
    assert all(len(raw) < 1100 for raw in problems["raw"])


def test_over_long_line_is_skipped_without_reading_it_whole(log, monkeypatch):
    monkeypatch.setattr(dec, "MAX_LINE_BYTES", 1000)
    log.append("alice", "d0", "same_meaning")
    with open(log.path_for("alice"), "a") as f:
        f.write('{"note": "' + "x" * 5000 + '"}\n')
    log.append("alice", "d1", "same_meaning")
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0", "d1"]
    assert list(problems["line"]) == [2] and "longer than 1000 bytes" in problems.loc[0, "reason"]
    assert (log.verify()["status"] == "ok").sum() == 2  # the chain skips the unread line
    with pytest.raises(ValueError, match="longer than"):
        log.append("alice", "d2", "same_meaning", note="y" * 2000)


def test_symlinked_log_is_refused_for_reading_and_writing(tmp_path):
    secret = tmp_path / "secret.jsonl"
    secret.write_text(old_line("mallory", "d-secret", "same_meaning").replace("mallory", "TOKEN"))
    folder = tmp_path / "decisions"
    log = DecisionLog(folder, read_only=False)
    log.append("bob", "d1", "same_meaning")
    (folder / "alice.jsonl").symlink_to(secret)
    (folder / "carol.jsonl").symlink_to(folder / "bob.jsonl")  # even a link inside the folder
    decisions, problems = log.read()
    assert list(decisions["analyst"]) == ["bob"]
    assert len(problems) == 2 and set(problems["line"]) == {0}
    assert all("symbolic link" in r for r in problems["reason"])
    assert "TOKEN" not in problems.to_csv() and "d-secret" not in problems.to_csv()
    before = secret.read_bytes()
    with pytest.raises(DecisionWriteError, match="symbolic link"):
        log.append("alice", "d2", "real_discrepancy")
    assert secret.read_bytes() == before
    assert set(log.verify().query("status == 'refused'")["file"]) == {
        str(folder / "alice.jsonl"),
        str(folder / "carol.jsonl"),
    }


def test_log_folder_with_a_directory_named_like_a_log(tmp_path):
    (tmp_path / "x.jsonl").mkdir()
    decisions, problems = DecisionLog(tmp_path, read_only=True).read()
    assert decisions.empty and "not a regular file" in problems.loc[0, "reason"]


def test_chain_links_each_line_to_the_previous_complete_line(log):
    for i in range(3):
        log.append("alice", f"d{i}", "same_meaning")
    raw = log.path_for("alice").read_bytes().split(b"\n")[:-1]
    records = [json.loads(x) for x in raw]
    assert records[0]["prev"] == dec.GENESIS
    assert [r["prev"] for r in records[1:]] == [dec._sha(x) for x in raw[:-1]]
    report = log.verify()
    assert list(report["status"]) == ["ok"] * 3
    assert report["hash"].iloc[-1] == dec._sha(raw[-1])


def tamper(log, change):
    path = log.path_for("alice")
    lines = path.read_bytes().split(b"\n")[:-1]
    path.write_bytes(b"\n".join(change(lines)) + b"\n")
    return log.verify()


@pytest.fixture
def chained(log):
    for i in range(4):
        log.append("alice", f"d{i}", "same_meaning")
    return log


def test_edited_line_is_reported(chained):
    report = tamper(chained, lambda ls: [ls[0], ls[1].replace(b"same_meaning", b"benign_variant"),
                                         *ls[2:]])  # fmt: skip
    assert list(report["status"]) == ["ok", "edited", "broken", "ok"]


def test_edited_last_line_is_reported(chained):
    report = tamper(chained, lambda ls: [*ls[:-1], ls[-1].replace(b"same_meaning", b"x_y")])
    assert list(report["status"])[-1] == "edited"


def test_removed_line_is_reported(chained):
    report = tamper(chained, lambda ls: [ls[0], ls[2], ls[3]])
    assert list(report["status"]) == ["ok", "broken", "ok"]
    assert "removed" in report.loc[1, "reason"]


def test_removed_first_line_is_reported(chained):
    report = tamper(chained, lambda ls: ls[1:])
    assert list(report["status"]) == ["broken", "ok", "ok"]


def test_reordered_lines_are_reported(chained):
    report = tamper(chained, lambda ls: [ls[0], ls[2], ls[1], ls[3]])
    assert list(report["status"]).count("broken") >= 2
    assert "reordered" in " ".join(report["reason"])


def test_inserted_unchained_line_is_reported(chained):
    extra = old_line("alice", "dx", "real_discrepancy").strip().encode()
    report = tamper(chained, lambda ls: [ls[0], ls[1], extra, ls[2], ls[3]])
    assert list(report["status"]) == ["ok", "ok", "broken", "broken", "ok"]


def test_old_format_log_loads_unchained_and_new_lines_chain_on(tmp_path):
    """A log written by v1 (no prev/hash) and v0: loads, reported unchained, then chained."""
    path = tmp_path / "alice.jsonl"
    v0 = {"analyst": "alice", "timestamp": "2024-03-01T10:00:00", "discrepancy_id": "d0",
          "verdict": "benign_variant"}  # fmt: skip
    path.write_text(line_of(v0) + old_line("alice", "d1", "same_meaning"))
    log = DecisionLog(tmp_path, read_only=False)
    log.append("alice", "d2", "real_discrepancy")
    decisions, problems = log.read()
    assert problems.empty and list(decisions["item_id"]) == ["d0", "d1", "d2"]
    assert list(decisions["chain"]) == ["unchained", "unchained", "ok"]
    assert list(log.verify()["status"]) == ["unchained", "unchained", "ok"]


def test_torn_line_is_reported_and_the_chain_continues(log):
    log.append("alice", "d0", "same_meaning")
    with open(log.path_for("alice"), "ab") as f:
        f.write(b'{"version": 2, "anal')
    log.append("alice", "d1", "same_meaning")
    report = log.verify()
    assert list(report["status"]) == ["ok", "torn", "ok"]
    assert "torn" in report.loc[1, "reason"] and "continues from line 1" in report.loc[1, "reason"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("\u0430nalyst", "several scripts"),  # Cyrillic a + Latin
        ("ana\u200blyst", "invisible"),
        ("ana\u202elyst", "bidirectional"),
        ("ana\u0007lyst", "control character"),
        ("\u0391lice", "several scripts"),  # Greek capital alpha
    ],
)
def test_look_alike_and_invisible_names_are_refused_saying_why(log, name, why):
    with pytest.raises(ValueError, match=why) as info:
        log.append(name, "d1", "same_meaning")
    assert "\u202e" not in str(info.value)  # the message shows the character escaped
    assert not any(log.folder.glob("*.jsonl")) if log.folder.exists() else True


def test_names_are_normalised_and_compared_case_folded(log):
    nfd = "Jose\u0301"
    log.append("Alice", "d1", "same_meaning")
    log.append("alice", "d1", "real_discrepancy")
    log.append(nfd, "d1", "same_meaning")
    log.append("José", "d2", "same_meaning")
    log.append("alice smith", "d3", "same_meaning")
    log.append("Alice_Smith", "d3", "benign_variant")
    cur = log.current()
    assert sorted(cur["analyst"].unique()) == ["alice", "alice_smith", "josé"]
    assert {(r.analyst, r.item_id): r.verdict for r in cur.itertuples()}[("alice", "d1")] == (
        "real_discrepancy"
    )
    assert sorted(p.name for p in log.files()) == ["alice.jsonl", "alice_smith.jsonl", "josé.jsonl"]
    assert dec.analyst_key("ＡＬＩＣＥ") == "alice"  # NFKC: full-width letters


def test_file_names_never_collide():
    names = ["a b", "a_b", "a%b", "a%25b", "a:b", "a?b", "Ab", "ab"]
    stems = {n: dec.safe_file_stem(n) for n in names}
    assert stems["a b"] == stems["a_b"]  # explicitly one analyst
    assert stems["Ab"] == stems["ab"]
    others = [stems[n] for n in ["a_b", "a%b", "a%25b", "a:b", "a?b", "ab"]]
    assert len(set(others)) == len(others)
    assert all(set(s) <= set("ab_%0123456789ABCDEF") for s in others)


def test_old_lines_with_look_alike_names_are_kept_aside(tmp_path):
    text = old_line("alice", "d1", "same_meaning") + old_line("\u0430lice", "d1", "benign_variant")
    text += old_line("al\u202eice", "d2", "same_meaning")
    (tmp_path / "x.jsonl").write_text(text)
    decisions, problems = DecisionLog(tmp_path, read_only=True).read()
    assert list(decisions["analyst"]) == ["alice"]
    assert len(problems) == 2 and all("refused" in r for r in problems["reason"])
    assert "\u202e" not in problems.to_csv() and "\\u202e" in problems.loc[1, "raw"]


def test_bidi_in_names_and_notes_is_shown_escaped_in_html_and_markdown():
    from crosscheck import export

    hostile = "ok\u202etxt.exe <b>"
    html_out, md_out = export.escape_html(hostile), export.escape_markdown(hostile)
    assert "\u202e" not in html_out and "\\u202e" in html_out and "&lt;b&gt;" in html_out
    assert "\u202e" not in md_out and "u202e" in md_out
    assert export.escape_html("zero\u200bwidth") == "zero\\u200bwidth"
    assert export.escape_html("line\nbreak") == "line\nbreak"
