"""A Django upload handler that streams each ``file`` part of a request into storage.

Django's default handlers spool every file to memory or a temp file before the view
sees it; this one hands each chunk to the version's ``VersionUpload`` as the
multipart parser reads it, and keeps nothing for ``request.FILES``.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

from data_platform.services.dataset_uploads import VersionUpload
from platform_core.backends.storage.base import MiB
from platform_core.errors import InvalidInput

FILE_FIELD = "file"


class VersionUploadHandler(FileUploadHandler):
    chunk_size = MiB

    def __init__(self, request: HttpRequest, upload: VersionUpload) -> None:
        super().__init__(request)
        self.upload = upload

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        if field_name != FILE_FIELD:
            raise InvalidInput(
                f"Unknown field {field_name!r}: send files as {FILE_FIELD!r} parts.",
                details={field_name: ["Unknown field."]},
            )
        super().new_file(field_name, file_name, *args, **kwargs)
        self.upload.open_file(file_name)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.upload.write(raw_data)

    def file_complete(self, file_size: int) -> None:
        self.upload.close_file()  # stored already: nothing goes to request.FILES
