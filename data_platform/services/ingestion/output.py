"""What an ingestion writer gets and gives back (see runner.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from data_platform.choices import JobStatus
from data_platform.models import Job
from data_platform.services import jobs, versions

#: Rows (or messages) between two progress lines in the job's log.
PROGRESS_EVERY = 100_000


class JobCancelled(Exception):
    pass


@dataclass(frozen=True)
class Output:
    filename: str
    content_type: str


@dataclass(frozen=True)
class Written:
    """What a writer put in the file: how many rows, and a line for the job's log."""

    row_count: int
    summary: str


class Progress:
    """Writers call it as they write: it logs now and then, and stops a job that was cancelled
    or whose file has outgrown the organization's storage quota (before the worker's disk)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.logged = 0

    def check_cancelled(self) -> None:
        if Job.objects.filter(pk=self.job.pk, status=JobStatus.CANCELLED).exists():
            raise JobCancelled("The job was cancelled.")

    def __call__(self, rows: int, size: int) -> None:
        self.check_cancelled()
        versions.check_quota(self.job.organization, size)
        if rows - self.logged >= PROGRESS_EVERY:
            self.logged = rows
            jobs.log(self.job, f"{rows:,} rows written so far.")


Writer = Callable[[Job, IO[bytes], Progress], Written]
