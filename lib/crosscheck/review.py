"""Review: the ipywidgets adjudication panel (the only module that imports ipywidgets).

ReviewPanel(discrepancies, log, analyst="", page_size=20)
    .widget                 the ipywidgets VBox (the panel also displays itself in a notebook)
    .record(verdict)        what a verdict button does: append to the log, move to the next item
    .retry()                save the decision that failed to save (the "Retry save" button)
    .next() / .previous()   move through the filtered queue (most severe first)
    .static_html(max_rows=None)  the same review as plain HTML (crosscheck.export)

`discrepancies` is the table of crosscheck.discrepancies (discrepancy_id, kind, article_a,
article_b, text_a, text_b, value_a, value_b, severity, explanation, ...); `log` a
crosscheck.decisions.DecisionLog. Decisions are data: the panel shows what the log holds, so a
new panel after a kernel restart shows the same decisions.

Keyboard shortcuts: ipywidgets has no key events, so the panel has a small "Keys" text box.
Click into it, then press 1-4 for the verdicts, n or j for next, p or k for previous; each key
acts at once and the box clears itself (JupyterLab's own shortcuts do not fire while an input
has the focus). Buttons carry the same keys in their labels and tooltips.

A log opened read-only (headless runs: CROSSCHECK_HEADLESS=1) disables the verdict buttons and
says so. A failed save (DecisionWriteError) shows the error, keeps the verdict and the note in
the panel and shows a "Retry save" button.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd

from crosscheck import export
from crosscheck.decisions import (
    DISCREPANCY_VERDICTS,
    DecisionLog,
    DecisionWriteError,
    analyst_key,
    current,
    texts_of,
)

KEYS = {"1": 0, "2": 1, "3": 2, "4": 3}
BUTTON_STYLE = {
    "real_discrepancy": "danger",
    "benign_variant": "info",
    "same_meaning": "success",
    "needs_follow_up": "warning",
}
ALL_KINDS = ""


def _short(text, n=90) -> str:
    text = " ".join(export._text(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


class ReviewPanel:
    """Adjudicate discrepancies one at a time; every verdict is appended to the log."""

    def __init__(
        self, discrepancies: pd.DataFrame, log: DecisionLog, analyst: str = "", page_size=20
    ):
        self.log = log
        self.page_size = max(1, int(page_size))
        self.queue = export.sort_by_severity(discrepancies).reset_index(drop=True)
        self.ids = self.queue["discrepancy_id"].astype(str).to_numpy()
        self.pending: dict | None = None
        self.decided: dict[str, dict[str, tuple[str, str]]] = {}
        decisions, self.problems = log.read()
        mine = current(decisions)
        if not mine.empty:
            mine = mine[mine["item_kind"] == "discrepancy"]
            for item, who, verdict, note in zip(
                mine["item_id"], mine["analyst"], mine["verdict"], mine["note"], strict=True
            ):
                self.decided.setdefault(item, {})[who] = (verdict, note)
        self._build_widgets(analyst)
        self.filtered = np.arange(len(self.queue))
        self.position = 0
        self._apply_filters()

    # ---- widgets -------------------------------------------------------------------------
    def _build_widgets(self, analyst: str) -> None:
        kinds = sorted(self.queue["kind"].astype(str).unique()) if len(self.queue) else []
        self.analyst = W.Text(
            value=analyst, description="Analyst", placeholder="your name", continuous_update=False
        )
        self.kind_filter = W.Dropdown(
            options=[("All kinds", ALL_KINDS)] + [(k, k) for k in kinds], description="Kind"
        )
        self.severity_filter = W.Dropdown(
            options=[(f"{s} or more", s) for s in range(1, 6)], value=1, description="Severity"
        )
        self.unreviewed_only = W.Checkbox(value=False, description="Only items I have not decided")
        self.banner = W.HTML()
        self.progress = W.HTML()
        self.detail = W.HTML()
        self.page = W.HTML()
        self.status = W.HTML()
        self.note = W.Textarea(placeholder="note (optional)", layout=W.Layout(width="100%"))
        self.buttons = {}
        for i, verdict in enumerate(DISCREPANCY_VERDICTS, start=1):
            label = export.VERDICT_LABELS[verdict]
            button = W.Button(
                description=f"{label} [{i}]",
                tooltip=f"{label} (key {i} in the Keys box)",
                button_style=BUTTON_STYLE[verdict],
                layout=W.Layout(width="auto"),
            )
            button.on_click(lambda _b, v=verdict: self.record(v))
            self.buttons[verdict] = button
        self.retry_button = W.Button(
            description="Retry save", button_style="warning", layout=W.Layout(display="none")
        )
        self.retry_button.on_click(lambda _b: self.retry())
        self.prev_button = W.Button(description="◀ Previous [p]", layout=W.Layout(width="auto"))
        self.next_button = W.Button(description="Next [n] ▶", layout=W.Layout(width="auto"))
        self.prev_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.keys = W.Text(
            placeholder="Keys: 1-4 verdict, n/p",
            description="Keys",
            continuous_update=True,
            layout=W.Layout(width="16em"),
        )
        self.keys.observe(self._on_key, names="value")
        for control in (self.kind_filter, self.severity_filter, self.unreviewed_only):
            control.observe(lambda _c: self._apply_filters(), names="value")
        self.analyst.observe(lambda _c: self._apply_filters(keep_item=True), names="value")
        if self.log.read_only:
            for button in (*self.buttons.values(), self.retry_button):
                button.disabled = True
        self.banner.value = self._banner_html()
        self.widget = W.VBox(
            [
                self.banner,
                W.HBox([self.analyst, self.kind_filter, self.severity_filter]),
                W.HBox([self.unreviewed_only, self.progress]),
                self.detail,
                W.HBox(list(self.buttons.values())),
                self.note,
                W.HBox([self.prev_button, self.next_button, self.keys, self.retry_button]),
                self.status,
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

    # ---- state ---------------------------------------------------------------------------
    @property
    def who(self) -> str:
        """The typed analyst as the log identifies analysts (analyst_key: case-folded)."""
        try:
            return analyst_key(self.analyst.value)
        except ValueError:  # refused names are explained when a verdict is saved
            return self.analyst.value.strip()

    def _verdict_of(self, item_id: str) -> str:
        """This analyst's verdict (any analyst's when no name is typed), "" if undecided."""
        by = self.decided.get(item_id, {})
        if self.who:
            return by.get(self.who, ("", ""))[0]
        return next(iter(by.values()), ("", ""))[0]

    @property
    def item(self) -> dict | None:
        if not len(self.filtered):
            return None
        return self.queue.iloc[int(self.filtered[self.position])].to_dict()

    def _apply_filters(self, keep_item: bool = False) -> None:
        keep = self.item["discrepancy_id"] if keep_item and self.item else None
        mask = np.ones(len(self.queue), dtype=bool)
        if len(self.queue):
            if self.kind_filter.value != ALL_KINDS:
                mask &= (self.queue["kind"].astype(str) == self.kind_filter.value).to_numpy()
            severity = pd.to_numeric(self.queue["severity"], errors="coerce").fillna(0)
            mask &= (severity >= self.severity_filter.value).to_numpy()
            if self.unreviewed_only.value:
                mask &= np.array([not self._verdict_of(i) for i in self.ids], dtype=bool)
        self.filtered = np.flatnonzero(mask)
        self.position = 0
        if keep is not None:
            self._go_to(keep)
        self._render()

    def _go_to(self, item_id: str) -> None:
        hits = np.flatnonzero(self.ids[self.filtered] == item_id)
        if len(hits):
            self.position = int(hits[0])

    def next(self) -> None:
        self.position = min(self.position + 1, max(len(self.filtered) - 1, 0))
        self._render()

    def previous(self) -> None:
        self.position = max(self.position - 1, 0)
        self._render()

    # ---- decisions -----------------------------------------------------------------------
    def record(self, verdict: str) -> bool:
        """Append this verdict for the current item; True when it was saved."""
        item = self.item
        if item is None:
            self._say("Nothing to review with these filters.", error=True)
            return False
        self.pending = {
            "item_id": str(item["discrepancy_id"]),
            "verdict": verdict,
            "note": self.note.value,
            "texts": texts_of(item),
        }
        return self._save_pending()

    def retry(self) -> bool:
        """Save the pending decision again (the name and note may have been corrected)."""
        if self.pending is None:
            return False
        if self.item and str(self.item["discrepancy_id"]) == self.pending["item_id"]:
            self.pending["note"] = self.note.value
        return self._save_pending()

    def _save_pending(self) -> bool:
        p = self.pending
        label = export.VERDICT_LABELS[p["verdict"]]
        try:
            self.log.append(
                self.analyst.value, p["item_id"], p["verdict"], note=p["note"], texts=p["texts"]
            )
        except (DecisionWriteError, ValueError) as exc:
            self.retry_button.layout.display = ""
            self._say(
                f"NOT SAVED: {label} for {p['item_id']}. {exc}. The decision is kept here: "
                "fix the problem, then press Retry save.",
                error=True,
            )
            return False
        self.decided.setdefault(p["item_id"], {})[self.who] = (p["verdict"], p["note"])
        self.pending = None
        self.retry_button.layout.display = "none"
        message = f"Saved: {label} for {p['item_id']} by {self.who}."
        following = self._following_id(p["item_id"])
        self.note.value = ""
        self._apply_filters()
        if following is not None:
            self._go_to(following)
        self._render()
        self._say(message)
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

    # ---- rendering -----------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        color = "#b91c1c" if error else "#166534"
        self.status.value = f'<p style="color:{color}">{export.escape_html(text)}</p>'

    def _render(self) -> None:
        total = len(self.filtered)
        done = sum(1 for i in self.ids[self.filtered] if self._verdict_of(i))
        whose = f" by {export.escape_html(self.who)}" if self.who else ""
        self.progress.value = f"<b>{done} of {total} reviewed{whose}</b>"
        self.detail.value = self._detail_html()
        self.page.value = self._page_html()
        self.prev_button.disabled = self.position <= 0
        self.next_button.disabled = self.position >= total - 1
        saving = not self.log.read_only and self.item is not None
        for button in self.buttons.values():
            button.disabled = not saving

    def _detail_html(self) -> str:
        item = self.item
        if item is None:
            return "<p>No discrepancies match these filters.</p>"
        esc = export.escape_html
        html_a, html_b = export.highlight_diff(item.get("text_a", ""), item.get("text_b", ""))
        decisions = self.decided.get(str(item["discrepancy_id"]), {})
        made = "; ".join(
            f"{esc(who)}: <b>{esc(export.VERDICT_LABELS.get(v, v))}</b>"
            + (f" ({esc(note)})" if note else "")
            for who, (v, note) in sorted(decisions.items())
        )
        values = ""
        if export._text(item.get("value_a", "")) or export._text(item.get("value_b", "")):
            values = (
                f"<tr><td>{esc(item.get('value_a'))}</td><td>{esc(item.get('value_b'))}</td></tr>"
            )
        return (
            f'<div class="crosscheck-review">{export.STYLE}'
            f"<p>Item {self.position + 1} of {len(self.filtered)} · severity "
            f"<b>{esc(item.get('severity'))}</b> · <b>{esc(item.get('kind'))}</b> · "
            f"<code>{esc(item.get('discrepancy_id'))}</code></p>"
            '<table style="width:100%;table-layout:fixed"><tr>'
            f"<th>A: {esc(item.get('article_a', ''))}</th>"
            f"<th>B: {esc(item.get('article_b', ''))}</th></tr>"
            f"<tr><td>{html_a}</td><td>{html_b}</td></tr>{values}</table>"
            f"<p>{esc(item.get('explanation', ''))}</p>"
            f"<p>Decisions: {made or '<em>none yet</em>'}</p></div>"
        )

    def _page_html(self) -> str:
        if not len(self.filtered):
            return ""
        start = (self.position // self.page_size) * self.page_size
        rows = []
        for pos in range(start, min(start + self.page_size, len(self.filtered))):
            rec = self.queue.iloc[int(self.filtered[pos])]
            verdict = self._verdict_of(str(rec["discrepancy_id"]))
            style = ' style="background:#e0f2fe"' if pos == self.position else ""
            rows.append(
                f"<tr{style}><td>{pos + 1}</td><td>{export.escape_html(rec['severity'])}</td>"
                f"<td>{export.escape_html(rec['kind'])}</td>"
                f"<td>{export.escape_html(_short(rec['text_a']))}</td>"
                f"<td>{export.escape_html(_short(rec['text_b']))}</td>"
                f"<td>{export.escape_html(export.VERDICT_LABELS.get(verdict, verdict))}</td></tr>"
            )
        pages = (len(self.filtered) + self.page_size - 1) // self.page_size
        return (
            f'<div class="crosscheck-review"><p>Page {start // self.page_size + 1} of {pages}</p>'
            "<table><tr><th>#</th><th>Severity</th><th>Kind</th><th>A</th><th>B</th>"
            f"<th>Verdict</th></tr>{''.join(rows)}</table></div>"
        )

    def static_html(self, max_rows=None) -> str:
        return export.static_review_html(self.queue, self.log.current(), max_rows=max_rows)


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
        for action, label in [("merge", "Same referent (merge)"), ("split", "Different (split)"),
                              ("rename", "Rename canonical")]:  # fmt: skip
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
