"""Per-kind settings of data sources, read-only queries and Kafka windows (no servers)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from data_platform.services.ingestion.kinds import scrub, split_settings
from data_platform.services.ingestion.queries import check_read_only
from data_platform.services.ingestion.windows import KafkaWindow
from platform_core.errors import InvalidInput


def field_errors(kind: str, config: object, stored: dict | None = None) -> dict:
    with pytest.raises(InvalidInput) as caught:
        split_settings(kind, config, stored or {})
    return caught.value.details["config"]


class TestDatabaseSettings:
    def test_the_url_is_the_secret_and_config_keeps_it_redacted(self):
        settings = split_settings(
            "postgresql", {"url": "postgresql://reader:s3cret@db.example.com:5432/sales"}, {}
        )
        assert settings.secrets == {
            "url": "postgresql+psycopg://reader:s3cret@db.example.com:5432/sales"
        }
        assert settings.config == {
            "url": "postgresql+psycopg://reader:***@db.example.com:5432/sales"
        }

    def test_a_url_without_secrets_is_kept_in_config_only(self):
        settings = split_settings("postgresql", {"url": "postgresql://reader@db/sales"}, {})
        assert settings.config == {"url": "postgresql+psycopg://reader@db/sales"}
        assert settings.secrets == {}

    def test_dropping_the_password_drops_the_stored_url(self):
        stored = split_settings("postgresql", {"url": "postgresql://u:old-pass@h1/db"}, {})
        changed = split_settings("postgresql", {"url": "postgresql://u@h1/db"}, stored.secrets)
        assert changed.secrets == {}

    def test_a_password_in_the_query_string_is_redacted_too(self):
        settings = split_settings(
            "postgresql", {"url": "postgresql://reader@/sales?host=/run/pg&password=s3cret"}, {}
        )
        assert "s3cret" not in settings.config["url"]
        assert "password=%2A%2A%2A" in settings.config["url"]
        assert "s3cret" in settings.secrets["url"]

    def test_mask_keeps_the_stored_password(self):
        stored = split_settings("postgresql", {"url": "postgresql://u:old-pass@h1/db"}, {})
        changed = split_settings(
            "postgresql", {"url": "postgresql+psycopg://u:***@h2/db"}, stored.secrets
        )
        assert changed.secrets["url"] == "postgresql+psycopg://u:old-pass@h2/db"
        assert changed.config["url"] == "postgresql+psycopg://u:***@h2/db"

    def test_mask_without_a_stored_password_is_refused(self):
        errors = field_errors("postgresql", {"url": "postgresql://u:***@h/db"})
        assert "none is stored" in errors["url"][0]

    @pytest.mark.parametrize(
        ("kind", "url", "expected"),
        [
            ("postgresql", "not a url", "Not a valid SQLAlchemy URL"),
            ("postgresql", "mysql://u:p@h/db", "Needs a postgresql:// URL"),
            ("postgresql", "postgres://u:p@h/db", "Needs a postgresql:// URL"),
            ("postgresql", "postgresql+psycopg2://u:p@h/db", "psycopg2 driver is not supported"),
            ("postgresql", "postgresql://u:p@h", "must name a database"),
            ("postgresql", "postgresql://u:p@h:99999/db", "Port 99999 is out of range."),
            ("postgresql", "postgresql://u:p@h:port/db", "Not a valid SQLAlchemy URL"),
            ("mysql", "postgresql://u:p@h/db", "Needs a mysql:// URL"),
            ("mysql", "mysql+mysqldb://u:p@h/db", "mysqldb driver is not supported"),
        ],
    )
    def test_bad_urls_are_refused_with_a_reason(self, kind, url, expected):
        assert expected in field_errors(kind, {"url": url})["url"][0]

    def test_mysql_urls_use_pymysql(self):
        settings = split_settings("mysql", {"url": "mysql://u:p@h:3306/shop"}, {})
        assert settings.secrets["url"] == "mysql+pymysql://u:p@h:3306/shop"
        assert settings.config["url"] == "mysql+pymysql://u:***@h:3306/shop"

    def test_url_is_required_and_unknown_settings_are_named(self):
        errors = field_errors("postgresql", {"bucket": "x"})
        assert errors["url"] == ["This setting is required."]
        assert errors["bucket"] == ["Not a setting of a PostgreSQL source."]


class TestS3Settings:
    base = {"endpoint": "https://s3.example.com", "bucket": "raw-data", "prefix": "events/"}

    def test_secret_key_is_split_off(self):
        settings = split_settings(
            "s3",
            {**self.base, "access_key": "AKIA", "secret_key": "shh", "region": "eu-west-1"},
            {},
        )
        assert settings.config == {**self.base, "region": "eu-west-1", "access_key": "AKIA"}
        assert settings.secrets == {"secret_key": "shh"}

    def test_leaving_the_secret_out_keeps_it_and_null_removes_it(self):
        stored = {"secret_key": "shh"}
        kept = split_settings("s3", {**self.base, "access_key": "AKIA"}, stored)
        assert kept.secrets == stored
        masked = split_settings(
            "s3", {**self.base, "access_key": "AKIA", "secret_key": "***"}, stored
        )
        assert masked.secrets == stored
        removed = split_settings("s3", {**self.base, "secret_key": None}, stored)
        assert removed.secrets == {}

    def test_anonymous_access_drops_a_stored_secret(self):
        assert split_settings("s3", self.base, {"secret_key": "shh"}).secrets == {}

    @pytest.mark.parametrize(
        ("changes", "field", "expected"),
        [
            ({"bucket": None}, "bucket", "This setting is required."),
            ({"bucket": "Bad_Bucket"}, "bucket", "Not a valid S3 bucket name"),
            ({"endpoint": "s3.example.com"}, "endpoint", "Must be a URL like"),
            ({"endpoint": "ftp://s3.example.com"}, "endpoint", "Must be a URL like"),
            ({"endpoint": "https://s3.example.com/path"}, "endpoint", "Must be a URL like"),
            ({"endpoint": "http://minio:99999"}, "endpoint", "Port out of range"),
            ({"endpoint": "http://[::1:9000"}, "endpoint", "Invalid IPv6 URL"),
            ({"prefix": "/absolute"}, "prefix", "must not start with '/'"),
            ({"prefix": "a/../b"}, "prefix", "'..' segment"),
            ({"access_key": "AKIA"}, "secret_key", "Required with an access_key."),
            ({"secret_key": "orphan"}, "secret_key", "Only used with an access_key."),
            ({"region": 12}, "region", "Must be a string."),
        ],
    )
    def test_bad_settings_are_refused_per_field(self, changes, field, expected):
        errors = field_errors("s3", {**self.base, **changes})
        assert expected in errors[field][0]


class TestKafkaSettings:
    def test_plaintext(self):
        settings = split_settings(
            "kafka", {"bootstrap_servers": "k1:9092, k2:9092", "topic": "orders"}, {}
        )
        assert settings.config == {
            "bootstrap_servers": ["k1:9092", "k2:9092"],
            "topic": "orders",
            "security_protocol": "PLAINTEXT",
        }
        assert settings.secrets == {}

    def test_sasl_password_is_secret_and_required(self):
        config = {
            "bootstrap_servers": ["k1:9093"],
            "topic": "orders",
            "security_protocol": "SASL_SSL",
            "sasl_mechanism": "SCRAM-SHA-512",
            "sasl_username": "app",
        }
        assert "sasl_password" in field_errors("kafka", config)
        settings = split_settings("kafka", {**config, "sasl_password": "pw"}, {})
        assert settings.secrets == {"sasl_password": "pw"}
        assert "sasl_password" not in settings.config
        switched_off = split_settings(
            "kafka", {"bootstrap_servers": ["k1:9092"], "topic": "orders"}, settings.secrets
        )
        assert switched_off.secrets == {}

    @pytest.mark.parametrize(
        ("config", "field", "expected"),
        [
            ({"topic": "t"}, "bootstrap_servers", "This setting is required."),
            ({"bootstrap_servers": "k1", "topic": "t"}, "bootstrap_servers", "is not host:port"),
            ({"bootstrap_servers": [1], "topic": "t"}, "bootstrap_servers", "list of host:port"),
            ({"bootstrap_servers": "k:1", "topic": "a b"}, "topic", "Not a valid topic name"),
            (
                {"bootstrap_servers": "k:1", "topic": "t", "security_protocol": "TLS"},
                "security_protocol",
                "Must be one of",
            ),
            (
                {"bootstrap_servers": "k:1", "topic": "t", "sasl_username": "u"},
                "sasl_username",
                "Only used with a SASL_*",
            ),
        ],
    )
    def test_bad_settings_are_refused_per_field(self, config, field, expected):
        assert expected in field_errors("kafka", config)[field][0]


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidInput, match="'ftp' is not a kind of data source"):
        split_settings("ftp", {}, {})


def test_uploads_take_no_settings():
    assert split_settings("upload", {}, {}).config == {}
    assert "anything" in field_errors("upload", {"anything": 1})


def test_config_must_be_an_object():
    with pytest.raises(InvalidInput, match="Must be an object"):
        split_settings("s3", ["x"], {})


def test_scrub_removes_every_secret_from_a_message():
    secrets = {"url": "postgresql+psycopg://u:pa%40ss@h/db?sslpassword=k3y"}
    message = "failed for postgresql+psycopg://u:pa%40ss@h/db?sslpassword=k3y: bad pa@ss k3y"
    assert scrub(message, secrets) == (
        "failed for postgresql+psycopg://u:***@h/db?sslpassword=***: bad *** ***"
    )


def test_scrub_leaves_words_that_merely_contain_a_secret():
    secrets = {"url": "mysql+pymysql://u:p@h/db"}
    assert (
        scrub("pip install pymysql, password 'p'", secrets) == "pip install pymysql, password '***'"
    )


class TestReadOnlyQueries:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("SELECT * FROM sales;", "SELECT * FROM sales"),
            (
                "  with t as (select 1 as x) select x from t  ",
                "with t as (select 1 as x) select x from t",
            ),
            ("-- last month\nSELECT 1; -- done", "-- last month\nSELECT 1"),
            (
                "select 'delete' as word, \"update\" from t",
                "select 'delete' as word, \"update\" from t",
            ),
        ],
    )
    def test_one_select_passes(self, query, expected):
        assert check_read_only(query) == expected

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", "The query is empty."),
            ("-- nothing", "The query is empty."),
            ("SELECT 1; SELECT 2", "exactly one SQL statement, not 2"),
            ("SELECT 1; DROP TABLE sales", "exactly one SQL statement, not 2"),
            ("DELETE FROM sales", "Only a SELECT"),
            ("INSERT INTO sales VALUES (1)", "Only a SELECT"),
            ("EXPLAIN ANALYZE DELETE FROM sales", "Only a SELECT"),
            ("WITH gone AS (DELETE FROM sales RETURNING *) SELECT * FROM gone", "contains DELETE"),
            ("SELECT * INTO copy FROM sales", "SELECT ... INTO"),
            ("SELECT * FROM sales FOR UPDATE", "contains UPDATE"),
        ],
    )
    def test_anything_else_is_refused(self, query, expected):
        with pytest.raises(InvalidInput) as caught:
            check_read_only(query)
        assert expected in caught.value.message
        assert caught.value.details["query"]


class TestKafkaWindow:
    def test_round_trips_through_the_job_spec(self):
        window = KafkaWindow(
            start_time=datetime(2026, 1, 1, tzinfo=UTC),
            end_time=datetime(2026, 1, 2, tzinfo=UTC),
            partitions=[0, 2],
            max_messages=10,
        )
        assert KafkaWindow.from_spec(window.to_spec()) == window
        assert window.start_ms == 1_767_225_600_000

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ({}, "not both and not neither"),
            ({"start_offset": 0, "start_time": datetime(2026, 1, 1, tzinfo=UTC)}, "not both"),
            ({"end_offset": 5}, "start_offset: Required with end_offset."),
            ({"start_offset": 5, "end_offset": 5}, "end_offset: Must be greater"),
            ({"end_time": datetime(2026, 1, 1, tzinfo=UTC)}, "start_time: Required"),
            (
                {
                    "start_time": datetime(2026, 1, 2, tzinfo=UTC),
                    "end_time": datetime(2026, 1, 1, tzinfo=UTC),
                },
                "end_time: Must be later",
            ),
            ({"start_offset": 0, "max_messages": 0}, "max_messages: Must be between"),
        ],
    )
    def test_bad_windows_are_refused(self, values, expected):
        with pytest.raises(InvalidInput, match=expected.replace("*", r"\*")):
            KafkaWindow(**values)
