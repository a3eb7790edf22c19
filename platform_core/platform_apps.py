"""The apps of the platform (data, algorithm, model, service...) and what they contribute."""

from django.apps import AppConfig, apps


class PlatformAppConfig(AppConfig):
    """The base of every platform app's config.

    The project urlconf includes each one's ``api/urls.py`` under ``/api/v1/``, so an app
    contributes its routes by being installed. Subclass it through its module
    (``from platform_core import platform_apps``): a second AppConfig class among the names
    of an ``apps.py`` stops Django from picking that app's config automatically.
    """

    default_auto_field = "django.db.models.BigAutoField"


def installed() -> list[PlatformAppConfig]:
    return [config for config in apps.get_app_configs() if isinstance(config, PlatformAppConfig)]
