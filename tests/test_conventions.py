"""The convention checker (infra/scripts/check_conventions.py): each rule fires on a tree that
breaks it, and the real tree passes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "infra" / "scripts" / "check_conventions.py"


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("check_conventions", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


conventions = _load()

FIXTURE = {
    "pyproject.toml": """
        [tool.setuptools.packages.find]
        include = ["platform_core*"]

        [tool.mypy]
        files = ["platform_core", "*_platform"]

        [tool.pytest.ini_options]
        testpaths = ["platform_core", "*_platform", "tests"]
    """,
    "Makefile": """
        typecheck:
        \t$(BIN)/mypy --strict platform_core
    """,
    "platform_core/settings.py": """
        INSTALLED_APPS = ["django.contrib.auth", "platform_core"]
    """,
    "platform_core/backends/storage/minio.py": """
        from minio import Minio
    """,
    "platform_core/embedded/postgres.py": """
        import psycopg
    """,
    "shop_platform/apps.py": """
        from platform_core import platform_apps


        class ShopConfig(platform_apps.PlatformAppConfig):
            name = "shop_platform"
    """,
    "shop_platform/api/views.py": """
        from shop_platform.models import Order


        class OrderViewSet:
            def base_queryset(self):
                return Order.objects.select_related("customer")

            def totals(self):
                return Order.objects.filter(paid=True)

            def visible(self, user):
                return Order._default_manager.filter(paid=True).restrict(user, "view")

            def counted(self):
                # convention: allow raw-queryset -- a count of every order, no rows
                return Order.objects.count()

            def sloppy(self):
                return Order.objects.all()  # convention: allow raw-queryset

            def tidy(self):
                # convention: allow raw-queryset -- nothing here needs it
                return []
    """,
    "shop_platform/services/orders.py": """
        from shop_platform.tasks import ship
        from .. import tasks
        import celery


        def place(order):
            from shop_platform.tasks.mail import confirm
    """,
    "shop_platform/services/payments.py": """
        from minio import Minio
    """,
    "shop_platform/db.py": """
        import psycopg
        import sqlalchemy.orm
    """,
    "shop_platform/tests/test_orders.py": """
        from minio import Minio
        from shop_platform.tasks import ship
        from shop_platform.models import Order

        Order.objects.all()
    """,
    "shop_platform/api/tests/test_views.py": """
        from shop_platform.models import Order

        Order.objects.all()
    """,
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path, FIXTURE)


def found(violations: list[Any]) -> set[tuple[str, str, int]]:
    return {(v.rule, v.path, v.line) for v in violations}


def test_api_modules_read_rows_only_through_base_queryset(tree):
    views = "shop_platform/api/views.py"
    rule = {(v.rule, v.line) for v in conventions.check(tree, frozenset()) if v.path == views}
    assert rule == {
        ("raw-queryset", 9),  # totals(); base_queryset, the restricted chain and counted() pass
        ("raw-queryset", 19),  # the marker without a reason excuses nothing...
        ("allow-marker", 19),  # ...and is flagged itself
        ("allow-marker", 22),  # a marker on a line that breaks no rule
    }


def test_services_never_import_tasks(tree):
    orders = "shop_platform/services/orders.py"
    lines = {v.line for v in conventions.check(tree, frozenset()) if v.path == orders}
    assert lines == {1, 2, 3, 7}  # absolute, relative, Celery itself, a lazy import


def test_sdks_are_imported_only_behind_backends(tree):
    sdk = {
        (v.path, v.what)
        for v in conventions.check(tree, frozenset())
        if v.rule == "sdk-outside-backends"
    }
    # Backends, the embedded database's own code and tests may import them.
    assert sdk == {
        ("shop_platform/services/payments.py", "minio"),
        ("shop_platform/db.py", "psycopg"),
        ("shop_platform/db.py", "sqlalchemy"),
    }


def test_every_platform_app_is_typechecked_packaged_tested_and_installed(tree):
    messages = {
        v.message for v in conventions.check(tree, frozenset()) if v.rule == "app-registration"
    }
    assert messages == {
        "shop_platform is not packaged (pyproject.toml [tool.setuptools.packages.find] include)",
        "shop_platform is not type-checked (make typecheck: [tool.mypy] files)",
        "shop_platform is not in INSTALLED_APPS",
    }

    # Without arguments in the Makefile, mypy checks what [tool.mypy] files names.
    write_tree(tree, {"Makefile": "typecheck:\n\t$(BIN)/mypy\n"})
    messages = {v.message for v in conventions.check(tree, frozenset())}
    assert "shop_platform is not type-checked (make typecheck: [tool.mypy] files)" not in messages


def test_the_baseline_excuses_known_violations_and_must_shrink_with_their_fix(tree):
    baseline = frozenset(
        {
            ("sdk-outside-backends", "shop_platform/services/payments.py", "minio"),
            ("sdk-outside-backends", "shop_platform/services/gone.py", "kafka"),
        }
    )
    violations = conventions.check(tree, baseline)
    assert ("sdk-outside-backends", "shop_platform/services/payments.py", 1) not in found(
        violations
    )
    assert ("stale-baseline", "shop_platform/services/gone.py", 0) in found(violations)


def test_the_command_names_each_failed_rule_and_its_fix(tree):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(tree)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "shop_platform/api/views.py:9: [raw-queryset] Order.objects outside" in result.stdout
    fixes = [line for line in result.stdout.splitlines() if line.startswith("fix [")]
    assert [line.split("]")[0] for line in fixes] == [
        "fix [allow-marker",
        "fix [app-registration",
        "fix [raw-queryset",
        "fix [sdk-outside-backends",
        "fix [service-imports-task",
        "fix [stale-baseline",  # the real baseline's files are not in this tree
    ]
    assert "platform_core.queue.enqueue" in result.stdout


def test_the_real_tree_passes():
    assert conventions.check(REPO) == []
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
