"""Datasets (``/datasets/``) and their immutable versions (``/dataset-versions/``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.serializers.datasets import (
    CompleteUploadSerializer,
    DatasetSerializer,
    DatasetVersionSerializer,
    DownloadQuerySerializer,
    DownloadUrlSerializer,
    LineageSerializer,
    PreviewSerializer,
    ProfileSerializer,
    ResumableUploadRequestSerializer,
    ResumableUploadSerializer,
    VersionUploadFormSerializer,
)
from data_platform.api.upload_handler import VersionUploadHandler
from data_platform.choices import VersionStatus
from data_platform.filtersets import DatasetFilter, DatasetVersionFilter
from data_platform.models import Dataset, DatasetVersion, UploadSession
from data_platform.services import dataset_uploads, datasets
from platform_core.api.parsers import StoredJSONParser
from platform_core.api.viewsets import Adds, ScopedGenericViewSet, ScopedModelViewSet
from platform_core.errors import Conflict, InvalidInput, PlatformError
from platform_core.permissions.scope import Action


class LengthRequired(PlatformError):
    status_code = 411
    code = "length_required"


class FormatFilterNegotiation(DefaultContentNegotiation):
    """``?format=`` filters datasets by data format here; it never picks a renderer."""

    class settings:
        URL_FORMAT_OVERRIDE = None


def version_response(version: DatasetVersion) -> Response:
    """201 for a version already validated (eager tasks), 202 while it is validating."""
    version.refresh_from_db()
    ready = version.status == VersionStatus.READY
    return Response(
        DatasetVersionSerializer(version).data,
        status=status.HTTP_201_CREATED if ready else status.HTTP_202_ACCEPTED,
    )


def absolute_urls(request: Request, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The local backend presigns paths on this server; clients need whole URLs."""
    for entry in files:
        for part in entry["parts"]:
            part["url"] = request.build_absolute_uri(part["url"])
    return files


def upload_session_response(request: Request, session: UploadSession, code: int) -> Response:
    body = {
        "version": session.version,
        "expires_at": session.expires_at,
        "files": absolute_urls(request, dataset_uploads.part_urls(session)),
    }
    return Response(ResumableUploadSerializer(body).data, status=code)


class DatasetViewSet(ScopedModelViewSet):
    """Datasets of a project. One with versions cannot be deleted: delete its versions first."""

    serializer_class = DatasetSerializer
    filterset_class = DatasetFilter
    content_negotiation_class = FormatFilterNegotiation
    search_fields = ["name", "description"]
    ordering_fields = ["id", "name", "created_at", "updated_at"]
    object_actions = {"versions": Action.VIEW, "uploads": Action.VIEW}
    adds = {
        "create": Adds(Dataset, into="project"),
        "versions": Adds(DatasetVersion),
        "uploads": Adds(DatasetVersion),
    }

    def base_queryset(self) -> QuerySet[Dataset]:
        return Dataset.objects.annotate(version_count=Count("versions"))

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = datasets.create_dataset(self.acting_user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = datasets.update_dataset(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Dataset) -> None:
        datasets.delete_dataset(self.acting_user, instance)

    @extend_schema(
        request={"multipart/form-data": VersionUploadFormSerializer},
        responses={
            201: DatasetVersionSerializer,
            202: OpenApiResponse(DatasetVersionSerializer, description="Validating."),
        },
        summary="Upload a new version",
        description=(
            "Multipart form with one or more `file` parts (and an optional `message`). Files "
            "stream into storage as they arrive; the version is validated in the background. "
            "Needs a Content-Length, which is checked against the storage quota first."
        ),
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        dataset: Dataset = self.get_object()
        if not request.content_type.startswith("multipart/form-data"):
            raise exceptions.UnsupportedMediaType(request.content_type)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= 0:
            raise LengthRequired("Send the upload with a Content-Length header.")
        upload = dataset_uploads.VersionUpload.start(
            self.acting_user, dataset, expected_bytes=length
        )
        with upload.failing_on_error():
            request._request.upload_handlers = [VersionUploadHandler(request._request, upload)]
            form = VersionUploadFormSerializer(data=request.data)  # streams the files
            if not form.is_valid():
                raise InvalidInput(
                    f"Invalid form fields: {', '.join(form.errors)}.", details=form.errors
                )
            version = upload.finish(message=form.validated_data.get("message"))
        return version_response(version)

    @extend_schema(
        request=ResumableUploadRequestSerializer,
        responses={201: ResumableUploadSerializer},
        summary="Start a resumable upload",
        description=(
            "Creates a version in `uploading` and returns presigned URLs to PUT each file's "
            "parts to (parts of `part_size` bytes, the last one shorter). Keep each PUT's "
            "ETag response header, then POST them to `/dataset-versions/{id}/complete/`."
        ),
    )
    @action(detail=True, methods=["post"], parser_classes=[StoredJSONParser])
    def uploads(self, request: Request, pk: str | None = None) -> Response:
        dataset = self.get_object()
        body = self.action_input(ResumableUploadRequestSerializer)
        session = dataset_uploads.start_resumable_upload(
            self.acting_user, dataset, body["files"], message=body.get("message", "")
        )
        return upload_session_response(request, session, status.HTTP_201_CREATED)


class DatasetVersionViewSet(
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    ScopedGenericViewSet,
):
    """Dataset versions: immutable once ready. Deleting one removes its stored files."""

    serializer_class = DatasetVersionSerializer
    filterset_class = DatasetVersionFilter
    ordering_fields = ["id", "number", "created_at", "ready_at"]
    object_actions = {
        "preview": Action.VIEW,
        "profile": Action.VIEW,
        "download": Action.VIEW,
        "lineage": Action.VIEW,
        "upload": Action.VIEW,
        "complete": Action.CHANGE,
        "abort": Action.CHANGE,
    }

    def base_queryset(self) -> QuerySet[DatasetVersion]:
        return (
            DatasetVersion.objects.select_related("dataset")
            .prefetch_related("parents")
            .defer("preview", "profile")
        )

    def perform_destroy(self, instance: DatasetVersion) -> None:
        datasets.delete_version(self.acting_user, instance)

    def _ready(self) -> DatasetVersion:
        version: DatasetVersion = self.get_object()
        if version.status != VersionStatus.READY:
            raise Conflict(
                f"Version {version.number} is {version.status}, not ready.",
                details={"status": version.status},
            )
        return version

    @extend_schema(responses=PreviewSerializer, summary="First rows (or files of an image zip)")
    @action(detail=True, methods=["get"])
    def preview(self, request: Request, pk: str | None = None) -> Response:
        return Response(self._ready().preview)

    @extend_schema(responses=ProfileSerializer, summary="Per-column statistics")
    @action(detail=True, methods=["get"])
    def profile(self, request: Request, pk: str | None = None) -> Response:
        return Response(self._ready().profile)

    @extend_schema(
        parameters=[DownloadQuerySerializer],
        responses={
            302: OpenApiResponse(description="Redirect to a short-lived download URL."),
            200: DownloadUrlSerializer,
        },
        summary="Download a file",
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> Response:
        query = DownloadQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        expires_at = timezone.now() + datasets.DOWNLOAD_URL_LIFETIME
        url = request.build_absolute_uri(
            datasets.download_url(self.get_object(), query.validated_data.get("file"))
        )
        if query.validated_data["redirect"]:
            return Response(status=status.HTTP_302_FOUND, headers={"Location": url})
        return Response(DownloadUrlSerializer({"url": url, "expires_at": expires_at}).data)

    @extend_schema(responses=LineageSerializer, summary="Parents, children and producing job")
    @action(detail=True, methods=["get"])
    def lineage(self, request: Request, pk: str | None = None) -> Response:
        return Response(datasets.lineage(self.acting_user, self.get_object()))

    @extend_schema(
        responses=ResumableUploadSerializer, summary="Fresh part URLs of a resumable upload"
    )
    @action(detail=True, methods=["get"])
    def upload(self, request: Request, pk: str | None = None) -> Response:
        session = dataset_uploads.session_of(self.get_object())
        return upload_session_response(request, session, status.HTTP_200_OK)

    @extend_schema(
        request=CompleteUploadSerializer,
        responses={
            201: DatasetVersionSerializer,
            202: OpenApiResponse(DatasetVersionSerializer, description="Validating."),
        },
        summary="Complete a resumable upload",
    )
    @action(detail=True, methods=["post"], parser_classes=[StoredJSONParser])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        version = self.get_object()
        body = CompleteUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = dataset_uploads.complete_resumable_upload(
            self.acting_user, version, body.validated_data["parts"]
        )
        return version_response(version)

    @extend_schema(request=None, responses=DatasetVersionSerializer, summary="Abort an upload")
    @action(detail=True, methods=["post"])
    def abort(self, request: Request, pk: str | None = None) -> Response:
        version = dataset_uploads.abort_upload(self.acting_user, self.get_object())
        return Response(DatasetVersionSerializer(version).data)
