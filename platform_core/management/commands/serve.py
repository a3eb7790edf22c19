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
        # Children reuse this process's database (the embedded server stays up while any of them runs).
        env = {**os.environ, "DATABASE_URL": self._database_url()}
        commands = [
            [
                sys.executable,
                "-m",
                "uvicorn",
                "platform_core.asgi:application",
                "--host",
                options["host"],
                "--port",
                str(options["port"]),
                "--lifespan",
                "off",
                "--no-access-log",
            ],
        ]
        if not options["no_worker"]:
            commands.append(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "platform_core",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                ]
            )
        children = [subprocess.Popen(command, env=env) for command in commands]
        self.stdout.write(
            self.style.SUCCESS(
                f"Zhongtai is up at http://{options['host']}:{options['port']}/ (Ctrl-C stops it)"
            )
        )

        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [
            child.args[2]
            for child in children
            if child.returncode not in (0, -signal.SIGTERM, None)
        ]
        if failed and not stopping:
            raise SystemExit(f"Stopped because a process exited: {', '.join(map(str, failed))}")

    @staticmethod
    def _database_url() -> str:
        if url := os.environ.get("DATABASE_URL"):
            return url
        db = settings.DATABASES["default"]
        return f"postgresql://{db['USER']}@/{db['NAME']}?host={db['HOST']}"
