"""The app template (docs/app-template/) is a working app: copied under a new name it imports,
migrates, routes, passes its own tests and the tenant-isolation walker, and the repository's
typecheck, packaging and test discovery pick it up (docs/adding-an-app.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_conventions import conventions

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "docs" / "app-template"
APP = "notes_platform"


def copy_template(into: Path) -> Path:
    shutil.copytree(TEMPLATE, into / APP, ignore=shutil.ignore_patterns("__pycache__"))
    return into / APP


def test_a_copy_of_the_template_migrates_routes_and_passes_the_walker(tmp_path):
    app = copy_template(tmp_path)
    # What the page asks for besides the copy: the app in INSTALLED_APPS.
    (tmp_path / "with_notes.py").write_text(
        "from platform_core.settings import *  # noqa: F403\n\n"
        f'INSTALLED_APPS = [*INSTALLED_APPS, "{APP}"]  # noqa: F405\n'
    )
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nDJANGO_SETTINGS_MODULE = with_notes\naddopts = -p no:cacheprovider\n"
    )
    (tmp_path / "conftest.py").write_text(
        'pytest_plugins = ["tests.fixtures", "tests.servers.fixtures"]\n'
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)]),
        "DJANGO_SETTINGS_MODULE": "with_notes",
        "ZT_TEST_DATABASE": f"test_app_template_{os.getpid()}",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    migrations = run(str(REPO / "manage.py"), "makemigrations", APP, "--check", "--dry-run")
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr

    walker = REPO / "tests" / "test_tenant_isolation.py"
    tests = run(
        "-m", "pytest", "-p", "no:logging", "-v", "--create-db", str(app / "tests"), str(walker),
        "-k", "notes or note-list",
    )  # fmt: skip
    output = tests.stdout + tests.stderr
    assert tests.returncode == 0, output
    for test in (
        "test_notes_api.py::test_a_developer_writes_notes_in_their_project",
        "test_another_tenant_never_reaches_the_object[/api/v1/notes/]",
        "test_list_query_count_does_not_grow_with_the_page[/api/v1/notes/]",
        "test_a_viewer_never_creates[note-list]",
        "test_an_outsider_never_creates_in_another_tenant[note-list]",
        "test_the_create_requests_pass_for_the_owner[note-list]",
    ):
        assert any(test in line and "PASSED" in line for line in output.splitlines()), test


def test_a_copy_is_typechecked_packaged_and_tested_once_installed(tmp_path):
    copy_template(tmp_path)
    for name in ("pyproject.toml", "Makefile"):
        shutil.copy(REPO / name, tmp_path / name)
    settings = tmp_path / "platform_core" / "settings.py"
    settings.parent.mkdir()
    settings.write_text('INSTALLED_APPS = ["platform_core"]\n')

    def registration() -> set[str]:
        found = conventions.check(tmp_path, frozenset())
        return {v.message for v in found if v.rule == "app-registration"}

    assert registration() == {f"{APP} is not in INSTALLED_APPS"}
    settings.write_text(f'INSTALLED_APPS = ["platform_core", "{APP}"]\n')
    assert registration() == set()
    assert conventions.check(tmp_path, frozenset()) == []  # the template keeps every convention
