"""Cross-origin reading for the open surfaces (IIIF viewers, aggregators, the API).

Everything these views answer is public, read-only and carries no cookies' worth of
private state, so any origin may read it: ``Access-Control-Allow-Origin: *``
(https://iiif.io/api/image/3.0/#71-cors, https://iiif.io/api/presentation/3.0/#63-cors).
Preflight requests (``OPTIONS``) are answered here too.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponse

ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Range"


def allow_any_origin(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped
