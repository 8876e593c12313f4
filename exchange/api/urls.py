"""``/api/v2/``: Wagtail's API v2 endpoints, open content only, readable from any origin."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from exchange.cors import allow_any_origin

from .views import OpenDocumentsAPIViewSet, OpenImagesAPIViewSet, OpenMediaAPIViewSet, OpenPagesAPIViewSet

app_name = "exchange_api"  # the router's namespace: detail URLs are reversed through it

router = WagtailAPIRouter(app_name)
router.register_endpoint("pages", OpenPagesAPIViewSet)
router.register_endpoint("images", OpenImagesAPIViewSet)
router.register_endpoint("documents", OpenDocumentsAPIViewSet)
router.register_endpoint("media", OpenMediaAPIViewSet)


urlpatterns = router.get_urlpatterns()
decorate_urlpatterns(urlpatterns, allow_any_origin)
