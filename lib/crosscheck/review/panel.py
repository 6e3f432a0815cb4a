"""Review panels: the ipywidgets panels (the only module that imports ipywidgets).

ReviewPanel(discrepancies, log, analyst="", page_size=20, articles=None, claims=None)
    One item per aligned claim pair (crosscheck.review.items), carrying all its kinds; a verdict
    on an item is appended once per discrepancy_id it covers (same ``batch``).
    .widget                 the ipywidgets VBox (the panel also displays itself in a notebook)
    .record(verdict)        a verdict on the current item; moves to the next item
    .record_selection(verdict)  the same verdict on every item the filters show (bulk)
    .undo()                 retract this analyst's current verdict on the item (appended line)
    .retry()                save the decision that failed to save (the "Retry save" button)
    .next() / .previous()   move through the filtered queue (most severe first)
    .on_save(callback)      callback() after every saved verdict (the live views use it)
    .static_html(max_rows=None)  the same review as plain HTML (crosscheck.export)
    Filters: kind, severity, article, verdict (undecided / a verdict / disagreement), text
    search; a filter change keeps the current item when it still matches.
    Context: outlet, headline, date ("undated"), the paragraph around each claim with the claim
    highlighted and the whole article on demand (when articles and claims are given); a diff
    that marks names, numbers, negations, dates and changed content words; the verdict
    guidelines; this item's history from the log. The note box shows the analyst's current
    note on the item and keeps it when the verdict changes.
    The analyst name defaults to the remembered one (crosscheck.review.identity) and is shown
    as the log stores it; a saved verdict remembers it.

AdjudicationPanel(discrepancies, log, adjudicator="")
    The disagreement queue: every analyst's verdict and note side by side; a resolution by the
    adjudicator is a log line naming the decision_ids it resolves.

LiveViews(panel, interval=2.0)
    Progress, agreement (a table: Cohen's kappa, Krippendorff's alpha, per kind) and the
    static summary; refreshed after every saved verdict, by "Refresh" (re-reads the log, so
    other analysts' verdicts appear) and, while "Auto-refresh" is ticked, whenever a decision
    file of the case changes (crosscheck.review.watch.LogWatcher, polling every ``interval``
    seconds in the kernel's event loop; off in headless runs); "last updated HH:MM:SS".

Keyboard shortcuts: ipywidgets has no key events, so the panel has a small "Keys" text box:
1-4 verdicts, n/j next, p/k previous, u undo. A log opened read-only (headless runs:
CROSSCHECK_HEADLESS=1) disables the verdict buttons and says so. A failed save
(DecisionWriteError) shows the error, keeps the verdict and the note and shows "Retry save".
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime

import ipywidgets as W
import numpy as np
import pandas as pd

from crosscheck import decisions as dec
from crosscheck.decisions import (
    DISCREPANCY_VERDICTS,
    DecisionLog,
    DecisionWriteError,
    analyst_key,
    current,
    texts_of,
)
from crosscheck.review import context, export, identity, progress
from crosscheck.review.diff import DIFF_STYLE, meaning_diff
from crosscheck.review.items import item_decisions, review_items
from crosscheck.review.watch import LogWatcher

KEYS = {"1": 0, "2": 1, "3": 2, "4": 3}
BUTTON_STYLE = {
    "real_discrepancy": "danger",
    "benign_variant": "info",
    "same_meaning": "success",
    "needs_follow_up": "warning",
}
ALL = ""
UNDECIDED, DISAGREE = "(undecided)", "(disagreement)"


def _short(text, n=140) -> str:
    text = " ".join(export._text(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S")


def guidelines_html() -> str:
    rows = "".join(
        f"<li><b>{export.escape_html(export.VERDICT_LABELS[v])}</b>: "
        f"{export.escape_html(export.VERDICT_GUIDE[v])}</li>"
        for v in DISCREPANCY_VERDICTS
    )
    return f"<details><summary>Verdict guidelines</summary><ul>{rows}</ul></details>"


class ReviewPanel:
    """Adjudicate review items one at a time; every verdict is appended to the log."""

    def __init__(
        self,
        discrepancies: pd.DataFrame,
        log: DecisionLog,
        analyst: str = "",
        page_size=20,
        articles: pd.DataFrame | None = None,
        claims: pd.DataFrame | None = None,
        entities: pd.DataFrame | None = None,
    ):
        self.log = log
        # nearest real names of places not in the gazetteer, computed with the analysis
        # (pipeline.with_nearest_places); without an entity table they are looked up on demand
        self.nearest = (
            None
            if entities is None or "gazetteer_nearest" not in entities
            else dict(zip(entities["surface"], entities["gazetteer_nearest"], strict=True))
        )
        self.page_size = max(1, int(page_size))
        self.discrepancies = discrepancies
        self.queue = review_items(discrepancies)
        self.queue["discrepancy_id"] = self.queue["discrepancy_ids"].map(
            lambda ids: ids[0] if ids else ""
        )
        self.ids = self.queue["item_id"].astype(str).to_numpy()
        self.item_of = {
            d: i for i, ds in zip(self.ids, self.queue["discrepancy_ids"], strict=True) for d in ds
        }
        self.labels = context.article_labels(articles)
        self.articles = (
            {}
            if articles is None
            else {str(a["article_id"]): a for a in articles.to_dict("records")}
        )
        self.claims = (
            {} if claims is None else {str(c["claim_id"]): c for c in claims.to_dict("records")}
        )
        self.pending: dict | None = None
        self.listeners: list = []
        self.reload()
        self._build_widgets(analyst or identity.remembered_analyst())
        self.filtered = np.arange(len(self.queue))
        self.position = 0
        self._apply_filters()

    @classmethod
    def for_case(cls, case, log: DecisionLog, analyst: str = "", page_size=20):
        return cls(
            case.discrepancies, log, analyst, page_size, case.articles, case.claims, case.entities
        )

    def reload(self) -> None:
        """Re-read the log: the verdicts, notes and problems shown."""
        self.decisions, self.problems = self.log.read()
        self.current = current(self.decisions)
        self.decided = item_decisions(self.queue, self.current)

    # ---- widgets -------------------------------------------------------------------------
    def _build_widgets(self, analyst: str) -> None:
        kinds = sorted({k for ks in self.queue["kinds"] for k in ks}) if len(self.queue) else []
        arts = sorted(set(self.queue["article_a"]) | set(self.queue["article_b"]) - {""})
        self.analyst = W.Text(
            value=analyst, description="Analyst", placeholder="your name", continuous_update=False
        )
        self.identity = W.HTML()
        self.kind_filter = W.Dropdown(
            options=[("All kinds", ALL)] + [(k, k) for k in kinds], description="Kind"
        )
        self.severity_filter = W.Dropdown(
            options=[(f"{s} or more", s) for s in range(1, 6)], value=1, description="Severity"
        )
        self.article_filter = W.Dropdown(
            options=[("All articles", ALL)]
            + [(context.label_of(self.labels, a), a) for a in arts if a],
            description="Article",
        )
        self.verdict_filter = W.Dropdown(
            options=[
                ("Any verdict", ALL),
                ("Undecided by me", UNDECIDED),
                ("Analysts disagree", DISAGREE),
            ]
            + [(export.VERDICT_LABELS[v], v) for v in DISCREPANCY_VERDICTS],
            description="Verdict",
        )
        self.search = W.Text(
            description="Search", placeholder="words in either claim", continuous_update=False
        )
        self.unreviewed_only = W.Checkbox(value=False, description="Only items I have not decided")
        self.banner, self.progress, self.detail = W.HTML(), W.HTML(), W.HTML()
        self.page, self.status, self.history = W.HTML(), W.HTML(), W.HTML()
        self.guide = W.HTML(guidelines_html())
        self.note = W.Textarea(placeholder="note (optional)", layout=W.Layout(width="100%"))
        self.buttons = {}
        for i, verdict in enumerate(DISCREPANCY_VERDICTS, start=1):
            label = export.VERDICT_LABELS[verdict]
            button = W.Button(
                description=f"{label} [{i}]",
                tooltip=f"{label}: {export.VERDICT_GUIDE[verdict]} (key {i} in the Keys box)",
                button_style=BUTTON_STYLE[verdict],
                layout=W.Layout(width="auto"),
            )
            button.on_click(lambda _b, v=verdict: self.record(v))
            self.buttons[verdict] = button
        self.bulk_verdict = W.Dropdown(
            options=[(export.VERDICT_LABELS[v], v) for v in DISCREPANCY_VERDICTS],
            description="All shown:",
        )
        self.bulk_button = W.Button(description="Apply to every item shown", button_style="")
        self.bulk_button.on_click(lambda _b: self.record_selection(self.bulk_verdict.value))
        self.undo_button = W.Button(description="Undo my verdict [u]")
        self.undo_button.on_click(lambda _b: self.undo())
        self.retry_button = W.Button(
            description="Retry save", button_style="warning", layout=W.Layout(display="none")
        )
        self.retry_button.on_click(lambda _b: self.retry())
        self.prev_button = W.Button(description="◀ Previous [p]", layout=W.Layout(width="auto"))
        self.next_button = W.Button(description="Next [n] ▶", layout=W.Layout(width="auto"))
        self.prev_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.keys = W.Text(
            placeholder="Keys: 1-4, n/p, u",
            description="Keys",
            continuous_update=True,
            layout=W.Layout(width="16em"),
        )
        self.keys.observe(self._on_key, names="value")
        filters = (
            self.kind_filter,
            self.severity_filter,
            self.unreviewed_only,
            self.article_filter,
            self.verdict_filter,
            self.search,
        )
        for control in filters:
            control.observe(lambda _c: self._apply_filters(keep_item=True), names="value")
        self.analyst.observe(lambda _c: self._apply_filters(keep_item=True), names="value")
        if self.log.read_only:
            for button in (
                *self.buttons.values(),
                self.retry_button,
                self.bulk_button,
                self.undo_button,
            ):
                button.disabled = True
        self.banner.value = self._banner_html()
        self.widget = W.VBox(
            [
                self.banner,
                W.HBox([self.analyst, self.identity]),
                W.HBox([self.kind_filter, self.severity_filter, self.article_filter]),
                W.HBox([self.verdict_filter, self.search, self.unreviewed_only]),
                self.progress,
                self.detail,
                self.guide,
                W.HBox(list(self.buttons.values())),
                self.note,
                W.HBox(
                    [
                        self.prev_button,
                        self.next_button,
                        self.keys,
                        self.undo_button,
                        self.retry_button,
                    ]
                ),
                self.status,
                self.history,
                W.HBox([self.bulk_verdict, self.bulk_button]),
                self.page,
            ]
        )

    def _banner_html(self) -> str:
        parts = []
        if self.log.read_only:
            parts.append(
                "<b>Read-only:</b> decisions are not written in headless runs "
                "(CROSSCHECK_HEADLESS=1); the decisions already made are shown."
            )
        if len(self.problems):
            parts.append(
                f"<b>Warning:</b> {len(self.problems)} line(s) of the decision log could not be "
                "read and were kept aside (see <code>log.read()[1]</code>): "
                + export.escape_html("; ".join(self.problems["reason"].head(3)))
            )
        return "".join(f'<p style="color:#92400e">{p}</p>' for p in parts)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def on_save(self, callback) -> None:
        self.listeners.append(callback)

    # ---- state ---------------------------------------------------------------------------
    @property
    def who(self) -> str:
        """The typed analyst as the log identifies analysts (analyst_key: case-folded)."""
        try:
            return analyst_key(self.analyst.value)
        except ValueError:  # refused names are explained when a verdict is saved
            return self.analyst.value.strip()

    def _item_key(self, key: str) -> str:
        return key if key in self.decided or key in set(self.ids) else self.item_of.get(key, key)

    def _verdict_of(self, item_id: str) -> str:
        """This analyst's verdict on an item (or on the item of a discrepancy_id); with no name
        typed, "" unless every analyst agrees (so a disagreement is never hidden)."""
        by = self.decided.get(self._item_key(item_id), {})
        if self.who:
            return by.get(self.who, ("", ""))[0]
        verdicts = {v for v, _ in by.values()}
        return verdicts.pop() if len(verdicts) == 1 else ("disagreement" if verdicts else "")

    def _note_of(self, item_id: str) -> str:
        return self.decided.get(item_id, {}).get(self.who, ("", ""))[1]

    @property
    def item(self) -> dict | None:
        if not len(self.filtered):
            return None
        return self.queue.iloc[int(self.filtered[self.position])].to_dict()

    def _mask(self) -> np.ndarray:
        q = self.queue
        mask = np.ones(len(q), dtype=bool)
        if not len(q):
            return mask
        if self.kind_filter.value != ALL:
            mask &= q["kinds"].map(lambda ks: self.kind_filter.value in ks).to_numpy(dtype=bool)
        mask &= (
            pd.to_numeric(q["severity"], errors="coerce").fillna(0) >= self.severity_filter.value
        ).to_numpy()
        if self.article_filter.value != ALL:
            art = self.article_filter.value
            mask &= ((q["article_a"] == art) | (q["article_b"] == art)).to_numpy()
        words = self.search.value.casefold().split()
        if words:
            text = (q["text_a"] + " " + q["text_b"] + " " + q["kind"]).str.casefold()
            mask &= text.map(lambda t: all(w in t for w in words)).to_numpy(dtype=bool)
        want = self.verdict_filter.value
        if self.unreviewed_only.value or want == UNDECIDED:
            mask &= np.array([self._verdict_of(i) in ("", "partial") for i in self.ids], bool)
        elif want == DISAGREE:
            mask &= np.array(
                [len({v for v, _ in self.decided.get(i, {}).values()}) > 1 for i in self.ids],
                dtype=bool,
            )
        elif want != ALL:
            mask &= np.array(
                [any(v == want for v, _ in self.decided.get(i, {}).values()) for i in self.ids],
                dtype=bool,
            )
        return mask

    def _apply_filters(self, keep_item: bool = False) -> None:
        keep = self.item["item_id"] if keep_item and self.item else None
        self.filtered = np.flatnonzero(self._mask())
        self.position = 0
        if keep is not None:
            self._go_to(keep)
        self._load_note()
        self._render()

    def _go_to(self, item_id: str) -> None:
        hits = np.flatnonzero(self.ids[self.filtered] == item_id)
        if len(hits):
            self.position = int(hits[0])

    def _load_note(self) -> None:
        if self.pending is None:
            self.note.value = self._note_of(self.item["item_id"]) if self.item else ""

    def next(self) -> None:
        self.position = min(self.position + 1, max(len(self.filtered) - 1, 0))
        self._load_note()
        self._render()

    def previous(self) -> None:
        self.position = max(self.position - 1, 0)
        self._load_note()
        self._render()

    # ---- decisions -----------------------------------------------------------------------
    def _rows_of(self, item: dict) -> list[dict]:
        ids = set(item["discrepancy_ids"])
        rows = self.discrepancies[self.discrepancies["discrepancy_id"].astype(str).isin(ids)]
        return rows.to_dict("records")

    def record(self, verdict: str) -> bool:
        """Append this verdict for every discrepancy of the current item; True when saved."""
        item = self.item
        if item is None:
            self._say("Nothing to review with these filters.", error=True)
            return False
        return self._start([item], verdict, self.note.value)

    def record_selection(self, verdict: str) -> bool:
        """The same verdict on every item the filters show (a bulk decision, one batch)."""
        items = [self.queue.iloc[int(i)].to_dict() for i in self.filtered]
        if not items:
            self._say("Nothing to review with these filters.", error=True)
            return False
        return self._start(items, verdict, self.note.value, bulk=True)

    def _start(self, items: list[dict], verdict: str, note: str, bulk: bool = False) -> bool:
        batch = uuid.uuid4().hex
        todo = [(item["item_id"], row) for item in items for row in self._rows_of(item)]
        self.pending = {
            "todo": todo,
            "verdict": verdict,
            "note": note,
            "batch": batch,
            "item_id": items[0]["item_id"],
            "bulk": bulk,
            "n_items": len(items),
        }
        return self._save_pending()

    def retry(self) -> bool:
        """Save the pending decision again (the name and note may have been corrected)."""
        if self.pending is None:
            return False
        if self.item and str(self.item["item_id"]) == self.pending["item_id"]:
            self.pending["note"] = self.note.value
        return self._save_pending()

    def _save_pending(self) -> bool:
        p = self.pending
        label = export.VERDICT_LABELS[p["verdict"]]
        try:
            while p["todo"]:
                item_id, row = p["todo"][0]
                self.log.append(
                    self.analyst.value,
                    str(row["discrepancy_id"]),
                    p["verdict"],
                    note=p["note"],
                    texts=texts_of(row),
                    extra={"review_item": item_id, "batch": p["batch"]},
                )
                p["todo"].pop(0)
        except (DecisionWriteError, ValueError) as exc:
            self.retry_button.layout.display = ""
            self._say(
                f"NOT SAVED: {label} for {self._what(p)}. {exc}. The decision is kept here: "
                "fix the problem, then press Retry save.",
                error=True,
            )
            return False
        self.pending = None
        self.retry_button.layout.display = "none"
        self._remember()
        message = f"Saved: {label} for {self._what(p)} by {self.who}."
        following = None if p["bulk"] else self._following_id(p["item_id"])
        self._after_change(following)
        self._say(message)
        return True

    def _what(self, p: dict) -> str:
        if p["bulk"]:
            return f"{p['n_items']} items"
        ids = self.queue.loc[self.queue["item_id"] == p["item_id"], "discrepancy_ids"]
        ids = list(ids.iloc[0]) if len(ids) else [p["item_id"]]
        return ids[0] if len(ids) == 1 else f"{len(ids)} discrepancies ({', '.join(ids)})"

    def _remember(self) -> None:
        try:
            identity.remember_analyst(self.analyst.value)
        except (OSError, ValueError):
            pass  # remembering is a convenience; the verdict is saved

    def _after_change(self, following: str | None) -> None:
        self.reload()
        self._apply_filters(keep_item=following is None)
        if following is not None:
            self._go_to(following)
            self._load_note()
        self._render()
        for callback in self.listeners:
            callback()

    def undo(self) -> bool:
        """Retract this analyst's current verdict on every discrepancy of the item (appended
        retraction lines): their previous verdict, if any, is current again."""
        item = self.item
        if item is None or self.log.read_only:
            return False
        mine = self.current[
            (self.current["item_kind"] == "discrepancy")
            & self.current["item_id"].isin(item["discrepancy_ids"])
            & (self.current["analyst"] == self.who)
        ]
        if mine.empty:
            self._say("Nothing to undo: you have no verdict on this item.", error=True)
            return False
        try:
            for decision_id in mine["decision_id"]:
                self.log.retract(self.analyst.value, decision_id)
        except (DecisionWriteError, ValueError) as exc:
            self._say(f"NOT UNDONE: {exc}", error=True)
            return False
        self._after_change(None)
        self._say(f"Undone: your verdict on {len(mine)} discrepancy(ies) was retracted.")
        return True

    def _following_id(self, item_id: str) -> str | None:
        ids = list(self.ids[self.filtered])
        if item_id not in ids:
            return None
        at = ids.index(item_id)
        return ids[at + 1] if at + 1 < len(ids) else item_id

    def _on_key(self, change) -> None:
        key = (change["new"] or "")[-1:].lower()
        if not key:
            return
        self.keys.value = ""
        if key in KEYS and not self.log.read_only:
            self.record(DISCREPANCY_VERDICTS[KEYS[key]])
        elif key in "nj":
            self.next()
        elif key in "pk":
            self.previous()
        elif key == "u":
            self.undo()

    # ---- rendering -----------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        color = "#b91c1c" if error else "#166534"
        self.status.value = f'<p style="color:{color}">{export.escape_html(text)}</p>'

    def _render(self) -> None:
        total = len(self.filtered)
        done = sum(1 for i in self.ids[self.filtered] if self._verdict_of(i) not in ("", "partial"))
        whose = f" by {export.escape_html(self.who)}" if self.who else " (all analysts agree)"
        self.progress.value = f"<b>{done} of {total} reviewed{whose}</b>"
        self.identity.value = (
            f"<small>stored as: {export.escape_html(identity.stored_as(self.analyst.value))}"
            "</small>"
            if self.analyst.value.strip()
            else "<small>type your name</small>"
        )
        self.detail.value = self._detail_html()
        self.history.value = self._history_html()
        self.page.value = self._page_html()
        self.prev_button.disabled = self.position <= 0
        self.next_button.disabled = self.position >= total - 1
        saving = not self.log.read_only and self.item is not None
        for button in (*self.buttons.values(), self.bulk_button, self.undo_button):
            button.disabled = not saving
        self.bulk_button.description = f"Apply to every item shown ({total})"

    def _side(self, item: dict, side: str) -> str:
        art = self.articles.get(item[f"article_{side.lower()}"])
        claim = self.claims.get(item[f"claim_{side.lower()}"])
        if art is None and not item[f"article_{side.lower()}"]:
            return f"<p><b>{side}</b>: <em>no aligned claim in the other article</em></p>"
        label = context.label_of(self.labels, item[f"article_{side.lower()}"])
        if art is None:
            return f"<p><b>{side}: {export.escape_html(label)}</b></p>"
        return context.claim_context_html(art, claim, side=f"{side}: {label}")

    def _nearest(self, name: str) -> str:
        if self.nearest is None:
            return context.nearest_places(name)
        return self.nearest.get(name, "")

    def _places_note(self, item: dict) -> str:
        notes = []
        for kind, a, b in item["values"]:
            if kind != "entity_variant":
                continue
            for name in (a, b):
                near = self._nearest(name) if name else ""
                if near:
                    notes.append(f"'{name}' is not in the gazetteer; nearest real names: {near}")
        return "".join(f"<p>{export.escape_html(n)}</p>" for n in dict.fromkeys(notes))

    def _detail_html(self) -> str:
        item = self.item
        if item is None:
            return "<p>No discrepancies match these filters.</p>"
        esc = export.escape_html
        html_a, html_b = meaning_diff(item.get("text_a", ""), item.get("text_b", ""))
        decisions = self.decided.get(item["item_id"], {})
        made = "; ".join(
            f"{esc(who)}: <b>{esc(export.VERDICT_LABELS.get(v, v))}</b>"
            + (f" ({esc(note)})" if note else "")
            for who, (v, note) in sorted(decisions.items())
        )
        kinds = "".join(
            f"<tr><td>{esc(k)}</td><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(e)}</td></tr>"
            for (k, a, b), e in zip(item["values"], item["explanations"], strict=True)
        )
        return (
            f'<div class="crosscheck-review">{export.STYLE}{DIFF_STYLE}'
            f"<p>Item {self.position + 1} of {len(self.filtered)} · severity "
            f"<b>{esc(item.get('severity'))}</b> · <b>{esc(item.get('kind'))}</b></p>"
            '<table style="width:100%;table-layout:fixed"><tr>'
            f"<td>{self._side(item, 'A')}</td><td>{self._side(item, 'B')}</td></tr>"
            f"<tr><td>{html_a}</td><td>{html_b}</td></tr></table>"
            "<table><tr><th>Kind</th><th>A</th><th>B</th><th>Why</th></tr>"
            f"{kinds}</table>{self._places_note(item)}"
            f"<p>Decisions: {made or '<em>none yet</em>'}</p></div>"
        )

    def _history_html(self) -> str:
        item = self.item
        if item is None or self.decisions.empty:
            return ""
        hist = dec.history(self.decisions, item["discrepancy_ids"])
        if hist.empty:
            return ""
        lines = []
        for row in hist.itertuples(index=False):
            what = export.VERDICT_LABELS.get(row.verdict, row.verdict)
            if row.item_kind == "retraction":
                what = "undo (retracted an earlier verdict)"
            elif row.item_kind == "resolution":
                what = f"resolution: {what}"
            strike = " style='text-decoration:line-through'" if row.retracted else ""
            lines.append(
                f"<li{strike}>{export.escape_html(str(row.timestamp)[:19])} "
                f"{export.escape_html(row.analyst_name or row.analyst)}: "
                f"{export.escape_html(what)} <small>{export.escape_html(row.item_id)}"
                f"{' · ' + export.escape_html(row.note) if row.note else ''}</small></li>"
            )
        return (
            f"<details><summary>History of this item ({len(lines)} line(s))</summary>"
            f"<ul>{''.join(lines)}</ul></details>"
        )

    def _page_html(self) -> str:
        if not len(self.filtered):
            return ""
        esc = export.escape_html
        start = (self.position // self.page_size) * self.page_size
        rows = []
        for pos in range(start, min(start + self.page_size, len(self.filtered))):
            rec = self.queue.iloc[int(self.filtered[pos])]
            verdicts = "; ".join(
                f"{who}: {export.VERDICT_LABELS.get(v, v)}"
                for who, (v, _n) in sorted(self.decided.get(rec["item_id"], {}).items())
            )
            style = ' style="background:#e0f2fe"' if pos == self.position else ""
            arts = " / ".join(
                context.label_of(self.labels, a) for a in (rec["article_a"], rec["article_b"]) if a
            )
            rows.append(
                f"<tr{style}><td>{pos + 1}</td><td>{esc(rec['severity'])}</td>"
                f"<td>{esc(rec['kind'])}</td><td>{esc(arts)}</td>"
                f"<td>{esc(_short(rec['text_a']))}</td><td>{esc(_short(rec['text_b']))}</td>"
                f"<td>{esc(verdicts)}</td></tr>"
            )
        pages = (len(self.filtered) + self.page_size - 1) // self.page_size
        return (
            f'<div class="crosscheck-review">{export.STYLE}'
            f"<p>Page {start // self.page_size + 1} of {pages}</p>"
            "<table><tr><th>#</th><th>Severity</th><th>Kinds</th><th>Articles</th><th>A</th>"
            f"<th>B</th><th>Verdicts</th></tr>{''.join(rows)}</table></div>"
        )

    def static_html(self, max_rows=None) -> str:
        return export.static_review_html(
            self.discrepancies, self.current, max_rows=max_rows, labels=self.labels
        )


class AdjudicationPanel:
    """Resolve disagreements: every analyst's verdict and note side by side; the resolution is
    a log line by the adjudicator naming the decision_ids it resolves."""

    def __init__(self, discrepancies: pd.DataFrame, log: DecisionLog, adjudicator: str = ""):
        self.log = log
        self.discrepancies = discrepancies
        self.adjudicator = W.Text(
            value=adjudicator or identity.remembered_analyst(), description="Adjudicator"
        )
        self.choice = W.Dropdown(description="Item", layout={"width": "70%"})
        self.table, self.status = W.HTML(), W.HTML()
        self.note = W.Text(description="Note", layout={"width": "70%"})
        self.buttons = {}
        for verdict in DISCREPANCY_VERDICTS:
            b = W.Button(
                description=f"Resolve: {export.VERDICT_LABELS[verdict]}",
                button_style=BUTTON_STYLE[verdict],
                layout=W.Layout(width="auto"),
            )
            b.on_click(lambda _b, v=verdict: self.resolve(v))
            self.buttons[verdict] = b
        self.refresh()
        self.widget = W.VBox(
            [
                self.adjudicator,
                self.table,
                self.choice,
                W.HBox(list(self.buttons.values())),
                self.note,
                self.status,
            ]
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        self.queue = dec.disagreements(self.log.current())
        self.choice.options = [
            (f"{r.item_id} ({r.kind})" + (" · resolved" if r.resolution else ""), i)
            for i, r in enumerate(self.queue.itertuples())
        ]
        if len(self.queue) and self.choice.value is None:
            self.choice.value = 0
        self.table.value = disagreement_html(self.queue)
        disabled = self.log.read_only or self.queue.empty
        for b in self.buttons.values():
            b.disabled = disabled

    def resolve(self, verdict: str) -> bool:
        if self.choice.value is None:
            self.status.value = "<p>No disagreement to resolve.</p>"
            return False
        row = self.queue.iloc[self.choice.value]
        texts = {k: row[k] for k in ("text_a", "text_b", "kind")}
        try:
            self.log.resolve(
                self.adjudicator.value,
                row["item_id"],
                verdict,
                row["decision_ids"],
                note=self.note.value,
                texts=texts,
            )
        except (DecisionWriteError, ValueError) as exc:
            self.status.value = f'<p style="color:#b91c1c">NOT SAVED: {export.escape_html(exc)}</p>'
            return False
        self.status.value = (
            f"<p>Resolved {export.escape_html(row['item_id'])}: "
            f"{export.escape_html(export.VERDICT_LABELS[verdict])}.</p>"
        )
        self.refresh()
        return True


def disagreement_html(queue: pd.DataFrame) -> str:
    """Every analyst's verdict and note side by side, one row per disagreement."""
    if queue.empty:
        return "<p>No disagreements between analysts.</p>"
    esc = export.escape_html
    rows = []
    for r in queue.itertuples():
        side = "<br>".join(
            f"<b>{esc(who)}</b>: {esc(export.VERDICT_LABELS.get(v, v))}"
            + (f" <small>({esc(r.notes.get(who, ''))})</small>" if r.notes.get(who) else "")
            for who, v in sorted(r.verdicts.items())
        )
        resolved = (
            f"{esc(export.VERDICT_LABELS.get(r.resolution, r.resolution))} "
            f"<small>by {esc(r.adjudicator)}</small>"
            if r.resolution
            else "<em>open</em>"
        )
        rows.append(
            f"<tr><td>{esc(r.kind)}</td><td>{esc(_short(r.text_a))}</td>"
            f"<td>{esc(_short(r.text_b))}</td><td>{side}</td><td>{resolved}</td></tr>"
        )
    return (
        f'<div class="crosscheck-review">{export.STYLE}<table><tr><th>Kind</th><th>A</th>'
        "<th>B</th><th>Verdicts and notes</th><th>Resolution</th></tr>"
        f"{''.join(rows)}</table></div>"
    )


class LiveViews:
    """Progress, agreement and the summary, refreshed after every verdict the panel saves, by
    the Refresh button, and whenever a decision file of the case changes (another analyst's
    kernel, an edit): a LogWatcher polls the files every ``interval`` seconds in the kernel's
    event loop while "Auto-refresh" is ticked (not in headless runs). Starting the views again
    on the same decision folder stops the previous views' watcher."""

    _watching: dict = {}  # decision folder -> the LiveViews whose watcher runs on it

    def __init__(self, panel: ReviewPanel, interval: float = 2.0):
        self.panel = panel
        self.progress, self.agreement, self.summary = W.HTML(), W.HTML(), W.HTML()
        self.stamp = W.HTML()
        self.refresh_button = W.Button(description="Refresh")
        self.refresh_button.on_click(lambda _b: self.refresh(reread=True))
        self.watcher = LogWatcher(
            panel.log, lambda: self.refresh(reread=True), interval, on_error=self._stopped
        )
        headless = os.environ.get("CROSSCHECK_HEADLESS") == "1"
        self.auto = W.Checkbox(value=not headless, description="Auto-refresh", indent=False)
        self.auto.observe(lambda _c: self._watch(), names="value")
        panel.on_save(self.refresh)
        self.refresh()
        self._watch()
        self.widget = W.VBox(
            [
                W.HBox([self.refresh_button, self.stamp, self.auto]),
                self.progress,
                self.agreement,
                self.summary,
            ]
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _watch(self) -> None:
        key = str(self.panel.log.folder.resolve())
        if not self.auto.value:
            self.watcher.stop()
        else:
            before = LiveViews._watching.get(key)
            if before is not None and before is not self:
                before.auto.value = False  # one watcher per case folder
            if self.watcher.start():
                LiveViews._watching[key] = self
        self._stamp()

    def _stopped(self, error: str) -> None:
        self.stamp.value = (
            f'<small style="color:#b91c1c">auto-refresh stopped: {export.escape_html(error)}'
            "</small>"
        )

    def _stamp(self) -> None:
        auto = (
            f"watching the decision files every {self.watcher.interval:g} s"
            if self.watcher.running
            else "auto-refresh off"
        )
        self.stamp.value = f"<small>last updated {self.updated} · {auto}</small>"

    def refresh(self, reread: bool = False) -> None:
        if reread:
            self.panel.reload()
            self.panel._render()
        cur, items = self.panel.current, self.panel.queue
        self.progress.value = "<h4>Progress</h4>" + _frame_html(progress.progress_table(items, cur))
        self.agreement.value = "<h4>Agreement</h4>" + _frame_html(progress.agreement_table(cur))
        self.summary.value = "<h4>Summary</h4>" + self.panel.static_html(max_rows=50)
        self.updated = _now()
        self.watcher.sync()  # the files as shown now: our own save is not a change to refresh
        self._stamp()


def _frame_html(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p><em>no verdicts yet</em></p>"
    return f'<div class="crosscheck-review">{export.STYLE}{export.frame_html(frame)}</div>'


class EntityOverridePanel:
    """Override entity verdicts: merge or split a pair of names, or rename a canonical form.

    `pairs` is crosscheck.entities.entity_pairs (kind, surface_a, surface_b, verdict, score...),
    unresolved pairs first. Each override is appended to the log (item_kind "entity_override")
    and applied by crosscheck.entities.cluster_entities on every later run.
    """

    ORDER = {"unresolved": 0, "distinct": 1, "variant": 2, "same": 3}

    def __init__(self, pairs: pd.DataFrame, log: DecisionLog, analyst: str = ""):
        self.log = log
        order = pairs["verdict"].map(self.ORDER).fillna(9) if len(pairs) else []
        self.pairs = (
            pairs.assign(_o=order).sort_values(["_o", "kind", "surface_a"]).drop(columns="_o")
            if len(pairs)
            else pairs
        )
        options = [
            (f"{r.verdict}: {r.surface_a} / {r.surface_b} ({r.kind})", i)
            for i, r in enumerate(self.pairs.itertuples())
        ]
        self.choice = W.Dropdown(options=options, description="Pair", layout={"width": "60%"})
        self.analyst = W.Text(value=analyst, description="Analyst")
        self.canonical = W.Text(description="Canonical", placeholder="name to use for the pair")
        self.note = W.Text(description="Note")
        self.status = W.HTML()
        buttons = []
        for action, label in [
            ("merge", "Same referent (merge)"),
            ("split", "Different (split)"),
            ("rename", "Rename canonical"),
        ]:
            button = W.Button(description=label, disabled=log.read_only or not options)
            button.on_click(lambda _b, a=action: self.record(a))
            buttons.append(button)
        if log.read_only:
            self._say("Read-only (headless run): overrides are not written.")
        elif not options:
            self._say("No entity pairs to override.")
        self.widget = W.VBox(
            [self.choice, self.analyst, self.canonical, self.note, W.HBox(buttons), self.status]
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _say(self, text: str, error: bool = False) -> None:
        colour = "#b91c1c" if error else "#374151"
        self.status.value = f'<span style="color:{colour}">{export.escape_html(text)}</span>'

    def record(self, action: str) -> bool:
        """Append the override for the chosen pair; on failure say why and keep the inputs."""
        if self.choice.value is None:
            return False
        pair = self.pairs.iloc[self.choice.value]
        try:
            self.log.append_override(
                self.analyst.value,
                action,
                pair["surface_a"],
                "" if action == "rename" else pair["surface_b"],
                kind=pair["kind"],
                canonical=self.canonical.value,
                note=self.note.value,
            )
        except (ValueError, DecisionWriteError) as err:
            self._say(f"NOT SAVED: {err}", error=True)
            return False
        self._say(f"Saved: {action} {pair['surface_a']} / {pair['surface_b']}. Re-run to apply.")
        return True
