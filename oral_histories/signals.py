from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import OralHistoryIndexPage
from .permissions import grant_historians_access


@receiver(post_save, sender=OralHistoryIndexPage, dispatch_uid="oral_histories.grant_historians")
def on_section_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_historians_access(section=instance)
