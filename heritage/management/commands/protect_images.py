"""``manage.py protect_images [--dry-run]``: bring image files stored before
``heritage.image_files`` under the visibility rule.

1. With object storage, move every original image from the public bucket to
   ``HERITAGE_ORIGINAL_IMAGES_STORAGE`` (the private bucket), under the same name: each
   file is copied (server-side), both copies are hashed, and only then is the public
   one deleted. A file that fails stays where it was (the site keeps reading it there)
   and is named; the command exits 1 and, run again, finishes what is left.
2. Delete the renditions of every image that pages use but no open page does (they
   were made under names derived from the image's file name); new ones get random
   names when an editor next needs them.

Run it once after upgrading; it is safe to run again at any time.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from heritage.image_files import closed_images, move_originals, seal_renditions


class Command(BaseCommand):
    help = "Move original images out of the public storage and delete the renditions of closed images."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")

    def handle(self, *args, dry_run: bool, **options):
        report = move_originals(dry_run=dry_run)
        verb = "would move" if dry_run else "moved"
        self.stdout.write(f"Original images {verb} out of the public storage: {len(report.moved)}")
        if report.already:
            self.stdout.write(f"Already in the private storage (public copy removed): {len(report.already)}")
        if dry_run:
            count = closed_images().filter(renditions__isnull=False).distinct().count()
            self.stdout.write(f"Closed images whose renditions would be deleted: {count}")
        else:
            sealed = seal_renditions()
            self.stdout.write(f"Closed images whose renditions were deleted: {len(sealed)}")
        if report.failed:
            for name, reason in report.failed.items():
                self.stderr.write(f"  {name}: {reason}")
            raise CommandError(
                f"{len(report.failed)} original images could not be moved; they stay in the public storage, "
                "where the site still reads them. Fix the cause and run the command again."
            )
