from data_platform.models.datasets import Dataset, DatasetVersion, UploadSession
from data_platform.models.jobs import Job, JobLogLine
from data_platform.models.labeling import Annotation, LabelingProject, LabelTask
from data_platform.models.sources import DataSource
from data_platform.models.vectors import VectorCollection

__all__ = [
    "Annotation",
    "DataSource",
    "Dataset",
    "DatasetVersion",
    "Job",
    "JobLogLine",
    "LabelTask",
    "LabelingProject",
    "UploadSession",
    "VectorCollection",
]
