"""Reading ids out of query strings and headers."""

from __future__ import annotations

import re

# ASCII digits only (str.isdigit also accepts "²"), and few enough to fit a bigint.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value: str) -> int | None:
    """``value`` as a row id, or None if it is not one."""
    return int(value) if _ID.fullmatch(value) else None
