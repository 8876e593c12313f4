"""``manage.py load_demo``: three partner cities, their institutions, collections,
artifacts, oral histories and exhibitions, in four languages. Safe to run twice."""

import logging

from django.core.management.base import BaseCommand

from demo.loader import load_demo

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Load the Heritage Commons demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="heritage-demo",
            help="Password for the demo logins admin, curator and historian (created only if missing).",
        )

    def handle(self, *args, password: str, **options):
        verbose = options["verbosity"] > 0
        report, logins = load_demo(
            admin_password=password,
            progress=(lambda message: self.stdout.write(f"  … {message}")) if verbose else None,
        )
        if not verbose:
            return
        created = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo content ready (created: {created})."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/admin/ with:")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<10} / {password}   ({role})")
