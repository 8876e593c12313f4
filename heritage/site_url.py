"""The site's public address: the one place where absolute links are made.

Why one place: Wagtail builds a page's full URL from its ``Site`` record (hostname and
port: ``http://localhost`` in the demo), Django from the answering request
(``request.build_absolute_uri``). Behind a reverse proxy the answering host is an
internal one, and a Site record is whatever was loaded last; mixing the two gave a
harvester links to three different hosts in one response. So:

* ``HERITAGE_BASE_URL`` set (``https://heritage.example.org``): every absolute link
  the site gives out starts with it, whatever host the request came in on;
* unset (the demo, the tests): the answering request's scheme and host, for every
  surface alike;
* neither (a worker, a management command, an e-mail sent without a request): the
  default Site record's root URL, what Wagtail itself would have used.

``HeritagePage.get_url_parts`` goes through :func:`page_url_parts`, so Wagtail's own
``page.full_url`` / ``get_full_url(request)`` (API ``html_url``, citations, workflow
e-mails) follow the same rule. The Site record is kept for routing only; the
``heritage.W003`` database check (``manage.py check --database default``) and
``manage.py sync_site`` keep it in line with the setting for what Wagtail builds on it
outside our pages (the admin's "view live" on pages of other types).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

DEFAULT_SITE_ROOT_URL = "http://localhost"


def configured_base_url() -> str:
    """``HERITAGE_BASE_URL`` as its origin (``scheme://host[:port]``), or "" when unset."""
    value = (getattr(settings, "HERITAGE_BASE_URL", "") or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def request_base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def default_site_root_url() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else DEFAULT_SITE_ROOT_URL


def base_url(request=None) -> str:
    """The origin every absolute link starts with (no trailing slash); see the module."""
    return configured_base_url() or (request_base_url(request) if request is not None else default_site_root_url())


def absolute_url(path_or_url: str, request=None) -> str:
    """``path_or_url`` made absolute on :func:`base_url`. A URL that already names its
    host (public media on object storage or a CDN) is returned as it is; "" stays ""."""
    if not path_or_url:
        return ""
    if urlsplit(path_or_url).scheme in ("http", "https"):
        return path_or_url
    base = base_url(request)
    if path_or_url.startswith("//"):
        return f"{urlsplit(base).scheme}:{path_or_url}"
    return base + (path_or_url if path_or_url.startswith("/") else f"/{path_or_url}")


def page_url_parts(page, parts, request=None):
    """Wagtail's ``(site_id, root_url, page_path)`` with the root URL replaced by
    :func:`base_url` for pages of the main site (the only one, or the default one when
    there are several: other sites keep their own record's address)."""
    if parts is None or parts[1] is None:
        return parts
    site_id, root_url, page_path = parts
    if not configured_base_url() and request is None:
        return parts  # nothing better than the page's own Site record
    site_ids = {root[0] for root in page._get_site_root_paths(request)}
    if len(site_ids) > 1 and site_id != _default_site_id(request):
        return parts
    return site_id, base_url(request), page_path


def _default_site_id(request=None) -> int | None:
    cached = getattr(request, "_heritage_default_site_id", None) if request is not None else None
    if cached is None:
        from wagtail.models import Site

        cached = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        if request is not None:
            request._heritage_default_site_id = cached
    return cached


# --- Checks -------------------------------------------------------------------------------


@checks.register(checks.Tags.compatibility)
def check_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``HERITAGE_BASE_URL``, when set, must be an origin: links are built on it
    (production refuses to start without one; see ``heritage.settings.production``)."""
    value = (getattr(settings, "HERITAGE_BASE_URL", "") or "").strip()
    if not value:
        return []
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            checks.Warning(
                _("HERITAGE_BASE_URL (%(value)s) is not an http:// or https:// address; links use the request's host.")
                % {"value": value},
                hint=_("Set it to the site's public address, e.g. https://heritage.example.org."),
                id="heritage.W001",
            )
        ]
    if parts.path.strip("/") or parts.query or parts.fragment:
        return [
            checks.Warning(
                _("HERITAGE_BASE_URL (%(value)s) has a path; only its scheme and host are used.") % {"value": value},
                hint=_("Serve the site at the root of its host, or set FORCE_SCRIPT_NAME for a path prefix."),
                id="heritage.W002",
            )
        ]
    return []


@checks.register(checks.Tags.database)
def check_site_record(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """With ``--database``: the default Site record should name the public address, for
    what Wagtail builds on it outside the project's pages. Links never depend on it."""
    configured = configured_base_url()
    if not configured or not databases:
        return []
    from django.db import DatabaseError

    try:
        record = default_site_root_url()
    except DatabaseError:
        return []
    if record == configured:
        return []
    return [
        checks.Warning(
            _("The default Wagtail site's address (%(record)s) differs from HERITAGE_BASE_URL (%(configured)s).")
            % {"record": record, "configured": configured},
            hint=_("Run `manage.py sync_site` to write HERITAGE_BASE_URL's host and port into the Site record."),
            id="heritage.W003",
        )
    ]


def sync_site_record() -> tuple[str, str] | None:
    """Write ``HERITAGE_BASE_URL``'s host and port into the default Site record.
    Returns ``(old root URL, new root URL)``, or None when the setting is unset or
    there is no default site."""
    from wagtail.models import Site

    configured = configured_base_url()
    site = Site.objects.filter(is_default_site=True).first()
    if not configured or site is None:
        return None
    parts = urlsplit(configured)
    old = site.root_url
    site.hostname = parts.hostname
    site.port = parts.port or (443 if parts.scheme == "https" else 80)
    site.save(update_fields=["hostname", "port"])
    return old, site.root_url
