"""What an annotation's value must be, by the labeling project's kind.

- classification: one label of the vocabulary, ``"cat"``.
- text_spans: ``[{"start", "end", "label"}]``; offsets count characters (Unicode code
  points) of the task's text, ``start`` inclusive and ``end`` exclusive. The stored
  value adds each span's ``text``.
- bounding_boxes: ``[{"x", "y", "width", "height", "label"}]`` normalized to the image:
  fractions of its width and height from the top-left corner, so boxes do not depend
  on the resolution the image is shown at and need no decoding of the image here.

An empty list means "nothing to mark" and is a valid answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from data_platform.choices import LabelKind
from data_platform.models import LabelingProject, LabelTask
from platform_core.errors import InvalidInput

MAX_REGIONS = 500
SPAN_KEYS = frozenset({"start", "end", "label"})
BOX_KEYS = frozenset({"x", "y", "width", "height", "label"})


def task_text(project: LabelingProject, task: LabelTask) -> str:
    value = task.data.get(project.text_column)
    return "" if value is None else str(value)


def clean_value(project: LabelingProject, task: LabelTask, value: Any) -> Any:
    """The value to store, or InvalidInput listing what is wrong with it."""
    errors: list[str] = []
    cleaner = _CLEANERS[LabelKind(project.kind)]
    cleaned = cleaner(project, task, value, errors)
    if errors:
        raise InvalidInput(f"value: {errors[0]}", details={"value": errors[:20]})
    return cleaned


def _label(project: LabelingProject, task: LabelTask, value: Any, errors: list[str]) -> Any:
    if not isinstance(value, str) or value not in project.labels:
        errors.append(f"Must be one of the project's labels {project.labels}.")
    return value


def _spans(project: LabelingProject, task: LabelTask, value: Any, errors: list[str]) -> Any:
    text = task_text(project, task)
    cleaned = []
    for n, span in enumerate(_regions(value, SPAN_KEYS, errors)):
        start, end = span["start"], span["end"]
        if not (_is_int(start) and _is_int(end)):
            errors.append(f"[{n}]: start and end must be integers.")
        elif not 0 <= start < end <= len(text):
            errors.append(
                f"[{n}]: needs 0 <= start < end <= {len(text)} (the text's length); "
                f"got {start}..{end}."
            )
        else:
            cleaned.append({**span, "text": text[start:end]})
        _check_label(project, span, n, errors)
    return cleaned


def _boxes(project: LabelingProject, task: LabelTask, value: Any, errors: list[str]) -> Any:
    regions = _regions(value, BOX_KEYS, errors)
    for n, box in enumerate(regions):
        x, y, width, height = (box[key] for key in ("x", "y", "width", "height"))
        if not all(map(_is_number, (x, y, width, height))):
            errors.append(f"[{n}]: x, y, width and height must be numbers.")
        elif min(x, y) < 0 or min(width, height) <= 0:
            errors.append(f"[{n}]: needs x, y >= 0 and width, height > 0.")
        elif x + width > 1 + 1e-9 or y + height > 1 + 1e-9:
            errors.append(f"[{n}]: must lie within the image (coordinates are 0..1).")
        _check_label(project, box, n, errors)
    return regions


def _regions(value: Any, keys: frozenset[str], errors: list[str]) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        errors.append(f"Must be a list of objects with {sorted(keys)}.")
        return []
    if len(value) > MAX_REGIONS:
        errors.append(f"At most {MAX_REGIONS} regions per annotation.")
        return []
    malformed = [
        f"[{n}]: must be an object with exactly {sorted(keys)}."
        for n, item in enumerate(value)
        if not isinstance(item, dict) or set(item) != keys
    ]
    errors.extend(malformed)
    return [] if malformed else value


def _check_label(
    project: LabelingProject, region: dict[str, Any], n: int, errors: list[str]
) -> None:
    if region["label"] not in project.labels:
        errors.append(f"[{n}]: label {region['label']!r} is not one of {project.labels}.")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_CLEANERS: dict[LabelKind, Callable[[LabelingProject, LabelTask, Any, list[str]], Any]] = {
    LabelKind.CLASSIFICATION: _label,
    LabelKind.TEXT_SPANS: _spans,
    LabelKind.BOUNDING_BOXES: _boxes,
}
