from data_platform.admin import datasets, jobs, labeling, sources, vectors  # noqa: F401
