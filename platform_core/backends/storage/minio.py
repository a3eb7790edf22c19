"""Object storage on MinIO or any S3-compatible server, through the ``minio`` SDK."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import timedelta
from functools import partial

import certifi
import urllib3
from django.utils.http import content_disposition_header
from minio import Minio
from minio.datatypes import Part
from minio.deleteobjects import DeleteObject
from minio.error import MinioException, S3Error
from minio.helpers import DictType

from platform_core.backends.storage.base import (
    CHUNK_SIZE,
    DEFAULT_EXPIRY,
    BoundedReader,
    InvalidKey,
    InvalidPart,
    MiB,
    ObjectInfo,
    ObjectNotFound,
    Readable,
    Storage,
    StorageError,
    UploadedPart,
    UploadNotFound,
    resolve_content_type,
    validate_expiry,
    validate_key,
    validate_part_number,
    validate_prefix,
)

PART_SIZE = 16 * MiB
_PART_ERRORS = {"InvalidPart", "InvalidPartOrder", "EntityTooSmall"}
_BUCKET_TAKEN = {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}


def _http_client() -> urllib3.PoolManager:
    # minio's default waits five minutes to connect; /readyz must answer long before that.
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=10, read=300),
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        retries=urllib3.Retry(total=3, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
    )


@contextmanager
def _s3_errors(key: str = "", upload_id: str = "") -> Iterator[None]:
    """Turn SDK and transport errors into the backend-neutral ones."""
    try:
        yield
    except S3Error as exc:
        if exc.code in ("NoSuchKey", "NoSuchBucket"):
            raise ObjectNotFound(key) from exc
        if exc.code == "NoSuchUpload":
            raise UploadNotFound(upload_id) from exc
        if exc.code in _PART_ERRORS:
            raise InvalidPart(f"{exc.code}: {exc.message}") from exc
        raise StorageError(f"S3 error {exc.code}: {exc.message}") from exc
    except (MinioException, urllib3.exceptions.HTTPError) as exc:
        raise StorageError(f"S3 request failed: {exc}") from exc


class MinioStorage(Storage):
    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        secure: bool = False,
        region: str = "us-east-1",
    ) -> None:
        self.bucket = bucket
        # With the region given, presigning needs no request to the server.
        self._client = Minio(
            endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=secure,
            region=region or None,
            http_client=_http_client(),
        )
        self._bucket_ready = False
        self._bucket_lock = threading.Lock()

    def _bucket(self) -> str:
        """The bucket name, creating the bucket on first use."""
        if not self._bucket_ready:
            with self._bucket_lock, _s3_errors():
                if not self._bucket_ready:
                    try:
                        if not self._client.bucket_exists(self.bucket):
                            self._client.make_bucket(self.bucket)
                    except S3Error as exc:  # another process created it first
                        if exc.code not in _BUCKET_TAKEN:
                            raise
                    self._bucket_ready = True
        return self.bucket

    def put(
        self,
        key: str,
        stream: Readable,
        length: int | None = None,
        content_type: str | None = None,
    ) -> ObjectInfo:
        validate_key(key)
        with _s3_errors(key):
            # Unknown length: the SDK uploads PART_SIZE parts as a multipart upload and
            # aborts it if the stream fails, so nothing partial becomes visible.
            self._client.put_object(
                self._bucket(),
                key,
                BoundedReader(stream, length),  # type: ignore[arg-type]  # SDK only calls read()
                -1 if length is None else length,
                content_type=resolve_content_type(key, content_type),
                part_size=PART_SIZE,
            )
        return self.stat(key)

    @contextmanager
    def open(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[Iterator[bytes]]:
        validate_key(key)
        with _s3_errors(key):
            response = self._client.get_object(self._bucket(), key)
        try:
            yield response.stream(chunk_size)
        finally:
            response.close()
            response.release_conn()

    def stat(self, key: str) -> ObjectInfo:
        validate_key(key)
        with _s3_errors(key):
            result = self._client.stat_object(self._bucket(), key)
        return ObjectInfo(
            key=key,
            size=result.size or 0,
            etag=result.etag or "",
            content_type=result.content_type,
            last_modified=result.last_modified,  # type: ignore[arg-type]
        )

    def list(self, prefix: str = "", recursive: bool = True) -> Iterator[ObjectInfo]:
        validate_prefix(prefix)
        with _s3_errors():
            objects = self._client.list_objects(
                self._bucket(), prefix=prefix or None, recursive=recursive
            )
            for item in objects:
                if item.is_dir:  # a common prefix of a non-recursive listing
                    continue
                yield ObjectInfo(
                    key=item.object_name or "",
                    size=item.size or 0,
                    etag=item.etag or "",
                    content_type=None,
                    last_modified=item.last_modified,
                )

    def delete(self, key: str) -> None:
        validate_key(key)
        with _s3_errors(key):
            self._client.remove_object(self._bucket(), key)

    def delete_prefix(self, prefix: str) -> None:
        if not prefix:
            raise InvalidKey("delete_prefix needs a non-empty prefix.")
        doomed = (DeleteObject(info.key) for info in self.list(prefix))
        with _s3_errors():
            failures = [*self._client.remove_objects(self._bucket(), doomed)]
        if failures:
            raise StorageError(
                f"{len(failures)} objects under {prefix!r} were not deleted, "
                f"e.g. {failures[0].name}: {failures[0].message}"
            )

    def create_multipart(self, key: str, content_type: str | None = None) -> str:
        validate_key(key)
        headers: DictType = {"Content-Type": resolve_content_type(key, content_type)}
        with _s3_errors(key):
            return self._client._create_multipart_upload(self._bucket(), key, headers)

    def presigned_upload_part_url(
        self, key: str, upload_id: str, part_number: int, expires: timedelta = DEFAULT_EXPIRY
    ) -> str:
        query: DictType = {
            "uploadId": upload_id,
            "partNumber": str(validate_part_number(part_number)),
        }
        return self._presign("PUT", key, expires, query=query)

    def upload_part(
        self, key: str, upload_id: str, part_number: int, stream: Readable, length: int
    ) -> UploadedPart:
        validate_key(key)
        validate_part_number(part_number)
        # The SDK signs the payload's SHA-256, so it needs the part as bytes.
        reader = BoundedReader(stream, length)
        data = b"".join(iter(partial(reader.read, CHUNK_SIZE), b""))
        with _s3_errors(key, upload_id):
            etag = self._client._upload_part(
                self._bucket(), key, data, None, upload_id, part_number
            )
        return UploadedPart(part_number, etag)

    def complete_multipart(
        self, key: str, upload_id: str, parts: Sequence[UploadedPart]
    ) -> ObjectInfo:
        validate_key(key)
        sdk_parts = [Part(part.part_number, part.etag.strip('"')) for part in parts]
        with _s3_errors(key, upload_id):
            self._client._complete_multipart_upload(self._bucket(), key, upload_id, sdk_parts)
        return self.stat(key)

    def abort_multipart(self, key: str, upload_id: str) -> None:
        validate_key(key)
        with suppress(UploadNotFound), _s3_errors(key, upload_id):
            self._client._abort_multipart_upload(self._bucket(), key, upload_id)

    def _presign(
        self,
        method: str,
        key: str,
        expires: timedelta,
        query: DictType | None = None,
        response_headers: DictType | None = None,
    ) -> str:
        validate_key(key)
        validate_expiry(expires)
        with _s3_errors(key):
            return self._client.get_presigned_url(
                method,
                self._bucket(),
                key,
                expires,
                response_headers=response_headers,
                extra_query_params=query,
            )

    def presigned_get_url(
        self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None
    ) -> str:
        if filename is None:
            return self._presign("GET", key, expires)
        headers: DictType = {
            "response-content-disposition": content_disposition_header(True, filename) or ""
        }
        return self._presign("GET", key, expires, response_headers=headers)

    def presigned_put_url(self, key: str, expires: timedelta = DEFAULT_EXPIRY) -> str:
        return self._presign("PUT", key, expires)

    def health(self) -> None:
        with _s3_errors():
            self._client.bucket_exists(self.bucket)
