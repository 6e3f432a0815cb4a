"""Views: tables, escaped HTML and matplotlib figures for the notebooks (no widgets here).

Every function that puts article text into HTML escapes it first: article text is untrusted.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from crosscheck.review.export import escape_html

META_FIELDS = ["headline", "outlet", "author", "published", "dateline"]


def articles_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: each metadata value with where it came from."""
    rows = []
    for art in articles.to_dict("records"):
        for name in META_FIELDS:
            rows.append(
                {
                    "article_id": art["article_id"],
                    "field": name,
                    "value": art.get(name, "") or "",
                    "source": art.get(f"{name}_source", "") or "",
                }
            )
    return pd.DataFrame(rows, columns=["article_id", "field", "value", "source"])


def removed_chrome(articles: pd.DataFrame) -> pd.DataFrame:
    """Every page-chrome line the loader removed, so the analyst can check what was dropped."""
    rows = [
        {"article_id": art["article_id"], "removed_line": line}
        for art in articles.to_dict("records")
        for line in (art.get("removed") or [])
    ]
    return pd.DataFrame(rows, columns=["article_id", "removed_line"])


def article_html(text: str, claims: pd.DataFrame) -> str:
    """The article text with each claim highlighted (attributed: blue, unattributed: orange)."""
    parts, pos = [], 0
    for claim in claims.sort_values("start").to_dict("records"):
        start, end = int(claim["start"]), int(claim["end"])
        if start < pos:
            continue
        parts.append(escape_html(text[pos:start]))
        colour = "#dbeafe" if claim.get("attributed") else "#ffedd5"
        tip = f"{claim.get('speaker') or 'unattributed'} · {claim.get('certainty', '')}"
        parts.append(
            f'<span style="background:{colour}" title="{escape_html(tip)}">'
            f"{escape_html(text[start:end])}</span>"
        )
        pos = end
    parts.append(escape_html(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div style="max-width:52em;line-height:1.5">{body}</div>'


def claims_by_speaker(claims: pd.DataFrame) -> pd.DataFrame:
    """Claim counts by speaker (rows) and certainty (columns); unattributed claims grouped."""
    if claims.empty:
        return pd.DataFrame()
    speaker = claims["speaker"].where(claims["speaker"].astype(bool), "(unattributed)")
    return pd.crosstab(speaker.rename("speaker"), claims["certainty"])


def plot_attribution(claims: pd.DataFrame, ax=None):
    """Bar chart of attributed vs unattributed claims per article."""
    ax = ax or plt.subplots(figsize=(6, 3))[1]
    if claims.empty:
        ax.set_title("no claims")
        return ax
    counts = pd.crosstab(
        claims["article_id"], claims["attributed"].map({True: "attributed", False: "unattributed"})
    )
    counts.plot.barh(
        stacked=True, ax=ax, color={"attributed": "#3b82f6", "unattributed": "#f97316"}
    )
    ax.set_xlabel("claims")
    ax.set_ylabel("")
    ax.set_title("Attributed vs unattributed claims")
    return ax


def _day(value) -> pd.Timestamp | None:
    if value is None or value == "" or pd.isna(value):
        return None
    try:
        return pd.Timestamp(str(value)[:10])
    except ValueError:
        return None


def plot_timeline(articles: pd.DataFrame, events: pd.DataFrame, ax=None):
    """One lane per article: publication date (diamond), each dated claim's event as a bar.

    Bars inside a lane are stacked so none hides another. Open-ended intervals (bounded only by
    the article date) are pale and dashed, intervals resting on an inferred year are hatched,
    and possibly recycled claims are red with their gap in days.
    """
    ids = list(articles["article_id"])
    dated = events[events["event_start"].astype(bool) | events["recycled"].astype(bool)]
    per_lane = dated.groupby("article_id").size().reindex(ids).fillna(0).astype(int)
    ax = ax or plt.subplots(figsize=(10, 1.5 + 0.35 * max(per_lane.sum(), len(ids))))[1]
    slots = 0.8 / max(per_lane.max(), 1)
    for lane, art in enumerate(articles.to_dict("records")):
        pub = _day(art.get("published"))
        if pub is not None:
            ax.plot(pub, lane, marker="D", color="black", zorder=3)
        rows = dated[dated["article_id"] == art["article_id"]].to_dict("records")
        for i, ev in enumerate(rows):
            start, end = _day(ev.get("event_start")), _day(ev.get("event_end"))
            if start is None and end is None:
                continue
            open_start = start is None
            start = start or end - pd.Timedelta(days=7)
            end = end or start
            y = lane - 0.4 + slots * (i + 0.5)
            colour = "#dc2626" if ev.get("recycled") else "#2563eb"
            ax.barh(
                y,
                max((end - start).days, 0.8),
                left=start,
                height=slots * 0.8,
                color=colour,
                alpha=0.3 if open_start else 0.85,
                linestyle="--" if open_start else "-",
                edgecolor=colour,
                hatch="//" if "inferred" in str(ev.get("basis", "")) else None,
            )
            if ev.get("recycled") and not pd.isna(ev.get("gap_days")):
                ax.annotate(
                    f"{int(ev['gap_days'])} d earlier",
                    (end, y),
                    xytext=(4, -3),
                    textcoords="offset points",
                    fontsize=8,
                    color=colour,
                )
    ax.set_yticks(range(len(ids)), ids)
    ax.set_ylim(-0.6, len(ids) - 0.4)
    ax.margins(x=0.08)
    ax.set_title(
        "Events by article (◆ publication, red = possibly recycled, hatched = inferred year)"
    )
    ax.figure.autofmt_xdate()
    return ax


def entity_side_by_side(entities: pd.DataFrame) -> pd.DataFrame:
    """Referent x article table: each article's surface forms and counts, verdict, gazetteer.

    Clusters whose surfaces are not all 'same' come first, so the unresolved ones lead.
    """
    if entities.empty:
        return pd.DataFrame()
    ent = entities.assign(form=entities["surface"] + " (" + entities["count"].astype(str) + ")")
    wide = ent.pivot_table(
        index=["cluster_id", "canonical", "kind"],
        columns="article_id",
        values="form",
        aggfunc=lambda s: ", ".join(sorted(s)),
        fill_value="—",
    )
    order = {"unresolved": 0, "distinct": 1, "variant": 2, "same": 3}
    verdict = ent.groupby("cluster_id")["match"].agg(
        lambda s: min(s, key=lambda v: order.get(v, 9))
    )
    gaz_col = ent["gazetteer"] if "gazetteer" in ent else pd.Series("", index=ent.index)
    gazetteer = gaz_col.groupby(ent["cluster_id"]).agg(lambda s: ", ".join(sorted(set(s) - {""})))
    wide = wide.reset_index()
    wide.columns.name = None
    wide["verdict"] = wide["cluster_id"].map(verdict)
    wide["gazetteer"] = wide["cluster_id"].map(gazetteer)
    wide["_order"] = wide["verdict"].map(order).fillna(9)
    return wide.sort_values(["_order", "kind", "canonical"]).drop(columns="_order")


def plot_name_matrix(names: list[str], scores, ax=None):
    """Heat map of pairwise name similarity (scores: square array-like in [0, 1])."""
    ax = ax or plt.subplots(figsize=(1 + 0.45 * len(names), 1 + 0.45 * len(names)))[1]
    image = ax.imshow(scores, vmin=0, vmax=1, cmap="viridis")
    ax.set_xticks(range(len(names)), names, rotation=90)
    ax.set_yticks(range(len(names)), names)
    ax.figure.colorbar(image, ax=ax, fraction=0.046)
    ax.set_title("Name similarity between articles' mentions")
    return ax


def name_similarity(entities: pd.DataFrame, kind: str = "place") -> tuple[list[str], list[list]]:
    """Distinct surfaces of one kind (labelled 'surface [article]') and their pairwise scores."""
    from crosscheck.entities import compare_names

    sub = entities[entities["kind"] == kind].drop_duplicates(["article_id", "surface"])
    sub = sub.sort_values(["canonical", "article_id", "surface"])
    labels = [f"{s} [{a}]" for s, a in zip(sub["surface"], sub["article_id"], strict=True)]
    surfaces = list(sub["surface"])
    scores = [[compare_names(a, b, kind=kind)["score"] for b in surfaces] for a in surfaces]
    return labels, scores


def gazetteer_table(entities: pd.DataFrame) -> pd.DataFrame:
    """Every place surface with its gazetteer status and best match; not-found places first."""
    cols = ["surface", "article_id", "canonical", "gazetteer", "gazetteer_match"]
    if entities.empty or "gazetteer" not in entities:
        return pd.DataFrame(columns=cols)
    places = entities[entities["kind"] == "place"].reindex(columns=cols).fillna("")
    order = places["gazetteer"].map({"not_found": 0, "found": 1}).fillna(2)
    return places.assign(_o=order).sort_values(["_o", "surface"]).drop(columns="_o")


def rewrite_views(case) -> list[pd.DataFrame]:
    """For each derived pair of the case, what the rewrite dropped and added (source first)."""
    from crosscheck.provenance import rewrite_diff

    views = []
    for row in case.provenance[case.provenance["relation"] == "derived"].to_dict("records"):
        source, rewrite = row["article_a"], row["article_b"]
        if row["direction"] == "b->a":
            source, rewrite = rewrite, source
        diff = rewrite_diff(case.claims, case.alignment, source, rewrite)
        diff.attrs["title"] = f"{rewrite} rewrites {source} ({row['direction']})"
        views.append(diff)
    return views


def _original_id(case, original: str | None) -> str:
    """The article given, else the first article not in English (the original)."""
    if original:
        return original
    foreign = case.articles[case.articles.get("language", "en") != "en"]
    if foreign.empty:
        raise ValueError("no article in another language than English: name the original")
    return str(foreign["article_id"].iloc[0])


def original_beside_rewrites(case, original: str | None = None) -> pd.DataFrame:
    """Each claim of the original (in its own words: nothing is translated) beside the claim of
    every other article aligned to it, with the kinds of difference typed on that pair.
    One row per original claim; per rewrite, columns '<rewrite>' (aligned text, "" when the
    rewrite has no such claim) and '<rewrite> differences' (kinds, most severe first)."""
    orig = _original_id(case, original)
    claims = case.claims[case.claims["article_id"] == orig].sort_values("seq")
    out = pd.DataFrame({"original": claims["text"].to_list()}, index=claims["claim_id"].to_list())
    text = case.claims.set_index("claim_id")["text"]
    al = case.alignment[case.alignment["status"] == "aligned"]
    disc = case.discrepancies
    for other in [a for a in case.articles["article_id"] if a != orig]:
        col, kinds = {}, {}
        for r in al[al[["article_a", "article_b"]].isin([orig, other]).all(axis=1)].itertuples():
            mine, theirs = (r.claim_a, r.claim_b) if r.article_a == orig else (r.claim_b, r.claim_a)
            col[mine] = text.get(theirs, "")
            rows = disc[disc[["claim_a", "claim_b"]].isin([mine, theirs]).all(axis=1)]
            kinds[mine] = ", ".join(rows.sort_values("severity", ascending=False)["kind"])
        out[other] = [col.get(c, "") for c in out.index]
        out[f"{other} differences"] = [kinds.get(c, "") for c in out.index]
    return out.reset_index(drop=True)


def cross_language_differences(case, original: str | None = None) -> pd.DataFrame:
    """The typed differences between the original and each rewrite, with the words on each side
    oriented original first (the table's A/B order is alphabetical), most severe first."""
    orig = _original_id(case, original)
    disc = case.discrepancies
    rows = disc[(disc["article_a"] == orig) | (disc["article_b"] == orig)]
    flip = rows["article_a"] != orig
    return pd.DataFrame(
        {
            "rewrite": rows["article_b"].where(~flip, rows["article_a"]),
            "kind": rows["kind"],
            "severity": rows["severity"],
            "original says": rows["value_a"].where(~flip, rows["value_b"]),
            "rewrite says": rows["value_b"].where(~flip, rows["value_a"]),
            "original sentence": rows["text_a"].where(~flip, rows["text_b"]),
            "rewrite sentence": rows["text_b"].where(~flip, rows["text_a"]),
            "explanation": rows["explanation"],
        }
    ).sort_values(["severity", "rewrite"], ascending=[False, True], ignore_index=True)
