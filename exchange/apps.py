from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = _("Partner data exchange")

    def ready(self):
        from django.db.models.signals import post_migrate

        # The OAI-PMH identity's system checks; the records follow page changes through
        # the outbox (heritage.outbox, exchange.outbox).
        from exchange import checks, signals  # noqa: F401
        from exchange.outbox import register_writers

        register_writers()

        post_migrate.connect(signals.announce_base_url_after_migrate, sender=self, dispatch_uid="exchange.base_url")
