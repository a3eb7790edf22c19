"""Per-column statistics of a version, computed with pandas on its rows or a sample of them.

Versions with more rows than the sample size (``ZT_DATASET_PROFILE_SAMPLE_ROWS``,
50,000 by default) are profiled on a uniform random sample drawn while the files
were validated, so one pass over the data is enough; ``row_count`` is always exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from data_platform.services.formats.tabular import json_safe

HISTOGRAM_BINS = 20
TOP_VALUES = 10
_NUMERIC_PREFIXES = ("int", "uint", "float", "double", "halffloat", "decimal")


def column_kind(type_name: str) -> str:
    if type_name.startswith(_NUMERIC_PREFIXES):
        return "numeric"
    if type_name == "bool":
        return "boolean"
    if type_name.startswith(("timestamp", "date")):
        return "datetime"
    return "string"


def profile(sample: pd.DataFrame, schema: list[dict[str, str]], row_count: int) -> dict[str, Any]:
    return {
        "row_count": row_count,
        "sampled": len(sample) < row_count,
        "sample_rows": len(sample),
        "columns": [
            _column(sample[column["name"]], column["name"], column["type"])
            for column in schema
            if column["name"] in sample.columns
        ],
    }


def _column(series: pd.Series, name: str, type_name: str) -> dict[str, Any]:
    kind = column_kind(type_name)
    series = _hashable(series)
    present = series.dropna()
    stats: dict[str, Any] = {
        "name": name,
        "type": type_name,
        "kind": kind,
        "count": len(series),
        "nulls": len(series) - len(present),
        "distinct": int(present.nunique()),
    }
    if kind == "numeric":
        stats.update(_numeric(present))
    elif kind == "datetime" and len(present):
        stats.update(min=json_safe(present.min()), max=json_safe(present.max()))
    else:
        stats["top_values"] = _top_values(present)
        if kind == "string" and len(present):
            lengths = present.astype(str).str.len()
            stats.update(min_length=int(lengths.min()), max_length=int(lengths.max()))
    return stats


def _hashable(series: pd.Series) -> pd.Series:
    """Nested values (lists, arrays, dicts) as text, so they can be counted."""
    if series.dtype != object:
        return series
    return series.map(
        lambda value: value if value is None or isinstance(value, str | int | float) else str(value)
    )


def _numeric(present: pd.Series) -> dict[str, Any]:
    numbers = pd.to_numeric(present, errors="coerce").dropna()
    finite = np.isfinite(numbers.astype("float64").to_numpy())
    numbers = numbers[finite]
    if not len(numbers):
        return {"min": None, "max": None, "mean": None, "histogram": None}
    values = numbers.astype("float64").to_numpy()
    counts, edges = np.histogram(values, bins=min(HISTOGRAM_BINS, len(np.unique(values))))
    return {
        "min": json_safe(numbers.min()),
        "max": json_safe(numbers.max()),
        "mean": json_safe(values.mean()),
        "histogram": {"bins": [float(edge) for edge in edges], "counts": counts.tolist()},
    }


def _top_values(present: pd.Series) -> list[dict[str, Any]]:
    counts = present.value_counts().head(TOP_VALUES)
    return [{"value": json_safe(value), "count": int(count)} for value, count in counts.items()]
