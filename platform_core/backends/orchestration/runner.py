"""Runs a job's entrypoint in a process of an external orchestrator.

``python -m platform_core.backends.orchestration.runner <entrypoint> <job id>``, from
the platform's source directory with its interpreter and environment (database and
storage settings, as the Celery workers have them). SIGTERM, which orchestrators send
to stop a task, sets ``stop_requested()``: the entrypoint stops at its next check
and cleans up (raising from the handler could interrupt a database call halfway).
The exit status is 0 when the entrypoint reports success, 1 otherwise.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

from platform_core.backends.orchestration.base import request_stop


def _interrupt(signum: int, frame: FrameType | None) -> None:
    request_stop()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not (argv[1].isascii() and argv[1].isdigit()):
        print("usage: python -m platform_core.backends.orchestration.runner ENTRYPOINT JOB_ID")
        return 2
    entrypoint, job_id = argv[0], int(argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
    import django
    from django.utils.module_loading import import_string

    django.setup()
    signal.signal(signal.SIGTERM, _interrupt)
    succeeded = import_string(entrypoint)(job_id)
    return 0 if succeeded else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
