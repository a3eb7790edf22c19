"""``/api/v1/jobs/``: submit processing jobs, follow their status and logs, cancel them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.serializers.jobs import (
    JobCreateSerializer,
    JobLogLineSerializer,
    JobSerializer,
)
from data_platform.filtersets import JobFilter
from data_platform.models import DatasetVersion, Job, JobLogLine
from data_platform.services import jobs
from platform_core.api.pagination import RecentFirstCursorPagination
from platform_core.api.params import parse_id
from platform_core.api.parsers import StoredJSONParser
from platform_core.api.viewsets import Adds, ScopedCreateMixin, ScopedReadOnlyViewSet
from platform_core.permissions.scope import Action

STREAM_POLL_SECONDS = 1.0


STREAM_HEARTBEAT_SECONDS = 15.0


STREAM_BATCH = 500


class LogPagination(RecentFirstCursorPagination):
    """Oldest first: a log reads top to bottom, and the next page is what came after."""

    ordering = "id"
    page_size = 200


class EventStreamRenderer(BaseRenderer):
    """Lets clients ask for ``text/event-stream``; only errors are rendered through it."""

    media_type = "text/event-stream"
    format = "event-stream"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        return json.dumps(data).encode()


def _event(name: str, data: dict[str, Any], event_id: int | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data)}\n\n".encode()


def _poll(job_id: int, after: int) -> tuple[str, list[JobLogLine]]:
    # Status first: a finished job's lines are all written before its status changes.
    # convention: allow raw-queryset -- the job get_object() let the user see, polled by id
    job_status = Job.objects.values_list("status", flat=True).get(pk=job_id)
    # convention: allow raw-queryset -- that same job's lines
    lines = JobLogLine.objects.filter(job_id=job_id, id__gt=after).order_by("id")
    return job_status, list(lines[:STREAM_BATCH])


async def job_events(job_id: int, after: int) -> AsyncIterator[bytes]:
    """Log lines as ``log`` events until the job finishes, then one ``end`` event."""
    quiet = 0.0
    while True:
        job_status, lines = await sync_to_async(_poll)(job_id, after)
        for line in lines:
            after = line.pk
            yield _event("log", JobLogLineSerializer(line).data, line.pk)
        if len(lines) == STREAM_BATCH:
            continue
        if job_status in jobs.FINISHED:
            yield _event("end", {"status": job_status})
            return
        quiet = 0.0 if lines else quiet + STREAM_POLL_SECONDS
        if quiet >= STREAM_HEARTBEAT_SECONDS:
            quiet = 0.0
            yield b": keep-alive\n\n"
        await asyncio.sleep(STREAM_POLL_SECONDS)


@extend_schema_view(
    create=extend_schema(
        request=JobCreateSerializer,
        responses={202: JobSerializer},
        description="Submit a processing job; it runs in the background (202).",
    )
)
class JobViewSet(ScopedCreateMixin, ScopedReadOnlyViewSet):
    """Processing jobs: a pipeline of steps over ready versions that produces a new version."""

    serializer_class = JobSerializer
    parser_classes = [StoredJSONParser]
    filterset_class = JobFilter
    ordering_fields = ["id", "created_at", "finished_at"]
    search_fields = ["name"]
    object_actions = {"cancel": Action.CHANGE, "logs": Action.VIEW, "stream_logs": Action.VIEW}
    adds = {"create": Adds(Job, into="project")}

    def base_queryset(self) -> Any:
        return Job.objects.prefetch_related(
            Prefetch("inputs", queryset=DatasetVersion.objects.only("id")),
            Prefetch("outputs", queryset=DatasetVersion.objects.only("id", "produced_by")),
        )

    def get_serializer_class(self) -> Any:
        return JobCreateSerializer if self.action == "create" else JobSerializer

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = jobs.create_processing_job(
            self.acting_user,
            project=data["project"],
            inputs=data["inputs"],
            target_dataset=data["target_dataset"],
            spec=data["spec"],
            name=data.get("name", ""),
        )

    def created_response(self, serializer: Any) -> Response:
        return Response(JobSerializer(serializer.instance).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=JobSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel a queued or running job; no partial version is kept (409 if it finished)."""
        job = jobs.cancel_job(self.acting_user, self.get_object())
        return Response(JobSerializer(job).data)

    @extend_schema(responses=JobLogLineSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=LogPagination, filter_backends=[])
    def logs(self, request: Request, pk: str | None = None) -> Response:
        """The job's log, oldest first, cursor-paginated."""
        job = self.get_object()
        page = self.paginate_queryset(job.log_lines.all())
        return self.get_paginated_response(JobLogLineSerializer(page, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after", int, description="Only lines after this id (or a Last-Event-ID header)."
            ),
            OpenApiParameter("format", exclude=True),
        ],
        responses={(200, "text/event-stream"): OpenApiTypes.STR},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="logs/stream",
        renderer_classes=[JSONRenderer, EventStreamRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def stream_logs(self, request: Request, pk: str | None = None) -> StreamingHttpResponse:
        """Server-Sent Events: ``log`` events until the job finishes, then an ``end`` event."""
        job = self.get_object()
        after = parse_id(
            request.headers.get("Last-Event-ID") or request.query_params.get("after") or "0"
        )
        if after is None:
            raise serializers.ValidationError({"after": ["A log line id."]})
        response = StreamingHttpResponse(
            job_events(job.pk, after), content_type="text/event-stream"
        )
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response
