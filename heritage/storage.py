"""Private files: never served by the web server, reached only through views that check
who asks (recordings, consent forms, uploads waiting for an import's confirmation)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.HERITAGE_PRIVATE_MEDIA_ROOT, base_url=None)
