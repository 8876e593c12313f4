from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from oral_histories import urls as oral_history_urls
from search import urls as search_urls

from .health import health
from .image_files import original_image
from .sitemaps import sitemap
from .views import public_media, robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include((search_urls.api_urlpatterns, "search_api"))),
    path("", include("exchange.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
# Original images, wherever they are stored, only through the view that asks the
# visibility rule (heritage.image_files); before the plain media files below.
urlpatterns.append(re_path(r"^media/original_images/(?P<name>.*)$", original_image, name="original_image"))
# Public media from local disk when no front server or object storage serves it
# (static files are WhiteNoise's). Recordings are never here: they are private.
if settings.HERITAGE_SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", public_media, name="public_media"))

# Every public page carries its language in the URL: /en/…, /fr/…, /de/…, /ar/…
urlpatterns += i18n_patterns(
    path("", include((search_urls.page_urlpatterns, "search"))),
    # Under the language prefix: a 404 here must stay a 404, not become a redirect.
    path("", include(oral_history_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
