"""The local orchestrator (Celery, eager here) against the orchestration contract, and the
Airflow DAG a run becomes (rendering only: the real server runs in data_platform's tests)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from platform_core.backends import get_backend
from platform_core.backends.orchestration.airflow import AirflowOrchestrator, render_dag
from platform_core.backends.orchestration.base import JobRun, OrchestrationError
from platform_core.backends.orchestration.contract import MARKERS_ENV, OrchestratorContract
from platform_core.backends.orchestration.local import LocalOrchestrator

LOCAL = "platform_core.backends.orchestration.local.LocalOrchestrator"


class TestLocalOrchestrator(OrchestratorContract):
    @pytest.fixture
    def markers(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.setenv(MARKERS_ENV, str(tmp_path))
        return tmp_path

    @pytest.fixture
    def orchestrator(self, settings: Any) -> LocalOrchestrator:
        settings.CELERY_TASK_ALWAYS_EAGER = True
        settings.PLATFORM_BACKENDS = {"orchestration": {"BACKEND": LOCAL, "OPTIONS": {}}}
        backend = get_backend("orchestration")
        assert isinstance(backend, LocalOrchestrator)
        return backend


RUN = JobRun(42, 'nightly clean-up"""; import os', "pkg.tasks.run", ("select a", "filter b"))


def test_a_rendered_dag_is_python_with_every_value_a_literal() -> None:
    source = render_dag(RUN, "zhongtai_job_42_ab", "/opt/zt/python", "/opt/zt/src")

    tree = ast.parse(source)  # valid Python, the quotes in the name did not escape
    imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert len(imports) == 3
    assert "'zhongtai_job_42_ab'" in source
    assert (
        "'exec /opt/zt/python -m platform_core.backends.orchestration.runner pkg.tasks.run 42'"
        in source
    )
    assert "1. select a\\n2. filter b" in source


def test_the_airflow_orchestrator_needs_a_dags_folder() -> None:
    with pytest.raises(OrchestrationError, match="dags_folder"):
        AirflowOrchestrator("http://127.0.0.1:1", "admin", "secret", dags_folder="")


def test_an_unreachable_airflow_is_reported_as_unavailable(tmp_path: Path) -> None:
    from platform_core.backends.orchestration.base import OrchestratorUnavailable
    from tests.servers.ports import free_port

    airflow = AirflowOrchestrator(
        f"http://127.0.0.1:{free_port()}", "admin", "secret", str(tmp_path), request_timeout=2
    )

    with pytest.raises(OrchestratorUnavailable, match="unreachable"):
        airflow.submit(RUN)
    assert list(tmp_path.iterdir()) == []  # the DAG file went with the failed submission
