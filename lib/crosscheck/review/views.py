"""Views: tables, escaped HTML and matplotlib figures for the notebooks (no widgets here).

Every function that puts article text into HTML escapes it first: article text is untrusted.
"""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd

from crosscheck.review.export import escape_html

META_FIELDS = ["headline", "outlet", "author", "published", "dateline"]
TABLE_STYLE = (  # !important: JupyterLab's and Voila's own table rules right-align cells
    "<style>table.dataframe td, table.dataframe th {text-align: left !important; "
    "vertical-align: top !important; white-space: pre-wrap !important; "
    "overflow-wrap: break-word; max-width: 40em}</style>"
)


def readable_tables():
    """Every table after this call shows whole cell texts (no "…" cut), left-aligned and wrapped:
    sets pandas' display options and returns the style to display (Jupyter, Voila and HTML)."""
    from IPython.display import HTML

    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.html.use_mathjax", False)  # "$5" in article text is not math
    return HTML(TABLE_STYLE)


def _labels(articles) -> dict:
    from crosscheck.review.context import article_labels

    return article_labels(articles)


def _wrap(text: str, width: int = 22, lines: int = 3) -> str:
    import textwrap

    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [textwrap.shorten(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


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


def plot_attribution(claims: pd.DataFrame, ax=None, articles: pd.DataFrame | None = None):
    """Bar chart of attributed vs unattributed claims per article (named by outlet or headline
    when ``articles`` is given)."""
    n = claims["article_id"].nunique() if "article_id" in claims else 1
    ax = ax or plt.subplots(figsize=(7, 1.2 + 0.5 * max(n, 1)))[1]
    if claims.empty:
        ax.set_title("no claims")
        return ax
    labels = _labels(articles)
    counts = pd.crosstab(
        claims["article_id"].map(lambda a: labels.get(a, a)).rename("article"),
        claims["attributed"].map({True: "attributed", False: "unattributed"}),
    )
    counts.plot.barh(
        stacked=True, ax=ax, color={"attributed": "#3b82f6", "unattributed": "#f97316"}
    )
    ax.set_xlabel("claims")
    ax.set_ylabel("")
    ax.set_title("Attributed vs unattributed claims")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.figure.tight_layout()
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
                right = start + pd.Timedelta(days=max((end - start).days, 0.8))
                ax.annotate(  # right of the bar, on a white box: never drawn over a bar
                    f"{int(ev['gap_days'])} d earlier",
                    (right, y),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8,
                    color=colour,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                    zorder=4,
                )
    labels = _labels(articles)
    ax.set_yticks(range(len(ids)), [_wrap(labels.get(a, a), 24, 2) for a in ids])
    ax.set_ylim(-0.6, len(ids) - 0.4)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - 0.04 * (hi - lo), hi + 0.12 * (hi - lo))  # room for the "d earlier" labels
    ax.set_title(
        "Events by article\n(◆ publication, red = possibly recycled, hatched = inferred year)",
        fontsize=10,
    )
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def entity_side_by_side(entities: pd.DataFrame, articles=None) -> pd.DataFrame:
    """Referent x article table: each article's surface forms and counts, verdict, gazetteer.

    Clusters whose surfaces are not all 'same' come first, so the unresolved ones lead. With
    ``articles`` the article columns are named by outlet or headline instead of their ids.
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
    wide = wide.sort_values(["_order", "kind", "canonical"]).drop(columns="_order")
    return wide.rename(columns=_labels(articles))


def plot_name_matrix(names: list[str], scores, ax=None):
    """Heat map of pairwise name similarity (scores: square array-like in [0, 1])."""
    ax = ax or plt.subplots(figsize=(1 + 0.45 * len(names), 1 + 0.45 * len(names)))[1]
    image = ax.imshow(scores, vmin=0, vmax=1, cmap="viridis")
    ax.set_xticks(range(len(names)), names, rotation=90)
    ax.set_yticks(range(len(names)), names)
    ax.figure.colorbar(image, ax=ax, fraction=0.046)
    ax.set_title("Name similarity between articles' mentions")
    ax.figure.tight_layout()
    return ax


def name_similarity(
    entities: pd.DataFrame, kind: str = "place", articles=None
) -> tuple[list[str], list[list]]:
    """Distinct surfaces of one kind (labelled 'surface [article]', the article by outlet or
    headline when ``articles`` is given) and their pairwise scores."""
    from crosscheck.entities import compare_names

    sub = entities[entities["kind"] == kind].drop_duplicates(["article_id", "surface"])
    sub = sub.sort_values(["canonical", "article_id", "surface"])
    names = _labels(articles)
    labels = [
        f"{s} [{names.get(a, a)}]" for s, a in zip(sub["surface"], sub["article_id"], strict=True)
    ]
    surfaces = list(sub["surface"])
    # spelling similarity only: the gazetteer (seconds to load) does not change how alike two
    # names are written
    scores = [
        [compare_names(a, b, kind=kind, gazetteer=False)["score"] for b in surfaces]
        for a in surfaces
    ]
    return labels, scores


def gazetteer_table(entities: pd.DataFrame, articles=None) -> pd.DataFrame:
    """Every place surface with its gazetteer status, best match and, for a place not found, the
    nearest real names (``nearest``, computed with the analysis); not-found places first."""
    cols = ["surface", "article_id", "canonical", "gazetteer", "gazetteer_match", "nearest"]
    if entities.empty or "gazetteer" not in entities:
        return pd.DataFrame(columns=cols)
    places = entities[entities["kind"] == "place"].rename(columns={"gazetteer_nearest": "nearest"})
    places = places.reindex(columns=cols).fillna("")
    labels = _labels(articles)
    places["article_id"] = places["article_id"].map(lambda a: labels.get(a, a))
    order = places["gazetteer"].map({"not_found": 0, "found": 1}).fillna(2)
    return places.assign(_o=order).sort_values(["_o", "surface"]).drop(columns="_o")


def rewrite_views(case) -> list[pd.DataFrame]:
    """For each derived pair of the case, what the rewrite dropped and added (source first)."""
    from crosscheck.provenance import rewrite_diff

    views = []
    labels = _labels(case.articles)
    for row in case.provenance[case.provenance["relation"] == "derived"].to_dict("records"):
        source, rewrite = row["article_a"], row["article_b"]
        if row["direction"] == "b->a":
            source, rewrite = rewrite, source
        diff = rewrite_diff(case.claims, case.alignment, source, rewrite)
        diff.attrs["title"] = (
            f"{labels.get(rewrite, rewrite)} rewrites {labels.get(source, source)} "
            f"({row['direction']})"
        )
        views.append(diff)
    return views


def plot_provenance(graph, ax=None):
    """The provenance graph, legible: each article as a box with its outlet and wrapped headline
    (never clipped: the axes leave room around the boxes), solid arrows source -> rewrite,
    dashed lines for a shared source or an undecided direction, each edge with its relation
    and score. ``graph`` is crosscheck.provenance.provenance_graph(...)."""
    import networkx as nx

    nodes = list(graph.nodes)
    ax = ax or plt.subplots(figsize=(9, 2.5 + 1.2 * max(len(nodes) - 1, 1)))[1]
    ax.set_axis_off()
    if not nodes:
        ax.text(0.5, 0.5, "no articles", ha="center", va="center")
        return ax
    if len(nodes) <= 2:
        pos = {n: (float(i), 0.0) for i, n in enumerate(nodes)}
    else:
        pos = nx.circular_layout(graph) if len(nodes) <= 6 else nx.spring_layout(graph, seed=0)
    box = {"boxstyle": "round,pad=0.5", "fc": "#dde6f0", "ec": "#64748b"}
    texts = {}
    for n, d in graph.nodes(data=True):
        date = (d.get("published") or "undated")[:10]
        lines = [_wrap(d["outlet"], 24, 1)] if d.get("outlet") else []
        lines += [_wrap(d.get("headline") or n, 26, 3), date]
        label = "\n".join(lines)
        texts[n] = ax.text(*pos[n], label, ha="center", va="center", fontsize=8, bbox=box)
    for u, v, d in graph.edges(data=True):
        if not d.get("directed") and u > v:
            continue
        style = "-|>" if d.get("directed") else "-"
        ax.annotate(
            "",
            xy=pos[v],
            xytext=pos[u],
            arrowprops={
                "arrowstyle": style,
                "linestyle": "-" if d.get("directed") else "--",
                "color": "#334155",
                "patchA": texts[u].get_bbox_patch(),
                "patchB": texts[v].get_bbox_patch(),
                "shrinkA": 4,
                "shrinkB": 4,
                "mutation_scale": 18,
            },
        )
        mid = [(pos[u][i] + pos[v][i]) / 2 for i in (0, 1)]
        ax.text(*mid, f"{d['relation']} {d['score']:.2f}", ha="center", va="bottom", fontsize=8)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_title("Provenance: arrows point from the source to the rewrite", fontsize=10)
    return ax


def plot_stories(index: pd.DataFrame, top: int = 25, ax=None):
    """Stories over time: one row per dated story (the ``top`` largest), a bar from its first to
    its last publication date, labelled with its size and main entities; undated stories are
    counted in the title, never dropped silently."""
    import matplotlib.dates as mdates

    dated = index[index["date_start"].astype(bool)].copy()
    undated = len(index) - len(dated)
    dated = dated.sort_values(["n_articles", "story_id"], ascending=[False, True]).head(top)
    dated = dated.iloc[::-1]  # largest at the top
    ax = ax or plt.subplots(figsize=(10, 1.2 + 0.32 * max(len(dated), 1)))[1]
    if dated.empty:
        ax.text(0.5, 0.5, "no dated story", ha="center", va="center")
        ax.set_axis_off()
        return ax
    start = pd.to_datetime(dated["date_start"])
    end = pd.to_datetime(dated["date_end"]) + pd.Timedelta(days=1)
    rows = range(len(dated))
    # a line from first to last date with a dot at each end: a story of one day stays visible
    ax.hlines(list(rows), start, end, color="#2563eb", linewidth=4)
    ax.scatter(start, list(rows), color="#2563eb", s=18, zorder=3)
    ax.scatter(end, list(rows), color="#2563eb", s=18, zorder=3)
    ax.margins(x=0.04)
    names = []
    for rec in dated.to_dict("records"):
        entities = rec.get("top_entities") or ""
        if isinstance(entities, str) and entities.startswith("["):
            entities = json.loads(entities)  # the story index on disk stores lists as JSON
        if isinstance(entities, (list, tuple)):
            entities = ", ".join(dict.fromkeys(map(str, entities)))
        names.append(f"{_wrap(str(entities), 34, 1) or rec['story_id']} ({rec['n_articles']})")
    ax.set_yticks(list(rows), names, fontsize=8)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    shown = f"the {len(dated)} largest dated stories" if len(index) > len(dated) else "stories"
    extra = f"; {undated} undated not shown" if undated else ""
    ax.set_title(f"Stories over time ({shown}, articles in brackets{extra})", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.figure.tight_layout()
    return ax


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
