from __future__ import annotations

import itertools
from typing import Any

from data_platform.models import VectorCollection
from data_platform.services import vectors
from data_platform.tests.ready_versions import make_ready_version
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)


@sample_for(VectorCollection)
def vector_collection(tenant: Any) -> VectorCollection:
    version = make_ready_version(
        tenant.owner, tenant.project, rows=[{"text": "a sample sentence", "lang": "en"}]
    )
    return vectors.create_collection(
        tenant.owner,
        version=version,
        name=f"collection-{next(_counter)}",
        text_column="text",
        metadata_columns=["lang"],
    )


@create_request_for("vector-collection-list")
def collection_request(tenant: Any) -> CreateRequest:
    version = make_ready_version(tenant.owner, tenant.project, rows=[{"text": "a sentence"}])
    data = {"version": version.pk, "name": f"created-{next(_counter)}", "text_column": "text"}
    return CreateRequest("/api/v1/vector-collections/", data)
