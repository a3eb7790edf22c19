from django.apps import AppConfig


class DataPlatformConfig(AppConfig):
    name = "data_platform"
    verbose_name = "Data platform"
    default_auto_field = "django.db.models.BigAutoField"
