"""Which messages of a Kafka topic a window job consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from platform_core.errors import InvalidInput

DEFAULT_MAX_MESSAGES = 100_000
MAX_MESSAGES = 10_000_000


@dataclass(frozen=True)
class KafkaWindow:
    """Offsets ``[start_offset, end_offset)`` of each partition, or the messages from the first
    stamped at or after ``start_time`` up to the first stamped at or after ``end_time`` (Kafka's
    own time-index rule). A missing end means the partition's end when the job starts.
    """

    start_offset: int | None = None
    end_offset: int | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    partitions: list[int] | None = None
    max_messages: int = DEFAULT_MAX_MESSAGES

    def __post_init__(self) -> None:
        by_offset = self.start_offset is not None or self.end_offset is not None
        by_time = self.start_time is not None or self.end_time is not None
        if by_offset == by_time:
            raise InvalidInput(
                "Give a window by offsets (start_offset, end_offset) or by time "
                "(start_time, end_time), not both and not neither.",
                details={"non_field_errors": ["Give offsets or times."]},
            )
        if by_offset and self.start_offset is None:
            raise _invalid("start_offset", "Required with end_offset.")
        if by_time and self.start_time is None:
            raise _invalid("start_time", "Required with end_time.")
        if self.end_offset is not None and self.end_offset <= (self.start_offset or 0):
            raise _invalid("end_offset", "Must be greater than start_offset.")
        if self.end_time is not None and self.start_time and self.end_time <= self.start_time:
            raise _invalid("end_time", "Must be later than start_time.")
        if not 1 <= self.max_messages <= MAX_MESSAGES:
            raise _invalid("max_messages", f"Must be between 1 and {MAX_MESSAGES:,}.")

    @property
    def start_ms(self) -> int | None:
        return _ms(self.start_time)

    @property
    def end_ms(self) -> int | None:
        return _ms(self.end_time)

    def to_spec(self) -> dict[str, Any]:
        spec = asdict(self)
        for name in ("start_time", "end_time"):
            if spec[name] is not None:
                spec[name] = spec[name].isoformat()
        return spec

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> KafkaWindow:
        values = dict(spec)
        for name in ("start_time", "end_time"):
            if values.get(name):
                values[name] = datetime.fromisoformat(values[name])
        return cls(**values)


def _ms(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(f"{field}: {message}", details={field: [message]})
