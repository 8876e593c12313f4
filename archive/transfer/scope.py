"""Which institution (and collection) an import or export is for, from the codes a
person types on the command line; a wrong code is answered with the ones that exist."""

from __future__ import annotations

from django.utils.translation import gettext as _

from heritage.models import Institution

from ..models import CollectionPage


class ScopeProblem(Exception):
    pass


def find_scope(code: str, collection_slug: str | None = None) -> tuple[Institution, CollectionPage | None]:
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        known = ", ".join(Institution.objects.values_list("code", flat=True)) or _("none yet")
        raise ScopeProblem(
            _("No institution with the code “%(code)s” (known: %(known)s).") % {"code": code, "known": known}
        )
    if not collection_slug:
        return institution, None
    collection = CollectionPage.objects.filter(institution=institution, slug_en=collection_slug).first()
    if collection is None:
        raise ScopeProblem(
            _("%(institution)s has no collection “%(slug)s”.")
            % {"institution": institution.name, "slug": collection_slug}
        )
    return institution, collection
