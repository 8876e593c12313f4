"""Who the repository is: its identifier and the addresses harvesters write to.

OAI-PMH's Identify must validate against the protocol's schemas: ``repositoryIdentifier``
(oai-identifier.xsd) is a domain name with at least one dot whose labels start with a
letter, and every ``adminEmail`` (OAI-PMH.xsd) matches ``\\S+@(\\S+\\.)+\\S+``. The old
defaults (the Site record's ``localhost``, ``webmaster@localhost``) failed both.

* identifier: ``HERITAGE_OAI_REPOSITORY_IDENTIFIER``, else the host name of
  ``HERITAGE_BASE_URL`` when it is a domain name, else :data:`DEFAULT_REPOSITORY_IDENTIFIER`
  (a reserved ``.example`` name, as the default sender's: the demo's and the tests'). Never the Site record.
  Identifiers (``oai:<it>:<page id>``) are built on it, so a deployment sets it once.
* e-mails: ``HERITAGE_OAI_ADMIN_EMAILS``, else the addresses of ``ADMINS``, else the
  address in ``DEFAULT_FROM_EMAIL``.

``exchange.checks`` warns (in development) or fails ``manage.py check`` (once
``HERITAGE_BASE_URL`` is set) when either does not match its schema pattern.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings

from heritage.site_url import configured_base_url

#: oai-identifier.xsd's pattern for ``repositoryIdentifier``.
REPOSITORY_IDENTIFIER = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")
#: OAI-PMH.xsd's ``emailType`` pattern.
ADMIN_EMAIL = re.compile(r"^\S+@(\S+\.)+\S+$")
DEFAULT_REPOSITORY_IDENTIFIER = "heritage-commons.example"


def repository_identifier() -> str:
    configured = getattr(settings, "HERITAGE_OAI_REPOSITORY_IDENTIFIER", None)
    if configured:
        return configured
    host = urlsplit(configured_base_url()).hostname or ""
    return host if REPOSITORY_IDENTIFIER.match(host) else DEFAULT_REPOSITORY_IDENTIFIER


def _address(entry) -> str:
    """An address from ``"a@b.org"``, ``"Name <a@b.org>"`` or an ``ADMINS`` pair."""
    if isinstance(entry, (tuple, list)):
        entry = entry[-1]
    return parseaddr(str(entry))[1] or str(entry).strip()


def admin_emails() -> list[str]:
    for source in (
        getattr(settings, "HERITAGE_OAI_ADMIN_EMAILS", None),
        getattr(settings, "ADMINS", None),
        [getattr(settings, "DEFAULT_FROM_EMAIL", "")],
    ):
        addresses = [address for address in (_address(entry) for entry in source or ()) if address]
        if addresses:
            return list(dict.fromkeys(addresses))
    return []
