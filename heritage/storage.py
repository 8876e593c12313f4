"""Private files: never served by the web server, reached only through views that check
who asks (recordings, consent forms, uploads waiting for an import's confirmation).

The storage is ``STORAGES["private"]``: a local folder (``HERITAGE_PRIVATE_MEDIA_ROOT``)
or a private S3 bucket (``HERITAGE_S3_PRIVATE_BUCKET``), chosen in the settings.
"""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
