"""The settings each kind of data source takes, and which of them are secret.

Settings arrive as one ``config`` object. ``split_settings`` validates it for the kind and
splits it into what is stored and shown (``DataSource.config``) and the secrets stored
encrypted: a database source's whole SQLAlchemy URL (config keeps a copy with the password
as ``***``), an S3 ``secret_key``, a Kafka ``sasl_password``. On update, a secret left out,
or given as ``***``, keeps its stored value; ``null`` removes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from data_platform.choices import SourceKind
from platform_core.audit.recorder import SECRET_FIELD
from platform_core.backends.storage.base import InvalidKey, validate_prefix
from platform_core.errors import InvalidInput

MASK = "***"
DATABASE_KINDS = (SourceKind.POSTGRESQL, SourceKind.MYSQL)
# kind → (SQLAlchemy backend name, the one driver installed for it)
DATABASE_DRIVERS = {
    SourceKind.POSTGRESQL: ("postgresql", "psycopg"),
    SourceKind.MYSQL: ("mysql", "pymysql"),
}
KAFKA_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
KAFKA_SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")

_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_REGION = re.compile(r"[a-z0-9-]{1,32}")
_TOPIC = re.compile(r"[A-Za-z0-9._-]{1,249}")
_HOST_PORT = re.compile(r"(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(?P<port>\d{1,5})")


@dataclass(frozen=True)
class Settings:
    config: dict[str, Any]
    secrets: dict[str, Any]


class _Reader:
    """Reads one kind's settings out of the incoming object, collecting field errors."""

    def __init__(self, kind: str, incoming: dict[str, Any], allowed: set[str]) -> None:
        self.kind = kind
        self.incoming = incoming
        self.errors: dict[str, list[str]] = {}
        for name in sorted(set(incoming) - allowed):
            self.error(name, f"Not a setting of a {SourceKind(kind).label} source.")

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def string(self, name: str, *, required: bool = False, max_length: int = 1000) -> str:
        value = self.incoming.get(name)
        if value is None or value == "":
            if required:
                self.error(name, "This setting is required.")
            return ""
        if not isinstance(value, str):
            self.error(name, "Must be a string.")
            return ""
        if len(value) > max_length:
            self.error(name, f"Must be at most {max_length} characters.")
        return value.strip()

    def matching(self, name: str, pattern: re.Pattern[str], message: str, **kwargs: Any) -> str:
        value = self.string(name, **kwargs)
        if value and not pattern.fullmatch(value):
            self.error(name, message)
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.string(name) or default
        if value not in choices:
            self.error(name, f"Must be one of {', '.join(choices)}.")
        return value

    def secret(self, name: str, stored: dict[str, Any], *, needed: bool, why: str) -> str | None:
        """The secret to keep: the incoming one, else the stored one; only if ``needed``."""
        if name in self.incoming and self.incoming[name] != MASK:
            value = self.incoming[name]
            if value is not None and (not isinstance(value, str) or not value):
                self.error(name, "Must be a non-empty string, or null to remove it.")
                return None
        else:
            value = stored.get(name)
        if needed and not value:
            self.error(name, f"Required {why}.")
        elif not needed and self.incoming.get(name) not in (None, MASK):
            self.error(name, f"Only used {why}.")
        return value if needed else None

    def result(self, config: dict[str, Any], secrets: dict[str, Any]) -> Settings:
        if self.errors:
            name, messages = next(iter(self.errors.items()))
            raise InvalidInput(f"config.{name}: {messages[0]}", details={"config": self.errors})
        return Settings(config, {key: value for key, value in secrets.items() if value})


def redact_url(url: URL) -> str:
    """The URL with its password, and any secret-looking query value, shown as ``***``."""
    query = {key: MASK if SECRET_FIELD.search(key) else value for key, value in url.query.items()}
    return url.set(query=query).render_as_string(hide_password=True)


def scrub(text: str, secrets: dict[str, Any]) -> str:
    """``text`` (an error message, say) with every secret value in it replaced by ``***``.

    Of a URL, the password and secret query values are secret (the rest is shown anyway), as
    typed or percent-encoded. Only whole values are replaced, not letters inside a word: a
    password "p" leaves "pymysql" alone (drivers quote or delimit the secrets they print).
    """
    values = [value for name, value in secrets.items() if name != "url" and isinstance(value, str)]
    if "url" in secrets:
        url = make_url(secrets["url"])
        hidden = [url.password or ""]
        hidden += [str(value) for key, value in url.query.items() if SECRET_FIELD.search(key)]
        values += hidden + [quote(value, safe="") for value in hidden]
    for value in sorted(set(filter(None, values)), key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", MASK, text)
    return text


def _unmask(url: URL, stored_url: str | None) -> URL | None:
    """Put the stored password (and secret query values) back where the URL says ``***``."""
    masked = [key for key, value in url.query.items() if value == MASK]
    if url.password != MASK and not masked:
        return url
    if not stored_url:
        return None
    stored = make_url(stored_url)
    if url.password == MASK:
        url = url.set(password=stored.password)
    return url.update_query_dict({key: stored.query.get(key, "") for key in masked})


def _database(reader: _Reader, stored: dict[str, Any]) -> Settings:
    backend, driver = DATABASE_DRIVERS[SourceKind(reader.kind)]
    example = f"{backend}://user:password@host/database"
    raw = reader.string("url", required=True, max_length=2000)
    url: URL | None = None
    if raw:
        try:
            url = make_url(raw)
        except (ArgumentError, ValueError):
            reader.error("url", f"Not a valid SQLAlchemy URL (expected e.g. {example}).")
    if url is not None:
        given_driver = url.drivername.partition("+")[2]
        if url.get_backend_name() != backend:
            reader.error("url", f"Needs a {backend}:// URL, not {url.drivername}:// ({example}).")
        elif given_driver not in ("", driver):
            reader.error(
                "url", f"The {given_driver} driver is not supported; use {backend}+{driver}://."
            )
        elif not url.database:
            reader.error("url", f"The URL must name a database ({example}).")
        elif url.port is not None and not 0 < url.port < 65536:
            reader.error("url", f"Port {url.port} is out of range.")
        else:
            url = _unmask(url, stored.get("url"))
            if url is None:
                reader.error("url", f"{MASK} stands for the stored password, but none is stored.")
    if url is None or reader.errors:
        return reader.result({}, {})
    url = url.set(drivername=f"{backend}+{driver}")
    shown, full = redact_url(url), url.render_as_string(hide_password=False)
    return reader.result({"url": shown}, {"url": full} if full != shown else {})


def _s3_endpoint(reader: _Reader) -> str:
    raw = reader.string("endpoint", required=True)
    if not raw:
        return ""
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018  (parsing it checks its range)
    except ValueError as exc:
        reader.error("endpoint", f"Not a valid URL: {exc}.")
        return ""
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.username
    ):
        reader.error(
            "endpoint", "Must be a URL like https://s3.amazonaws.com or http://minio:9000."
        )
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def _s3(reader: _Reader, stored: dict[str, Any]) -> Settings:
    prefix = reader.string("prefix")
    try:
        validate_prefix(prefix)
    except InvalidKey as exc:
        reader.error("prefix", str(exc))
    access_key = reader.string("access_key")
    config = {
        "endpoint": _s3_endpoint(reader),
        "bucket": reader.matching(
            "bucket",
            _BUCKET,
            "Not a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-').",
            required=True,
        ),
        "prefix": prefix,
        "region": reader.matching("region", _REGION, "Not a valid region name, e.g. us-east-1."),
        "access_key": access_key,
    }
    secret_key = reader.secret(
        "secret_key", stored, needed=bool(access_key), why="with an access_key"
    )
    return reader.result(config, {"secret_key": secret_key})


def _bootstrap_servers(reader: _Reader) -> list[str]:
    value = reader.incoming.get("bootstrap_servers")
    if isinstance(value, str):
        value = [item.strip() for item in value.split(",") if item.strip()]
    if not value:
        reader.error("bootstrap_servers", "This setting is required.")
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        reader.error("bootstrap_servers", "Must be a list of host:port strings.")
        return []
    for item in value:
        match = _HOST_PORT.fullmatch(item)
        if match is None or not 0 < int(match["port"]) < 65536:
            reader.error("bootstrap_servers", f"{item!r} is not host:port.")
    return value


def _kafka(reader: _Reader, stored: dict[str, Any]) -> Settings:
    protocol = reader.choice("security_protocol", KAFKA_PROTOCOLS, "PLAINTEXT")
    sasl = protocol.startswith("SASL_")
    config: dict[str, Any] = {
        "bootstrap_servers": _bootstrap_servers(reader),
        "topic": reader.matching(
            "topic",
            _TOPIC,
            "Not a valid topic name (1-249 of A-Z, a-z, 0-9, '.', '_', '-').",
            required=True,
        ),
        "security_protocol": protocol,
    }
    if sasl:
        config["sasl_mechanism"] = reader.choice("sasl_mechanism", KAFKA_SASL_MECHANISMS, "PLAIN")
        config["sasl_username"] = reader.string("sasl_username", required=True)
    else:
        for name in ("sasl_mechanism", "sasl_username"):
            if reader.incoming.get(name):
                reader.error(name, "Only used with a SASL_* security_protocol.")
    password = reader.secret(
        "sasl_password", stored, needed=sasl, why="with a SASL_* security_protocol"
    )
    return reader.result(config, {"sasl_password": password})


def _upload(reader: _Reader, stored: dict[str, Any]) -> Settings:
    return reader.result({}, {})


_SETTINGS: dict[str, tuple[set[str], Callable[[_Reader, dict[str, Any]], Settings]]] = {
    SourceKind.POSTGRESQL: ({"url"}, _database),
    SourceKind.MYSQL: ({"url"}, _database),
    SourceKind.S3: ({"endpoint", "bucket", "prefix", "region", "access_key", "secret_key"}, _s3),
    SourceKind.KAFKA: (
        {
            "bootstrap_servers",
            "topic",
            "security_protocol",
            "sasl_mechanism",
            "sasl_username",
            "sasl_password",
        },
        _kafka,
    ),
    SourceKind.UPLOAD: (set(), _upload),
}


def split_settings(kind: str, incoming: Any, stored_secrets: dict[str, Any]) -> Settings:
    """Validate ``incoming`` for ``kind``; raise InvalidInput naming every bad field."""
    if kind not in _SETTINGS:
        raise InvalidInput(f"kind: {kind!r} is not a kind of data source.")
    if not isinstance(incoming, dict):
        raise InvalidInput("config: Must be an object.", details={"config": ["Must be an object."]})
    allowed, build = _SETTINGS[kind]
    return build(_Reader(kind, incoming, allowed), stored_secrets)
