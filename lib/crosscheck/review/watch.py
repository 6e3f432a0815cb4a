"""Watch a case's decision files and call back when any of them changes (no widgets here).

LogWatcher(log, on_change, interval=2.0, on_error=None)
    .signature()   (name, size, mtime_ns) of every *.jsonl file of the log's folder (links and
                   refused entries included: a change to them is a change to what is shown)
    .poll() -> bool   compare with the last signature; on a change call on_change() and return
                   True. Synchronous: tests and callers without an event loop use it directly.
    .sync()        take the current files as seen (after a refresh the caller made itself, so
                   its own save does not trigger a second refresh)
    .start() -> bool  poll every ``interval`` seconds in an asyncio task on the running event
                   loop (a Jupyter or Voila kernel); False, and nothing started, without a
                   running loop. The task never blocks (it sleeps between polls) and dies with
                   the kernel's loop: no thread outlives the kernel.
    .stop()        cancel the task
    .running, .error   whether the task runs; the exception that stopped it ("" if none)

A callback that raises stops the task: the error is kept in ``error`` and passed to
on_error(message) (without on_error it propagates out of the task), never swallowed; the next
start() tries again.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable


class LogWatcher:
    def __init__(
        self,
        log,
        on_change: Callable[[], None],
        interval: float = 2.0,
        on_error: Callable[[str], None] | None = None,
    ):
        if interval <= 0:
            raise ValueError(f"interval must be positive seconds, not {interval!r}")
        self.log = log
        self.on_change = on_change
        self.on_error = on_error
        self.interval = float(interval)
        self.error = ""
        self._task: asyncio.Task | None = None
        self._seen = self.signature()

    def signature(self) -> tuple:
        folder = self.log.folder
        if not folder.is_dir():
            return ()
        out = []
        for path in sorted(folder.glob("*.jsonl")):
            try:
                st = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:  # removed between the listing and the stat: not there
                continue
            out.append((path.name, st.st_size, st.st_mtime_ns))
        return tuple(out)

    def sync(self) -> None:
        self._seen = self.signature()

    def poll(self) -> bool:
        now = self.signature()
        if now == self._seen:
            return False
        self._seen = now
        self.on_change()
        return True

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> bool:
        if self.running:
            return True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop runs here (a script, a test): poll() by hand
            return False
        self.error = ""
        self._task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                self.poll()
            except Exception as exc:  # the task ends; the error is kept and reported
                self.error = f"{type(exc).__name__}: {exc}"
                if self.on_error is None:
                    raise
                self.on_error(self.error)
                return
