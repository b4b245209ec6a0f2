"""Where youths' private files (evidence, documents) are kept.

Not under ``MEDIA_URL``: nothing serves them but the views that check who is asking.
"""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
