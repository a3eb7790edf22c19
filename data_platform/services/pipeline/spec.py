"""A whole pipeline: the spec checked against the inputs' schemas, then run chunk by chunk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from data_platform.services.pipeline.fields import RESERVED_PREFIX, SpecError, StepFields
from data_platform.services.pipeline.io import UnreadableInput
from data_platform.services.pipeline.schema import Schema
from data_platform.services.pipeline.steps import (
    STEP_TYPES,
    BuildContext,
    Chunks,
    Runtime,
    Step,
)

MAX_STEPS = 50


class StepFailed(Exception):
    """A step failed at run time (a cast that does not parse, a join that Arrow refuses)."""

    def __init__(self, step: Step, cause: Exception) -> None:
        super().__init__(f"Step {step.fields.index} ({step.label()}) failed: {cause}")
        self.step = step


@dataclass(frozen=True)
class Pipeline:
    steps: list[Step]
    output_schema: Schema

    def labels(self) -> list[str]:
        return [step.label() for step in self.steps]

    def run(self, source: Chunks, runtime: Runtime) -> Chunks:
        chunks = source
        for step in self.steps:
            chunks = _attributed(step, step.transform(chunks, runtime))
        return chunks


def _attributed(step: Step, chunks: Chunks) -> Chunks:
    """Name the failing step in errors; errors of earlier steps pass through as they are."""
    try:
        yield from chunks
    except (StepFailed, UnreadableInput):
        raise
    except (ValueError, TypeError, KeyError, pa.ArrowException) as exc:
        raise StepFailed(step, exc) from exc


def _top_level_error(message: str, field: str) -> SpecError:
    return SpecError(message, details={"field": field})


def build_pipeline(spec: Any, inputs: dict[int, Schema], primary: int) -> Pipeline:
    """Check the whole spec before anything runs; raise SpecError naming the step."""
    if not isinstance(spec, dict) or set(spec) != {"steps"}:
        raise _top_level_error("The spec is an object with one field, 'steps'.", "spec")
    raw_steps = spec["steps"]
    if not isinstance(raw_steps, list) or len(raw_steps) > MAX_STEPS:
        raise _top_level_error(f"'steps' must be a list of at most {MAX_STEPS} steps.", "steps")
    context = BuildContext(inputs, primary)
    schema = dict(inputs[primary])
    reserved = [n for columns in inputs.values() for n in columns if n.startswith(RESERVED_PREFIX)]
    if reserved:
        raise _top_level_error(f"The input column name {reserved[0]!r} is reserved.", "inputs")
    steps: list[Step] = []
    for index, raw in enumerate(raw_steps):
        op = raw.get("op") if isinstance(raw, dict) else None
        if not isinstance(op, str) or op not in STEP_TYPES:
            raise SpecError(
                f"Step {index}: 'op' must be one of {', '.join(STEP_TYPES)}.",
                details={"step": index, "field": "op", "value": op},
            )
        step = STEP_TYPES[op].build(StepFields(raw, index, op), schema, context)
        steps.append(step)
        schema = step.output_schema
    unused = sorted(set(inputs) - {primary} - {getattr(step, "version", None) for step in steps})
    if unused:
        raise _top_level_error(
            f"Input version {unused[0]} is not used: one input is transformed and the "
            "others must be read by 'join' steps.",
            "inputs",
        )
    return Pipeline(steps, schema)
