"""Benchmark: attribution and certainty of crosscheck.claims against labelled sentences.

Run: .venv/bin/python -m benchmarks.attribution_eval --data ATTRIBUTION.jsonl
         [--certainty tests/data/certainty/certainty_dev.csv] [--split dev]

Attribution data: JSON lines with sid, doc_id, sent_index, text, split, attributed, kind,
source, source_resolved, source_head, chain (see the labelling GUIDELINES.md beside the data).
Certainty data: CSV with sid, doc_id, text, split, rating (1-6), level.

Documents are rebuilt from their sentences in order (the title and every date line, detected
as stories.strip_date_lines reads them, as their own paragraphs; the body between them as one
paragraph) and run through extract_claims whole,
so quote continuation and pronouns work. A sentence's prediction is read from the claims that
overlap it: attributed when claims covering most of its characters are attributed; its speaker,
certainty and score from the claim covering most of it.

Figures: sentence-level attribution precision / recall / F1 (all cues, and strong cues alone),
speaker accuracy on true positives (the head of the predicted speaker, its last word, equals the
gold source_head or is a word of the gold source, its resolved form or a chain element), and a
speech-verb regular expression baseline in the same run. Certainty: Spearman between
certainty_score and the rating, per-level precision / recall, and a hedge-word-list baseline.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

from crosscheck.claims import CERTAINTY_LEVELS, extract_claims
from crosscheck.comparison.stories import strip_date_lines
from crosscheck.text.attribution import UNNAMED

ROOT = Path(__file__).resolve().parent.parent
SPEECH_RE = re.compile(
    r"\b(said|says|say|saying|told|tells|stated|states|according to|reported|reports|announced|"
    r"claimed|claims|added|explained|confirmed|denied|warned|insisted|wrote)\b",
    re.IGNORECASE,
)
HEDGE_RE = re.compile(
    r"\b(may|might|could|would|possibly|perhaps|maybe|likely|unlikely|probably|reportedly|"
    r"allegedly|apparently|suggests?|appears?|seems?|believed|expected|unclear|rumou?red)\b",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A sentence that is only a date or time stamp ("22 Jul 2013", "Last Updated: Monday, 28
    November 2005"), as crosscheck's story grouping reads it (stories.strip_date_lines)."""
    return bool(str(text).strip()) and not strip_date_lines(str(text)).strip()


def paragraph_starts(texts: list[str]) -> set[int]:
    """Which sentences open a paragraph: the title (the first sentence that is no date line),
    the sentence after it, and every date line and the sentence after one (a date line
    stands on its own wherever it is: before or after the title, or after a lead sentence)."""
    dated = [is_date_line(t) for t in texts]
    title = next((k for k, d in enumerate(dated) if not d), len(texts))
    starts = {k for k, d in enumerate(dated) if d} | {k + 1 for k, d in enumerate(dated) if d}
    return (starts | {title, title + 1}) - {0}


def build_documents(sentences: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, tuple]]:
    """Articles (one per doc_id) and, per sentence id, (article_id, start, end)."""
    articles, spans = [], {}
    for doc_id, group in sentences.groupby("doc_id", sort=False):
        rows = list(group.sort_values("order").itertuples())
        starts = paragraph_starts([row.text for row in rows])
        text = ""
        for k, row in enumerate(rows):
            if k:
                text += "\n\n" if k in starts else " "
            spans[row.sid] = (str(doc_id), len(text), len(text) + len(row.text))
            text += row.text
        articles.append({"article_id": str(doc_id), "text": text})
    return pd.DataFrame(articles), spans


def sentence_predictions(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: predicted attributed/strong/speaker/certainty/score."""
    articles, spans = build_documents(sentences)
    claims = extract_claims(articles)
    by_article = {a: g for a, g in claims.groupby("article_id")}
    rows = []
    for sid, (article, start, end) in spans.items():
        cl = by_article.get(article, claims.iloc[:0])
        overlap = (cl["end"].clip(upper=end) - cl["start"].clip(lower=start)).clip(lower=0)
        cl = cl.assign(overlap=overlap)[overlap > 0]
        size = max(end - start, 1)
        if cl.empty:
            rows.append({"sid": sid, "p_attr": False, "p_strong": False, "p_speaker": ""})
            continue
        attr_share = cl.loc[cl["attributed"], "overlap"].sum() / size
        strong_share = cl.loc[cl["attributed"] & cl["attribution_strong"], "overlap"].sum() / size
        main = cl.sort_values("overlap", ascending=False).iloc[0]
        best_attr = cl[cl["attributed"]].sort_values("overlap", ascending=False)
        rows.append(
            {
                "sid": sid,
                "p_attr": attr_share > 0.5,
                "p_strong": strong_share > 0.5,
                "p_speaker": best_attr.iloc[0]["speaker"] if len(best_attr) else "",
                "p_level": main["certainty"],
                "p_score": main["certainty_score"],
            }
        )
    return sentences.merge(pd.DataFrame(rows), on="sid")


def prf(gold, pred) -> dict:
    gold, pred = pd.Series(gold, dtype=bool), pd.Series(pred, dtype=bool)
    tp = int((gold & pred).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp}


def _words(text: str) -> set[str]:
    return {w.lower().removesuffix("'s") for w in re.findall(r"[\w']+", text or "")}


def speaker_correct(row) -> bool:
    gold_named = bool(str(row["source_resolved"]).strip() or list(row["chain"] or []))
    if row["p_speaker"] == UNNAMED or not gold_named:
        return row["p_speaker"] == UNNAMED and not gold_named  # both: no source named
    words = str(row["p_speaker"]).replace("’s", "").split()
    if not words:
        return False
    head = re.sub(r"\W", "", words[-1].lower()).removesuffix("s")
    gold = _words(row["source_resolved"]) | _words(row["source"]) | _words(row["source_head"])
    for element in row["chain"] or []:
        gold |= _words(element)
    return head in {g.removesuffix("s") for g in gold}


def attribution_figures(path: Path, split: str) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    data = pd.DataFrame([r for r in rows if r.get("split") == split])
    data["order"] = data["sent_index"]
    pred = sentence_predictions(data)
    gold = pred["attributed"].astype(bool)
    tp = pred[gold & pred["p_attr"]]
    out = {
        "sentences": len(pred),
        "documents": int(pred["doc_id"].nunique()),
        "gold_attributed": int(gold.sum()),
        "all_cues": prf(gold, pred["p_attr"]),
        "strong_cues": prf(gold, pred["p_strong"]),
        "regex_baseline": prf(gold, pred["text"].map(lambda t: bool(SPEECH_RE.search(t)))),
        "speaker_accuracy": round(float(tp.apply(speaker_correct, axis=1).mean()), 3)
        if len(tp)
        else None,
    }
    return out, pred


def certainty_figures(path: Path, split: str) -> dict:
    data = pd.read_csv(path, dtype={"text": str}, keep_default_na=False)
    data = data[data["split"] == split].copy()
    data["order"] = data["sid"].str.extract(r"(\d+)$")[0].astype(int)
    pred = sentence_predictions(data)
    rating = pred["rating"].astype(float)
    hedges = pred["text"].map(lambda t: len(HEDGE_RE.findall(t)))
    out = {
        "sentences": len(pred),
        "spearman": round(float(spearmanr(pred["p_score"], rating).statistic), 3),
        "hedge_baseline_spearman": round(float(spearmanr(-hedges, rating).statistic), 3),
        "levels": {},
    }
    for level in CERTAINTY_LEVELS:
        out["levels"][level] = prf(pred["level"] == level, pred["p_level"] == level)
        out["levels"][level]["gold"] = int((pred["level"] == level).sum())
    out["mean_rating_by_predicted_level"] = {
        k: round(float(v), 2) for k, v in pred.groupby("p_level")["rating"].mean().items()
    }
    return out, pred


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="attribution JSON lines")
    ap.add_argument("--certainty", type=Path, help="certainty CSV")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--errors", type=Path, help="write the sentence predictions here (CSV)")
    args = ap.parse_args(argv)
    result = {"split": args.split}
    frames = []
    if args.data:
        result["attribution"], pred = attribution_figures(args.data, args.split)
        frames.append(pred.assign(task="attribution"))
    if args.certainty:
        result["certainty"], pred = certainty_figures(args.certainty, args.split)
        frames.append(pred.assign(task="certainty"))
    if args.errors and frames:
        pd.concat(frames).to_csv(args.errors, index=False)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
