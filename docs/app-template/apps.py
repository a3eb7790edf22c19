from platform_core import platform_apps


class NotesConfig(platform_apps.PlatformAppConfig):
    # The package's own name, so a copy of this folder works under whatever name it is given.
    name = __package__ or ""
    verbose_name = "Notes"
