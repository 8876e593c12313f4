"""Write ``HERITAGE_BASE_URL``'s host and port into the default Wagtail Site record.

    manage.py sync_site

Links never depend on the Site record (``heritage.site_url``), but Wagtail builds a
few of its own on it (the admin's "view live" for pages that are not the project's,
``Site.find_for_request`` matching by host name). Run it once per deployment, after
``migrate``; ``manage.py check --database default`` warns (heritage.W003) when the two
disagree. The Site record can only say ``https`` on port 443: another HTTPS port is
stored as that port over ``http``, so it is better left to the setting.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from heritage.site_url import sync_site_record


class Command(BaseCommand):
    help = "Write HERITAGE_BASE_URL's host and port into the default Wagtail Site record."

    def handle(self, *args, **options):
        result = sync_site_record()
        if result is None:
            raise CommandError("Set HERITAGE_BASE_URL (and have a default Wagtail site) first.")
        old, new = result
        self.stdout.write(f"Default site: {old} -> {new}" if old != new else f"Default site already at {new}")
