"""Runs the platform: the ASGI web server and one Celery worker, until Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the API, admin and portal with uvicorn, and run a Celery worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a Celery worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        env = dict(os.environ)  # includes DATABASE_URL of an embedded server
        commands = {
            "web": [
                *(sys.executable, "-m", "uvicorn", "platform_core.asgi:application"),
                *("--host", options["host"], "--port", str(options["port"])),
                *("--lifespan", "off", "--no-access-log"),
            ],
        }
        if not options["no_worker"]:
            commands["worker"] = [
                *(sys.executable, "-m", "celery", "-A", "platform_core", "worker"),
                *(
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--beat",
                    "--schedule",
                    str(settings.DATA_DIR / "celerybeat-schedule"),
                ),
            ]
        children = {name: subprocess.Popen(command, env=env) for name, command in commands.items()}
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"Zhongtai is up at {url} (Ctrl-C stops it)"))

        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            for child in children.values():
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        if not stopping:
            exited = ", ".join(
                f"{name} (exit {child.returncode})" for name, child in children.items()
            )
            raise SystemExit(f"Stopped because a process exited: {exited}")
