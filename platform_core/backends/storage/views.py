"""Serves the local backend's presigned URLs (S3 serves its own)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from platform_core.backends.registry import get_backend
from platform_core.backends.storage.base import (
    ObjectNotFound,
    StorageError,
    UploadNotFound,
)
from platform_core.backends.storage.local import LocalStorage, read_grant


@csrf_exempt  # the signed token is the credential, as with S3's presigned URLs
@require_http_methods(["GET", "PUT"])
def presigned_object(request: HttpRequest, key: str) -> HttpResponseBase:
    storage = get_backend("storage")
    if not isinstance(storage, LocalStorage):
        raise Http404("Objects are served by the configured object store.")
    grant = read_grant(request.GET.get("token", ""), key=key, method=request.method or "")
    try:
        if request.method == "GET":
            return _download(storage, key, grant.get("filename"))
        return _upload(storage, key, grant, request)
    except (ObjectNotFound, UploadNotFound) as exc:
        raise Http404(str(exc)) from exc
    except StorageError as exc:
        return HttpResponseBadRequest(str(exc))


def _download(storage: LocalStorage, key: str, filename: str | None) -> HttpResponseBase:
    info = storage.stat(key)
    response = FileResponse(
        storage.open_file(key),
        content_type=info.content_type,
        as_attachment=filename is not None,
        filename=filename or "",
    )
    response["ETag"] = f'"{info.etag}"'
    # Stored files are served from the platform's own origin (S3 uses its own): an
    # uploaded HTML page must not run scripts with the portal's origin.
    response["Content-Security-Policy"] = "sandbox"
    return response


def _upload(
    storage: LocalStorage, key: str, grant: dict[str, Any], request: HttpRequest
) -> HttpResponseBase:
    length = _content_length(request)
    if length is None:
        # Django's dev and test servers do not decode chunked bodies; S3 wants a length too.
        return HttpResponse("A Content-Length header is required.", status=411)
    if "upload_id" in grant:
        part = storage.upload_part(key, grant["upload_id"], grant["part_number"], request, length)
        etag = part.etag
    else:
        content_type = request.META.get("CONTENT_TYPE") or None
        etag = storage.put(key, request, length, content_type=content_type).etag
    return HttpResponse(headers={"ETag": f'"{etag}"'})


def _content_length(request: HttpRequest) -> int | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH", ""))
    except ValueError:
        return None
    return length if length >= 0 else None
