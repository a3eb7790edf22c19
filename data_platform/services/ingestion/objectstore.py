"""S3 (or MinIO, SeaweedFS...) bucket sources: the connection probe."""

from __future__ import annotations

from urllib.parse import urlsplit

import urllib3
from minio import Minio
from minio.error import MinioException, S3Error

from data_platform.models import DataSource
from data_platform.services.ingestion.probes import ProbeResult, reason

TIMEOUT_SECONDS = 10


def client_for(source: DataSource) -> Minio:
    endpoint = urlsplit(source.config["endpoint"])
    return Minio(
        endpoint.netloc,
        access_key=source.config.get("access_key") or None,
        secret_key=source.secrets().get("secret_key"),
        secure=endpoint.scheme == "https",
        region=source.config.get("region") or None,
        # A probe answers quickly or not at all: no retries, short timeouts.
        http_client=urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=TIMEOUT_SECONDS, read=TIMEOUT_SECONDS), retries=False
        ),
    )


def probe(source: DataSource) -> ProbeResult:
    config = source.config
    where = f"s3://{config['bucket']}/{config['prefix']} at {config['endpoint']}"
    try:
        client = client_for(source)
        if not client.bucket_exists(config["bucket"]):
            return ProbeResult(
                False, f"Bucket {config['bucket']!r} does not exist at {config['endpoint']}."
            )
        listing = client.list_objects(config["bucket"], prefix=config["prefix"] or None)
        first = next(iter(listing), None)
    except S3Error as exc:
        return ProbeResult(
            False, f"{config['endpoint']} refused the request: {exc.code}: {exc.message}"
        )
    except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        return ProbeResult(False, f"Cannot reach {config['endpoint']}: {reason(exc)}")
    found = "has objects" if first is not None else "is empty"
    return ProbeResult(True, f"Listed {where}: it {found}.")
