"""A real OpenID Connect provider for integration tests (npm ``oauth2-mock-server``).

``running_oidc_provider`` installs the Node package once (``npm ci`` when its
``node_modules`` is missing), starts ``oidc_provider/server.mjs`` on a free
127.0.0.1 port in its own process group, waits until discovery answers and
kills the group on exit. Tokens are RS256-signed by the provider's own key and
verifiable through its discovery document and JWKS, like Keycloak's.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.servers.ports import free_port, stop_process_group

PACKAGE_DIR = Path(__file__).resolve().parent / "oidc_provider"
# Written only after ``npm ci`` succeeds, so a half-finished install never counts as done.
INSTALLED_MARKER = PACKAGE_DIR / "node_modules" / ".zhongtai-installed"
START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 5.0
HTTP_TIMEOUT_SECONDS = 5.0
START_ATTEMPTS = 3


@dataclass(frozen=True)
class OidcProvider:
    """A running provider: its issuer URL and a way to get tokens with chosen claims."""

    issuer: str

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self) -> dict[str, Any]:
        response = requests.get(self.discovery_url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        document: dict[str, Any] = response.json()
        return document

    def jwks(self) -> dict[str, Any]:
        response = requests.get(self.discovery()["jwks_uri"], timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        keys: dict[str, Any] = response.json()
        return keys

    def issue_token(self, **claims: Any) -> str:
        """An access token signed by the provider, with ``claims`` merged into its payload.

        The provider sets ``iss``, ``iat``, ``nbf`` and ``exp`` (now + 1 h); any of them can
        be overridden, and a claim passed as ``None`` is removed from the token.
        """
        response = requests.post(
            f"{self.issuer}/token",
            data={"grant_type": "client_credentials", "claims": json.dumps(claims)},
            timeout=HTTP_TIMEOUT_SECONDS,
        )
        if response.status_code != 200:
            raise RuntimeError(f"The OIDC provider refused to issue a token: {response.text}")
        token: str = response.json()["access_token"]
        return token


def _require(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise RuntimeError(f"'{program}' is needed to run the test OIDC provider (Node >= 20.19).")
    return path


def ensure_installed() -> None:
    """``npm ci`` the provider's package unless it is installed (serialised across workers)."""
    if INSTALLED_MARKER.exists():
        return
    npm = _require("npm")
    lock_path = Path(tempfile.gettempdir()) / "zhongtai-oidc-provider-npm.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if INSTALLED_MARKER.exists():
            return
        result = subprocess.run(
            [
                npm,
                "ci",
                "--prefix",
                str(PACKAGE_DIR),
                "--no-audit",
                "--no-fund",
                "--prefer-offline",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"npm ci for the test OIDC provider failed:\n{result.stderr}")
        INSTALLED_MARKER.touch()


def _wait_until_ready(process: subprocess.Popen[bytes], provider: OidcProvider) -> bool:
    """True once discovery answers with our issuer; False if the process died first."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if provider.discovery().get("issuer") == provider.issuer:
                return True
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"The test OIDC provider did not answer within {START_TIMEOUT_SECONDS}s.")


@contextlib.contextmanager
def running_oidc_provider(tmp_dir: Path | str) -> Iterator[OidcProvider]:
    """Run the provider for the duration of the block; its output goes to ``tmp_dir``."""
    ensure_installed()
    node = _require("node")
    log_path = Path(tmp_dir) / "oidc-provider.log"
    with log_path.open("ab") as log:
        for _attempt in range(START_ATTEMPTS):
            port = free_port()  # another process may grab it first: then we try again
            process = subprocess.Popen(
                [node, str(PACKAGE_DIR / "server.mjs"), str(port)],
                cwd=PACKAGE_DIR,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            provider = OidcProvider(issuer=f"http://127.0.0.1:{port}")
            try:
                ready = _wait_until_ready(process, provider)
            except BaseException:
                stop_process_group(process, STOP_TIMEOUT_SECONDS)
                raise
            if ready:
                break
            stop_process_group(process, STOP_TIMEOUT_SECONDS)
        else:
            raise RuntimeError(
                f"The test OIDC provider did not start; see {log_path}:\n{log_path.read_text()}"
            )
        try:
            yield provider
        finally:
            stop_process_group(process, STOP_TIMEOUT_SECONDS)
