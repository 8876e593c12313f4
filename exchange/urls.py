"""Outside the language prefix: each surface carries its languages in its own data.

Their 404s stay 404s: ``LocaleMiddleware`` answers a 404 outside the language prefix
with a redirect to ``/en/<path>`` when that path resolves, and Wagtail's catch-all page
route makes every ``/en/…`` resolve. The middleware asks ``request.urlconf`` whether
language prefixes are in use; once the view has run, this URLconf (no
``i18n_patterns``) tells it there are none. Resolution is over by then.
"""

from functools import wraps

from django.urls import include, path

from wagtail.utils.urlpatterns import decorate_urlpatterns


def no_language_redirect(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        request.urlconf = __name__
        return response

    return wrapped


urlpatterns = decorate_urlpatterns(
    [
        path("api/v2/", include("exchange.api.urls")),
        path("iiif/", include("exchange.iiif.urls")),
        path("oai/", include("exchange.oai.urls")),
    ],
    no_language_redirect,
)
