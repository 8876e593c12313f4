"""System checks: the OAI-PMH repository's identity must validate against the schemas.

A harvester that validates Identify (most do) refuses a repository whose identifier
or contact address does not match the protocol's patterns (``exchange.oai.identity``).
A Warning in development; an Error once ``HERITAGE_BASE_URL`` is set, that is, once
the site announces a public address harvesters will use. (Production settings already
refuse to start with neither set.)
"""

from __future__ import annotations

from django.core import checks
from django.utils.translation import gettext_lazy as _

from heritage.site_url import configured_base_url

from .oai.identity import ADMIN_EMAIL, REPOSITORY_IDENTIFIER, admin_emails, repository_identifier


@checks.register(checks.Tags.compatibility)
def check_oai_identity(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    level = checks.Error if configured_base_url() else checks.Warning
    messages = []
    identifier = repository_identifier()
    if not REPOSITORY_IDENTIFIER.match(identifier):
        messages.append(
            level(
                _(
                    "The OAI-PMH repository identifier “%(value)s” is not a domain name with a dot "
                    "(oai-identifier.xsd): harvesters will reject Identify."
                )
                % {"value": identifier},
                hint=_("Set HERITAGE_OAI_REPOSITORY_IDENTIFIER to a domain you control, e.g. heritage.example.org."),
                id="exchange.E001" if level is checks.Error else "exchange.W001",
            )
        )
    emails = admin_emails()
    bad = [email for email in emails if not ADMIN_EMAIL.match(email)]
    if bad or not emails:
        messages.append(
            level(
                _(
                    "The OAI-PMH contact address “%(value)s” is not an e-mail address with a dotted domain "
                    "(OAI-PMH.xsd adminEmail): harvesters will reject Identify."
                )
                % {"value": ", ".join(bad) or "—"},
                hint=_("Set HERITAGE_OAI_ADMIN_EMAILS (or DJANGO_ADMINS) to the address harvesters should write to."),
                id="exchange.E002" if level is checks.Error else "exchange.W002",
            )
        )
    return messages
