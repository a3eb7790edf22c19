from celery import shared_task

from data_platform.services import labeling


@shared_task(name="data_platform.generate_label_tasks")
def generate_label_tasks(labeling_project_id: int) -> None:
    labeling.generate_tasks(labeling_project_id)
