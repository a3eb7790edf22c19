"""Ingestion jobs from data sources (database snapshots, Kafka windows)."""

from __future__ import annotations

from celery import shared_task

from data_platform.services.ingestion import runner


@shared_task(name="data_platform.run_ingestion")
def run_ingestion(job_id: int) -> None:
    runner.run_ingestion(job_id)
