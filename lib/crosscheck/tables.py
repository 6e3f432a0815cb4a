"""Input checks shared by the stages: a table argument is a DataFrame with the columns it needs.

Public functions
----------------
require_columns(df, name, columns, hint="") -> None
    TypeError when `df` is not a pandas DataFrame; ValueError naming the missing columns, the
    columns the table has, and `hint` (e.g. which function builds such a table).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd


def require_columns(df, name: str, columns: Iterable[str], hint: str = "") -> None:
    """Raise a clear error unless `df` is a DataFrame holding every one of `columns`."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        tail = f"; {hint}" if hint else ""
        raise ValueError(f"{name} table lacks column(s) {missing}; has {list(df.columns)}{tail}")


def json_lists(frame: pd.DataFrame, default=str) -> pd.DataFrame:
    """A copy with every list, tuple or dict cell written as JSON (sorted keys), for CSV/Parquet."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: (
                    json.dumps(v, ensure_ascii=False, sort_keys=True, default=default)
                    if isinstance(v, (list, tuple, dict))
                    else v
                )
            )
    return out
