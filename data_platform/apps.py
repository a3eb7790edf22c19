from platform_core import platform_apps


class DataPlatformConfig(platform_apps.PlatformAppConfig):
    name = "data_platform"
    verbose_name = "Data platform"
