"""Re-index oral histories whose embargo has ended (run daily from cron).

Pages, media, captions and transcripts open by themselves on the embargo's date (each
request asks ``consent.decide`` with today's date). The search index holds transcript
lines only of recordings open to everyone, so it learns of an ended embargo here:
every recording whose embargo ended in the last ``--days`` days (default 7, so a
missed run or two heals) is re-indexed.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from heritage.signals import pages_changed
from oral_histories.models import Recording


class Command(BaseCommand):
    help = "Re-index oral histories whose embargo ended recently."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days: int = 7, **options):
        today = timezone.localdate()
        recordings = Recording.objects.filter(
            embargo_until__lte=today, embargo_until__gt=today - timedelta(days=days)
        ).select_related("page")
        pages = [recording.page for recording in recordings]
        if pages:
            pages_changed.send(sender=Recording, pages=pages)
        self.stdout.write(f"{len(pages)} oral histories re-indexed.")
