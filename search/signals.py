"""Labels on facets (a city's, an institution's, a theme's, a rights statement's name)
change at once when their snippet changes (``forget_labels``). Page changes reach the
search indexes through the outbox (``heritage.outbox``, ``search.outbox``).
"""

from django.db.models.signals import post_delete, post_save

from heritage.models import Institution, PartnerCityPage, RightsStatement, Theme
from search.labels import forget_labels

LABELLED = {PartnerCityPage: "city", Institution: "institution", Theme: "theme", RightsStatement: "rights"}


def on_label_change(sender, **kwargs):
    forget_labels(LABELLED[sender])


for model in LABELLED:
    post_save.connect(on_label_change, sender=model, dispatch_uid=f"search-labels-save-{model.__name__}")
    post_delete.connect(on_label_change, sender=model, dispatch_uid=f"search-labels-delete-{model.__name__}")
