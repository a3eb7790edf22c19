"""Sample factories for the generic tenant-isolation tests (see tests/isolation.py)."""

from data_platform.tests.samples import datasets, jobs, labeling, sources, vectors  # noqa: F401
