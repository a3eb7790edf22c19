"""Presigned URLs of the local storage backend; included at ``/storage/``."""

from django.urls import path

from platform_core.backends.storage import views

app_name = "storage"
urlpatterns = [path("o/<path:key>", views.presigned_object, name="object")]
