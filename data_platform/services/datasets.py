"""Datasets and their versions: create, change, delete, download and trace lineage.

Uploads live in ``dataset_uploads``, validation in ``dataset_validation``.
A dataset with versions cannot be deleted (delete its versions first); a version
that other versions name as a parent cannot be deleted either, so lineage never
points at nothing.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from datetime import timedelta
from typing import IO, Any

from django.db import transaction

from data_platform.choices import VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services.dataset_uploads import VersionUpload
from data_platform.services.dataset_validation import validate_version
from platform_core.backends import get_backend
from platform_core.backends.storage.base import CHUNK_SIZE
from platform_core.errors import Conflict, InvalidInput
from platform_core.models import Project, User
from platform_core.services import create_object, delete_object, update_object

DOWNLOAD_URL_LIFETIME = timedelta(minutes=15)


def create_dataset(
    actor: User | None,
    *,
    project: Project,
    name: str,
    format: str,
    description: str = "",
    tags: Iterable[str] = (),
) -> Dataset:
    return create_object(
        actor,
        Dataset,
        project=project,
        organization_id=project.organization_id,
        name=name,
        format=format,
        description=description,
        tags=list(tags),
        created_by=actor,
    )


def update_dataset(actor: User, dataset: Dataset, **changes: Any) -> Dataset:
    """Name, description and tags change; the project and format never do."""
    fixed = sorted(set(changes) & {"project", "format", "organization"})
    if fixed:
        raise InvalidInput(f"A dataset's {', '.join(fixed)} cannot change.")
    return update_object(actor, dataset, **changes)


def delete_dataset(actor: User, dataset: Dataset) -> None:
    """Refused (409) while the dataset has versions: each is deleted on its own."""
    delete_object(actor, dataset)


def delete_version(actor: User | None, version: DatasetVersion) -> None:
    """Delete the version and everything it stored.

    Refused while its upload is in progress (abort it instead) and while other
    versions list it as a parent.
    """
    if version.status == VersionStatus.UPLOADING:
        raise Conflict("This version is still uploading: abort the upload instead.")
    children = list(version.children.order_by("id").values_list("id", flat=True))
    if children:
        raise Conflict(
            "Other versions were made from this one; delete them first.",
            details={"children": children},
        )
    prefix = version.storage_prefix
    with transaction.atomic():
        delete_object(actor, version)
        transaction.on_commit(lambda: get_backend("storage").delete_prefix(prefix))


def create_version_from_files(
    actor: User | None,
    dataset: Dataset,
    files: Iterable[tuple[str, IO[bytes], int]],
    *,
    message: str = "",
    parents: list[DatasetVersion] | None = None,
    produced_by: Job | None = None,
    validate_now: bool = False,
) -> DatasetVersion:
    """A version from ``(path, stream, size)`` triples, read in chunks and validated by the
    Celery task (or at once with ``validate_now``, for work already running in a task)."""
    files = list(files)
    upload = VersionUpload.start(
        actor,
        dataset,
        expected_bytes=sum(size for _path, _stream, size in files),
        message=message,
        parents=parents,
        produced_by=produced_by,
    )
    with upload.failing_on_error():
        for path, stream, _size in files:
            upload.open_file(path)
            while chunk := stream.read(CHUNK_SIZE):
                upload.write(chunk)
            upload.close_file()
        version = upload.finish(queue=not validate_now)
    if validate_now:
        version = validate_version(version.pk) or version
    return version


def download_url(version: DatasetVersion, path: str | None) -> str:
    """A presigned URL of one of the version's files (the only one when ``path`` is None)."""
    if version.status != VersionStatus.READY:
        raise Conflict(
            f"Version {version.number} is {version.status}; only ready versions download.",
            details={"status": version.status},
        )
    paths = [entry["path"] for entry in version.files]
    if path is None:
        if len(paths) != 1:
            raise InvalidInput(
                "This version has several files: name one with ?file=<path>.",
                details={"files": paths[:100]},
            )
        path = paths[0]
    if path not in paths:
        raise InvalidInput(f"Version {version.number} has no file {path!r}.")
    return get_backend("storage").presigned_get_url(
        version.storage_prefix + path,
        expires=DOWNLOAD_URL_LIFETIME,
        filename=posixpath.basename(path),
    )


def _version_summary(version: DatasetVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "dataset": version.dataset_id,
        "dataset_name": version.dataset.name,
        "number": version.number,
        "status": version.status,
    }


def lineage(user: User, version: DatasetVersion) -> dict[str, Any]:
    """Parents, children and the producing job, as far as ``user`` may see them."""
    related = DatasetVersion.objects.select_related("dataset").order_by("id")
    parents = related.filter(children=version).restrict(user, "view")
    children = related.filter(parents=version).restrict(user, "view")
    job = (
        None
        if version.produced_by_id is None
        else Job.objects.filter(pk=version.produced_by_id).restrict(user, "view").first()
    )
    return {
        "version": _version_summary(version),
        "parents": [_version_summary(item) for item in parents],
        "children": [_version_summary(item) for item in children],
        "produced_by": None
        if job is None
        else {"id": job.pk, "kind": job.kind, "name": job.name, "status": job.status},
    }
