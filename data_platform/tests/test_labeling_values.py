"""Annotation values are checked against the project's kind (no database needed)."""

from __future__ import annotations

from typing import Any

import pytest

from data_platform.models import LabelingProject, LabelTask
from data_platform.services.label_values import MAX_REGIONS, clean_value
from platform_core.errors import InvalidInput

LABELS = ["PER", "ORG"]
TEXT = "Ada Lovelace met Babbage in 1833."  # 33 characters


def project(kind: str) -> LabelingProject:
    return LabelingProject(kind=kind, labels=LABELS, text_column="text")


def task(text: Any = TEXT) -> LabelTask:
    return LabelTask(data={"text": text, "id": 7})


def errors_of(kind: str, value: Any, text: Any = TEXT) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        clean_value(project(kind), task(text), value)
    return caught.value.details["value"]


# --- classification ------------------------------------------------------------------------


def test_a_label_of_the_vocabulary() -> None:
    assert clean_value(project("classification"), task(), "ORG") == "ORG"


@pytest.mark.parametrize("value", ["LOC", "", None, ["PER"], {"label": "PER"}, 1])
def test_anything_else_is_not_a_classification(value: Any) -> None:
    assert errors_of("classification", value) == [
        "Must be one of the project's labels ['PER', 'ORG']."
    ]


# --- text spans ----------------------------------------------------------------------------


def test_spans_keep_the_text_they_cover() -> None:
    spans = [{"start": 0, "end": 12, "label": "PER"}, {"start": 17, "end": 24, "label": "PER"}]

    cleaned = clean_value(project("text_spans"), task(), spans)

    assert [span["text"] for span in cleaned] == ["Ada Lovelace", "Babbage"]
    assert cleaned[0] == {"start": 0, "end": 12, "label": "PER", "text": "Ada Lovelace"}


def test_offsets_count_characters_not_bytes() -> None:
    text = "Zürich 北京"

    cleaned = clean_value(
        project("text_spans"), task(text), [{"start": 7, "end": 9, "label": "ORG"}]
    )

    assert cleaned[0]["text"] == "北京"


def test_no_spans_is_an_answer() -> None:
    assert clean_value(project("text_spans"), task(), []) == []


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ({"start": 5, "end": 5, "label": "PER"}, "0 <= start < end <= 33"),
        ({"start": 20, "end": 34, "label": "PER"}, "got 20..34"),
        ({"start": -1, "end": 3, "label": "PER"}, "0 <= start"),
        ({"start": True, "end": 3, "label": "PER"}, "integers"),
        ({"start": 0.5, "end": 3, "label": "PER"}, "integers"),
        ({"start": 0, "end": 3, "label": "LOC"}, "label 'LOC'"),
        ({"start": 0, "end": 3}, "exactly ['end', 'label', 'start']"),
        ({"start": 0, "end": 3, "label": "PER", "score": 1}, "exactly"),
        ("0-3", "exactly"),
    ],
)
def test_bad_spans(span: Any, message: str) -> None:
    errors = errors_of("text_spans", [span])

    assert message in errors[0]
    assert errors[0].startswith("[0]") or "exactly" in errors[0]


def test_spans_need_a_list() -> None:
    assert "Must be a list" in errors_of("text_spans", {"start": 0, "end": 1, "label": "PER"})[0]


def test_a_missing_text_has_length_zero() -> None:
    assert "<= 0" in errors_of("text_spans", [{"start": 0, "end": 1, "label": "PER"}], None)[0]


def test_too_many_regions() -> None:
    spans = [{"start": 0, "end": 1, "label": "PER"}] * (MAX_REGIONS + 1)

    assert errors_of("text_spans", spans) == [f"At most {MAX_REGIONS} regions per annotation."]


# --- bounding boxes ------------------------------------------------------------------------


def test_boxes_within_the_image() -> None:
    boxes = [
        {"x": 0, "y": 0, "width": 1, "height": 1, "label": "PER"},
        {"x": 0.25, "y": 0.5, "width": 0.5, "height": 0.5, "label": "ORG"},
    ]

    assert clean_value(project("bounding_boxes"), task(), boxes) == boxes


@pytest.mark.parametrize(
    ("box", "message"),
    [
        ({"x": 0.6, "y": 0, "width": 0.5, "height": 0.1}, "within the image"),
        ({"x": 0, "y": 0.9, "width": 0.1, "height": 0.2}, "within the image"),
        ({"x": -0.1, "y": 0, "width": 0.1, "height": 0.1}, "x, y >= 0"),
        ({"x": 0, "y": 0, "width": 0, "height": 0.1}, "width, height > 0"),
        ({"x": 0, "y": 0, "width": "0.1", "height": 0.1}, "must be numbers"),
        ({"x": 0, "y": 0, "width": float("nan"), "height": 0.1}, "must be numbers"),
        ({"x": False, "y": 0, "width": 0.1, "height": 0.1}, "must be numbers"),
        ({"x": 0, "y": 0, "width": 0.1}, "exactly"),
    ],
)
def test_bad_boxes(box: dict[str, Any], message: str) -> None:
    assert message in errors_of("bounding_boxes", [{"label": "PER", **box}])[0]


def test_every_problem_is_listed() -> None:
    boxes = [
        {"x": 0, "y": 0, "width": 2, "height": 1, "label": "PER"},
        {"x": 0, "y": 0, "width": 1, "height": 1, "label": "CAT"},
    ]

    errors = errors_of("bounding_boxes", boxes)

    assert [error[:3] for error in errors] == ["[0]", "[1]"]
