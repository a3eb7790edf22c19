"""List-endpoint benchmark: 1M project-scoped rows over 100 organizations.

Prints p50/p95 latency and queries per request of a 100-row list page, as an
organization member (and as a project developer) sees it through the full
middleware + auth + permission-hub + DRF stack. Figures are printed, not asserted.

    python tests/benchmarks/bench_api.py [--rows 1000000] [--requests 300]

Runs against a fresh embedded PostgreSQL in a temporary data dir (or DATABASE_URL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, default=100)
    parser.add_argument("--projects-per-organization", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    os.environ.setdefault("ZT_DATA_DIR", tempfile.mkdtemp(prefix="zt-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchmarks.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)  # the benchmark app has no migrations
    member, developer, project_id = seed(
        args.rows, args.organizations, args.projects_per_organization
    )
    for label, user, params in (
        ("org member, whole organization", member, {}),
        ("project developer, one project", developer, {"project": project_id}),
    ):
        measure(label, user, params, args.requests)


def seed(rows: int, organizations: int, projects_per_org: int) -> tuple[object, object, int]:
    from django.db import connection

    from platform_core.models import (
        Organization,
        OrganizationMembership,
        Project,
        ProjectMembership,
        User,
    )

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE benchapp_item, platform_core_projectmembership, platform_core_project, "
            "platform_core_organizationmembership, platform_core_organization CASCADE"
        )
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Org {i}", slug=f"org-{i}") for i in range(organizations)
    )
    projects = Project.objects.bulk_create(
        Project(organization=org, name=f"P{j}", slug=f"p-{j}")
        for org in orgs
        for j in range(projects_per_org)
    )
    member = User.objects.create_user("member@bench.example.com", "bench-password")
    developer = User.objects.create_user("developer@bench.example.com", "bench-password")
    target = orgs[len(orgs) // 2]
    OrganizationMembership.objects.create(organization=target, user=member, role="member")
    OrganizationMembership.objects.create(organization=target, user=developer, role="viewer")
    project = next(p for p in projects if p.organization_id == target.pk)
    ProjectMembership.objects.create(project=project, user=developer, role="developer")

    project_ids = [p.pk for p in projects]
    org_of = {p.pk: p.organization_id for p in projects}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO benchapp_item
                (organization_id, project_id, name, size, created_at, updated_at)
            SELECT (%s::bigint[])[1 + (n %% %s)], (%s::bigint[])[1 + (n %% %s)],
                   'item ' || n, n, now(), now()
            FROM generate_series(0, %s - 1) AS n
            """,
            [
                [org_of[pid] for pid in project_ids],
                len(project_ids),
                project_ids,
                len(project_ids),
                rows,
            ],
        )
        cursor.execute("ANALYZE")
    print(
        f"seeded {rows:,} items in {len(projects):,} projects of {len(orgs)} organizations "
        f"in {time.perf_counter() - started:.1f}s"
    )
    return member, developer, project.pk


def measure(label: str, user: object, params: dict[str, object], requests: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework_simplejwt.tokens import RefreshToken

    token = str(RefreshToken.for_user(user).access_token)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    query = {"page_size": 100, **params}
    for _ in range(20):  # warm caches and connections
        total = client.get("/api/v1/bench/items/", query).json()["count"]
    pages = max(1, min(50, total // 100))
    latencies, query_counts = [], []
    for number in range(requests):
        page = 1 + number % pages
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/api/v1/bench/items/", {**query, "page": page})
            latencies.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:200]
        body = response.json()
        assert len(body["results"]) == 100
        query_counts.append(len(queries))
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"[{label}] visible rows={total:,}  requests={requests}  page=100 rows  "
        f"p50={statistics.median(latencies):.1f} ms  p95={p95:.1f} ms  "
        f"queries/request={max(query_counts)}"
    )


if __name__ == "__main__":
    main()
