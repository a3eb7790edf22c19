"""Kafka topic sources through kafka-python: the connection probe and window consumption.

A window is consumed partition by partition (no consumer group, nothing committed) into a
JSON Lines file, one message per line: ``{"partition", "offset", "timestamp", "key",
"value"}``. Values that are JSON are kept as JSON, other UTF-8 as text; bytes that are not
UTF-8 become ``{"base64": "..."}``.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import IO, Any

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from data_platform.models import DataSource, Job
from data_platform.services.ingestion.output import Output, Progress, Written
from data_platform.services.ingestion.probes import ProbeResult, reason
from data_platform.services.ingestion.windows import KafkaWindow

PROBE_TIMEOUT_MS = 10_000
BOOTSTRAP_TIMEOUT_MS = 15_000
POLL_TIMEOUT_MS = 1_000
#: A window whose partitions stop delivering for this long (before their end) fails.
IDLE_TIMEOUT_MS = 60_000
OUTPUT = Output("messages.jsonl", "application/x-ndjson")
_ERRORS = (KafkaError, OSError, ValueError)


def client_config(source: DataSource) -> dict[str, Any]:
    """kafka-python client settings of a source (shared by consumers and producers)."""
    config = source.config
    options: dict[str, Any] = {
        "bootstrap_servers": config["bootstrap_servers"],
        "security_protocol": config["security_protocol"],
        "client_id": "zhongtai",
    }
    if config["security_protocol"].startswith("SASL_"):
        options.update(
            sasl_mechanism=config["sasl_mechanism"],
            sasl_plain_username=config["sasl_username"],
            sasl_plain_password=source.secrets().get("sasl_password"),
        )
    return options


def _consumer(source: DataSource, **options: Any) -> KafkaConsumer:
    return KafkaConsumer(
        **client_config(source),
        group_id=None,
        enable_auto_commit=False,
        allow_auto_create_topics=False,
        **options,
    )


def probe(source: DataSource) -> ProbeResult:
    servers = ", ".join(source.config["bootstrap_servers"])
    topic = source.config["topic"]
    try:
        consumer = _consumer(
            source, request_timeout_ms=PROBE_TIMEOUT_MS, bootstrap_timeout_ms=PROBE_TIMEOUT_MS
        )
    except _ERRORS as exc:
        return ProbeResult(False, f"Cannot reach Kafka at {servers}: {reason(exc)}")
    try:
        partitions = consumer.partitions_for_topic(topic)
    except _ERRORS as exc:
        return ProbeResult(False, f"Kafka at {servers} did not answer: {reason(exc)}")
    finally:
        consumer.close()
    if not partitions:
        return ProbeResult(False, f"Topic {topic!r} does not exist on {servers}.")
    return ProbeResult(True, f"Topic {topic!r} on {servers} has {len(partitions)} partition(s).")


def _decoded(raw: bytes | None, *, parse_json: bool) -> Any:
    if raw is None:
        return None
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(raw).decode()}
    if parse_json:
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


def _partitions(consumer: KafkaConsumer, topic: str, window: KafkaWindow) -> list[TopicPartition]:
    available = consumer.partitions_for_topic(topic)
    if not available:
        raise ValueError(f"Topic {topic!r} does not exist.")
    wanted = window.partitions or sorted(available)
    missing = sorted(set(wanted) - available)
    if missing:
        raise ValueError(f"Topic {topic!r} has no partition {missing[0]}.")
    return [TopicPartition(topic, number) for number in wanted]


def _bounds(
    consumer: KafkaConsumer, partitions: list[TopicPartition], window: KafkaWindow
) -> dict[TopicPartition, tuple[int, int]]:
    """Offsets ``[start, end)`` to read per partition; partitions with nothing to read left out.

    ``end`` is the partition's end when the job starts (or ``end_offset``); a time window
    also stops at the first message stamped at or after ``end_time``, while reading.
    """
    last = consumer.end_offsets(partitions)
    if window.start_ms is not None:
        found = consumer.offsets_for_times({tp: window.start_ms for tp in partitions})
        starts = {tp: found[tp].offset for tp in partitions if found.get(tp) is not None}
    else:
        first = consumer.beginning_offsets(partitions)  # older messages may be deleted
        starts = {tp: max(window.start_offset or 0, first[tp]) for tp in partitions}
    bounds = {}
    for tp, start in starts.items():
        end = last[tp] if window.end_offset is None else min(window.end_offset, last[tp])
        if start < end:
            bounds[tp] = (start, end)
    return bounds


class _WindowReader:
    def __init__(self, consumer: KafkaConsumer, window: KafkaWindow, file: IO[bytes]) -> None:
        self.consumer = consumer
        self.window = window
        self.file = file
        self.count = 0
        self.pending: dict[TopicPartition, int] = {}  # partition → end offset
        # Time windows skip messages stamped before the start, up to the first one after it.
        self.before_start: set[TopicPartition] = set()

    def start(self, bounds: dict[TopicPartition, tuple[int, int]]) -> None:
        self.consumer.assign(list(bounds))
        for tp, (start, end) in bounds.items():
            self.consumer.seek(tp, start)
            self.pending[tp] = end
        if self.window.start_ms is not None:
            self.before_start = set(bounds)

    def done(self, tp: TopicPartition) -> None:
        self.pending.pop(tp, None)
        self.consumer.pause(tp)

    def take(self, tp: TopicPartition, records: list[Any]) -> None:
        end_ms = self.window.end_ms
        for record in records:
            if tp not in self.pending or self.count >= self.window.max_messages:
                return
            if record.offset >= self.pending[tp] or (
                end_ms is not None and record.timestamp >= end_ms
            ):
                self.done(tp)
                return
            if tp in self.before_start:
                if record.timestamp < (self.window.start_ms or 0):
                    continue
                self.before_start.discard(tp)
            self.write(tp, record)

    def write(self, tp: TopicPartition, record: Any) -> None:
        line = {
            "partition": tp.partition,
            "offset": record.offset,
            "timestamp": datetime.fromtimestamp(record.timestamp / 1000, UTC).isoformat(
                timespec="milliseconds"
            ),
            "key": _decoded(record.key, parse_json=False),
            "value": _decoded(record.value, parse_json=True),
        }
        self.file.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        self.count += 1

    def read(self, progress: Progress) -> None:
        idle_ms = 0
        while self.pending and self.count < self.window.max_messages:
            batch = self.consumer.poll(timeout_ms=POLL_TIMEOUT_MS)
            for tp, records in batch.items():
                self.take(tp, records)
            for tp in list(self.pending):
                if self.consumer.position(tp) >= self.pending[tp]:
                    self.done(tp)
            idle_ms = 0 if batch else idle_ms + POLL_TIMEOUT_MS
            if idle_ms >= IDLE_TIMEOUT_MS:
                raise TimeoutError(
                    f"No messages for {IDLE_TIMEOUT_MS // 1000}s before the end of partition(s) "
                    f"{sorted(tp.partition for tp in self.pending)}."
                )
            progress(self.count, self.file.tell())


def write_window(job: Job, file: IO[bytes], progress: Progress) -> Written:
    assert job.source is not None
    window = KafkaWindow.from_spec(job.spec)
    consumer = _consumer(job.source, bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS)
    try:
        bounds = _bounds(
            consumer, _partitions(consumer, job.source.config["topic"], window), window
        )
        reader = _WindowReader(consumer, window, file)
        if bounds:
            reader.start(bounds)
            reader.read(progress)
    finally:
        consumer.close()
    spans = ", ".join(f"{tp.partition}: {a}-{b}" for tp, (a, b) in sorted(bounds.items()))
    stopped = " (stopped at max_messages)" if reader.pending else ""
    return Written(
        reader.count, f"Read {reader.count:,} messages, offsets {spans or 'none'}{stopped}"
    )
