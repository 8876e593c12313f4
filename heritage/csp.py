"""The Content-Security-Policy, with one exception for Wagtail's admin.

The public site runs no inline script: ``script-src 'self'`` holds everywhere a
visitor goes. Wagtail's admin still writes inline ``<script>`` elements into its pages
(InlinePanel and MultipleChooserPanel set-up, date and time widgets,
wagtail-modeltranslation's field labels) and jQuery runs those again when a panel adds
a row from its template; refused, the editor breaks (no "Add" on inline panels, no
translation tabs). So, for a signed-in user under the admin's URL only,
``HERITAGE_CSP_ADMIN_REPLACE`` replaces directives of ``CONTENT_SECURITY_POLICY`` (by
default: ``script-src 'self' 'unsafe-inline'``). Everything else — the public site,
the admin's login and password-reset pages (which run no inline script), every other
directive (sources, ``object-src 'none'``, ``frame-ancestors``, ``form-action``) —
keeps the strict policy. No nonce is sent there: a nonce would make browsers ignore
``'unsafe-inline'``.

django-csp's middleware is built to be extended this way
(https://django-csp.readthedocs.io/en/latest/configuration.html, "Middleware"); Wagtail's
progress on a strict policy: https://github.com/wagtail/wagtail/issues/1288.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

from csp.middleware import CSPMiddleware, PolicyParts

DEFAULT_ADMIN_REPLACE = {"script-src": ["'self'", "'unsafe-inline'"]}


def admin_prefix() -> str:
    """Where Wagtail's admin lives (``/admin/``), from the URLconf."""
    return reverse("wagtailadmin_home")


class HeritageCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.path_info.startswith(admin_prefix()):
            admin = getattr(settings, "HERITAGE_CSP_ADMIN_REPLACE", DEFAULT_ADMIN_REPLACE)
            # A view's own @csp_replace still wins over the admin's default.
            parts.replace = {**admin, **(parts.replace or {})}
            parts.nonce = None
        return parts
