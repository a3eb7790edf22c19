"""A real Apache Airflow 3.3 (``airflow standalone``) for integration tests.

Airflow's dependencies conflict with the platform's, so it lives in a virtualenv
of its own, created on first use (``pip install apache-airflow==3.3.*``, about a
minute) under ``var/airflow-venv`` or ``$ZT_AIRFLOW_VENV``, and kept for later
runs. ``running_airflow`` starts the scheduler, DAG processor, triggerer and API
server on free 127.0.0.1 ports in their own process group, with a SQLite metadata
database and a DAGs folder under the given directory, waits until every
component reports healthy and the admin password exists, and kills the group on
exit.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.servers.ports import free_port, stop_process_group

AIRFLOW_REQUIREMENT = "apache-airflow==3.3.*"
VENV = Path(
    os.environ.get("ZT_AIRFLOW_VENV", Path(__file__).resolve().parents[2] / "var" / "airflow-venv")
)
USERNAME = "zhongtai"
INSTALL_TIMEOUT_SECONDS = 900
START_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 20.0
HTTP_TIMEOUT_SECONDS = 5.0
COMPONENTS = ("metadatabase", "scheduler", "triggerer", "dag_processor")


@dataclass(frozen=True)
class AirflowServer:
    url: str
    username: str
    password: str
    home: Path
    dags_folder: Path

    def orchestrator_options(self) -> dict[str, Any]:
        """OPTIONS for AirflowOrchestrator, as settings build them from AIRFLOW_* variables."""
        return {
            "api_url": self.url,
            "username": self.username,
            "password": self.password,
            "dags_folder": str(self.dags_folder),
        }

    def environment(self) -> dict[str, str]:
        """The AIRFLOW_* variables that point the platform's settings at this server."""
        return {
            "AIRFLOW_API_URL": self.url,
            "AIRFLOW_USERNAME": self.username,
            "AIRFLOW_PASSWORD": self.password,
            "AIRFLOW_DAGS_FOLDER": str(self.dags_folder),
        }


def ensure_installed() -> Path:
    """The venv's bin directory, installing Airflow first if needed (serialised across workers)."""
    marker = VENV / ".installed-apache-airflow-3.3"
    if marker.exists():
        return VENV / "bin"
    lock_path = Path(tempfile.gettempdir()) / "zhongtai-airflow-venv.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not marker.exists():
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
            subprocess.run(
                [str(VENV / "bin" / "pip"), "install", "--quiet", AIRFLOW_REQUIREMENT],
                check=True,
                timeout=INSTALL_TIMEOUT_SECONDS,
            )
            marker.touch()
    return VENV / "bin"


def _environment(bin_dir: Path, home: Path, port: int, extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(VENV),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USERNAME}:admin",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        # Defaults list new DAG files every 300 s (checked every 5 s); tests want seconds.
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "1",
        "AIRFLOW__DAG_PROCESSOR__BUNDLE_REFRESH_CHECK_INTERVAL": "1",
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        **extra,
    }


def _password(home: Path) -> str | None:
    try:
        passwords: dict[str, str] = json.loads(
            (home / "simple_auth_manager_passwords.json.generated").read_text()
        )
    except (FileNotFoundError, ValueError):
        return None
    return passwords.get(USERNAME)


def _healthy(url: str) -> bool:
    try:
        health = requests.get(f"{url}/api/v2/monitor/health", timeout=HTTP_TIMEOUT_SECONDS).json()
    except (requests.RequestException, ValueError):
        return False
    return all(health.get(name, {}).get("status") == "healthy" for name in COMPONENTS)


@contextlib.contextmanager
def running_airflow(workdir: Path, env: dict[str, str] | None = None) -> Iterator[AirflowServer]:
    """Run Airflow standalone for the block; ``env`` reaches its tasks (the platform's own
    settings, such as DATABASE_URL, as a deployment gives them to Airflow's workers)."""
    bin_dir = ensure_installed()
    home = workdir / "airflow-home"
    (home / "dags").mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "airflow.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [str(bin_dir / "airflow"), "standalone"],
            cwd=home,
            env=_environment(bin_dir, home, port, env or {}),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_SECONDS
            while not (_healthy(url) and (password := _password(home))):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Airflow did not become healthy; see {log_path}:\n"
                        + log_path.read_text()[-5000:]
                    )
                time.sleep(0.5)
            yield AirflowServer(url, USERNAME, password, home, home / "dags")
        finally:
            stop_process_group(process, STOP_TIMEOUT_SECONDS)
