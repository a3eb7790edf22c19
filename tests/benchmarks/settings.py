"""Platform settings plus the benchmark's project-scoped resource."""

from platform_core.settings import *  # noqa: F403
from platform_core.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.benchmarks.benchapp"]
ROOT_URLCONF = "tests.benchmarks.benchapp.api"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
