"""Re-index oral histories whose embargo has ended.

The worker runs this daily by itself (``oral_histories.tasks.release_embargoes_task``,
scheduled in ``heritage.worker``); cron may still run the command. Pages, media,
captions and transcripts open by themselves on the embargo's date (each request asks
``consent.decide`` with today's date). The search index holds transcript lines only of
recordings open to everyone, so it learns of an ended embargo here: every recording
whose embargo ended in the last ``--days`` days (default 7, so a missed run or two
heals) is re-indexed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from oral_histories.tasks import release_embargoes


class Command(BaseCommand):
    help = "Re-index oral histories whose embargo ended recently."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days: int = 7, **options):
        count = release_embargoes(days=days)
        self.stdout.write(f"{count} oral histories re-indexed.")
