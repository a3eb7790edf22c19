"""Celery tasks of the data platform (autodiscovered); thin wrappers over the services."""

from data_platform.tasks import datasets, jobs, labeling, sources, vectors  # noqa: F401
