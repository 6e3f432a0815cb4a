"""The live views follow the decision files: a change by another kernel refreshes them."""

import asyncio

import pytest

from crosscheck.decisions import DecisionLog
from crosscheck.review.watch import LogWatcher
from test_review import discrepancies


@pytest.fixture(autouse=True)
def _private_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CROSSCHECK_ANALYST", raising=False)


@pytest.fixture
def log(tmp_path):
    return DecisionLog(tmp_path / "decisions", read_only=False)


def test_poll_sees_a_new_file_and_an_appended_line_once(log):
    calls = []
    watcher = LogWatcher(log, lambda: calls.append(1))
    assert not watcher.poll() and calls == []  # no folder yet: nothing changed
    log.append("ann", "d1", "real_discrepancy")
    assert watcher.poll() and len(calls) == 1
    assert not watcher.poll() and len(calls) == 1  # the same files: no second call
    log.append("ann", "d2", "same_meaning")  # the same file grows
    assert watcher.poll() and len(calls) == 2
    watcher.sync()
    assert not watcher.poll()


def test_sync_takes_our_own_save_as_seen(log):
    calls = []
    watcher = LogWatcher(log, lambda: calls.append(1))
    log.append("ann", "d1", "real_discrepancy")
    watcher.sync()
    assert not watcher.poll() and calls == []


def test_start_needs_a_running_loop_and_a_positive_interval(log):
    with pytest.raises(ValueError, match="interval"):
        LogWatcher(log, lambda: None, interval=0)
    watcher = LogWatcher(log, lambda: None)
    assert watcher.start() is False and not watcher.running


@pytest.mark.timeout(30)
def test_the_task_polls_in_the_loop_and_stops(log):
    async def scenario():
        seen = asyncio.Event()
        watcher = LogWatcher(log, seen.set, interval=0.01)
        assert watcher.start() and watcher.running
        await asyncio.sleep(0)  # the loop is not blocked: other work runs
        DecisionLog(log.folder, read_only=False).append("bob", "d3", "benign_variant")
        await seen.wait()
        watcher.stop()
        assert not watcher.running
        return watcher

    assert asyncio.run(scenario()).error == ""


@pytest.mark.timeout(30)
def test_a_failing_callback_stops_the_task_and_is_reported(log):
    errors = []

    def broken():
        raise OSError("disk gone")

    async def scenario():
        watcher = LogWatcher(log, broken, interval=0.01, on_error=errors.append)
        watcher.start()
        log.append("ann", "d1", "real_discrepancy")
        while watcher.running:
            await asyncio.sleep(0.01)
        return watcher

    watcher = asyncio.run(scenario())
    assert errors == ["OSError: disk gone"] and watcher.error == errors[0]


def test_live_views_refresh_when_another_analyst_writes(log, monkeypatch):
    from crosscheck.review import LiveViews, ReviewPanel

    monkeypatch.delenv("CROSSCHECK_HEADLESS", raising=False)
    panel = ReviewPanel(discrepancies(), log, analyst="ann")
    live = LiveViews(panel)
    assert "no verdicts yet" in live.progress.value
    assert "last updated" in live.stamp.value and "auto-refresh off" in live.stamp.value
    panel.record("real_discrepancy")  # our own save refreshes at once ...
    assert not live.watcher.poll()  # ... and is not seen again as a change
    DecisionLog(log.folder, read_only=False).append("bob", "d4", "same_meaning")
    assert live.watcher.poll()  # what the kernel's task calls every 2 s
    assert "<td>bob</td>" in live.progress.value and "bob: Same meaning" in panel.page.value


@pytest.mark.timeout(30)
def test_live_views_watch_in_a_kernel_loop_one_watcher_per_case(log, monkeypatch):
    from crosscheck.review import LiveViews, ReviewPanel

    monkeypatch.delenv("CROSSCHECK_HEADLESS", raising=False)

    async def scenario():
        panel = ReviewPanel(discrepancies(), log, analyst="ann")
        first = LiveViews(panel, interval=0.01)
        assert first.auto.value and first.watcher.running
        assert "watching the decision files every 0.01 s" in first.stamp.value
        second = LiveViews(panel, interval=0.01)  # the cell run again
        assert second.watcher.running and not first.watcher.running and not first.auto.value
        DecisionLog(log.folder, read_only=False).append("bob", "d4", "same_meaning")
        while "<td>bob</td>" not in second.progress.value:
            await asyncio.sleep(0.01)
        second.auto.value = False
        assert not second.watcher.running and "auto-refresh off" in second.stamp.value

    asyncio.run(scenario())


def test_headless_views_do_not_watch(log, monkeypatch):
    from crosscheck.review import LiveViews, ReviewPanel

    monkeypatch.setenv("CROSSCHECK_HEADLESS", "1")

    async def scenario():
        live = LiveViews(ReviewPanel(discrepancies(), log, analyst="ann"))
        return live.auto.value, live.watcher.running

    assert asyncio.run(scenario()) == (False, False)
