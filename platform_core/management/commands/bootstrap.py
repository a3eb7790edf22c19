"""Creates the first operator account and a demo organization and project (idempotent)."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from platform_core.identity.services import create_user
from platform_core.models import Organization, User
from platform_core.tenancy.services import create_organization, create_project

DEFAULT_ADMIN_EMAIL = "admin@example.com"


class Command(BaseCommand):
    help = "Create the admin account (ZT_ADMIN_EMAIL / ZT_ADMIN_PASSWORD) and a demo organization."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-demo", action="store_true", help="Skip the demo organization and project."
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        email = os.environ.get("ZT_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL).lower()
        admin = User.objects.filter(email__iexact=email).first()
        if admin is None:
            password = os.environ.get("ZT_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            admin = create_user(
                None, email=email, password=password, full_name="Administrator", is_staff=True
            )
            admin.is_superuser = True
            admin.save(update_fields=["is_superuser"])
            shown = (
                password if "ZT_ADMIN_PASSWORD" not in os.environ else "(from ZT_ADMIN_PASSWORD)"
            )
            self.stdout.write(self.style.SUCCESS(f"Created admin {email} with password: {shown}"))
            self.stdout.write(
                "This password is printed only once; change it under the user menu or in the admin."
            )
        if options["no_demo"] or Organization.objects.filter(slug="demo").exists():
            return
        organization = create_organization(
            admin, name="Demo", slug="demo", description="A place to try things."
        )
        create_project(
            admin, organization=organization, name="Getting started", slug="getting-started"
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Created the demo organization 'demo' with project 'getting-started'."
            )
        )
