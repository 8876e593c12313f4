from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ExhibitionIndexPage
from .workflows import ensure_partner_approval


@receiver(post_save, sender=ExhibitionIndexPage, dispatch_uid="exhibitions.partner_approval")
def on_index_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_partner_approval(index=instance)
