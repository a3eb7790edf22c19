from celery import shared_task

from data_platform.services import vectors


@shared_task(name="data_platform.build_vector_collection")
def build_vector_collection(collection_id: int) -> None:
    vectors.build_collection(collection_id)
