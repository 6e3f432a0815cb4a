"""Input checks shared by the stages: a table argument is a DataFrame with the columns it needs.

Public functions
----------------
require_columns(df, name, columns, hint="") -> None
    TypeError when `df` is not a pandas DataFrame; ValueError naming the missing columns, the
    columns the table has, and `hint` (e.g. which function builds such a table).
"""

from __future__ import annotations

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
