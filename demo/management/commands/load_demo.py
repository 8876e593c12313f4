"""``manage.py load_demo``: three partner cities, their institutions, collections,
artifacts, oral histories and exhibitions, in four languages. Safe to run twice."""

import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo import content
from demo.loader import CURATORS, load_demo
from exhibitions.models import ExhibitionPage, PartnerApprovalTask

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Load the Heritage Commons demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="heritage-demo",
            help="Password for the demo logins: admin, the curators, historian and member (created only if missing).",
        )

    def handle(self, *args, password: str, **options):
        verbose = options["verbosity"] > 0
        report, logins = load_demo(
            admin_password=password,
            progress=(lambda message: self.stdout.write(f"  … {message}")) if verbose else None,
        )
        # The harvesting records (OAI-PMH) of everything open, as a partner would find them.
        call_command("oai_records", "rebuild", verbosity=0)
        if not verbose:
            return
        created = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo content ready (created: {created})."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/admin/ with:")
        width = max(len(username) for username, _password, _role in logins)
        for username, password, role in logins:
            self.stdout.write(f"  {username:<{width}} / {password}   ({role})")
        # The exhibitions waiting in the partner-approval workflow, and who may approve them now.
        for page in ExhibitionPage.objects.filter(slug_en__in=[item["slug"] for item in content.EXHIBITIONS]):
            task_state = page.current_workflow_task_state
            if task_state is None or not isinstance(task_state.task.specific, PartnerApprovalTask):
                continue
            outstanding = {institution.code for institution in PartnerApprovalTask.outstanding(task_state)}
            waiting = [username for username, code in CURATORS if code in outstanding]
            if waiting:
                self.stdout.write(
                    f"“{page.title}” waits for its partners' approval: sign in as {' or '.join(waiting)} to review it."
                )
