"""Forms of the admin's artifact import and export (archive.views)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heritage.models import Institution

from .models import CollectionPage
from .transfer.read import FORMATS, FileProblem, guess_format

#: Uploads larger than this are refused (``HERITAGE_IMPORT_MAX_BYTES`` overrides it).
DEFAULT_MAX_BYTES = 50 * 1024**2
SIGNING_NAMESPACE = "archive.import"  # the signing salt: a name, not a secret
#: How long a checked upload waits for its "Import" button (seconds).
TOKEN_MAX_AGE = 24 * 60 * 60


def max_upload_bytes() -> int:
    return getattr(settings, "HERITAGE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def institutions_for(user):
    """The institutions ``user`` may import into and export from: those they curate
    where Wagtail's page permissions let them publish artifacts in a collection (an
    import publishes what it writes)."""
    if user.is_superuser:
        return Institution.objects.all()
    curated = Institution.curated_by(user)
    publishable = [
        collection.institution_id
        for collection in CollectionPage.objects.filter(institution__in=curated)
        if collection.permissions_for_user(user).can_publish_subpage()
    ]
    return Institution.objects.filter(pk__in=publishable)


def can_import(user) -> bool:
    """Who sees the import page: superusers, and curators who may publish artifacts in
    one of their institution's collections."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or institutions_for(user).exists()


class CollectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.institution.name} — {obj.title}"


class InstitutionScopedForm(forms.Form):
    """An institution among the user's own, and optionally one of its collections."""

    institution = forms.ModelChoiceField(
        label=gettext_lazy("Institution"),
        queryset=Institution.objects.none(),
        error_messages={
            "invalid_choice": gettext_lazy("You are not a curator of that institution: choose one of yours."),
            "required": gettext_lazy("Choose the institution."),
        },
    )
    collection = CollectionChoiceField(
        label=gettext_lazy("Collection"),
        queryset=CollectionPage.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the institution's collections.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        institutions = institutions_for(user).order_by("name")
        self.fields["institution"].queryset = institutions
        self.fields["collection"].queryset = (
            CollectionPage.objects.filter(institution__in=institutions)
            .select_related("institution")
            .order_by("institution__name", "title")
        )
        if institutions.count() == 1:
            self.fields["institution"].initial = institutions.first().pk

    def clean(self):
        cleaned = super().clean()
        institution, collection = cleaned.get("institution"), cleaned.get("collection")
        if institution and collection and collection.institution_id != institution.pk:
            self.add_error(
                "collection",
                _("“%(collection)s” belongs to %(owner)s, not to %(institution)s.")
                % {
                    "collection": collection.title,
                    "owner": collection.institution.name,
                    "institution": institution.name,
                },
            )
        return cleaned


class ImportForm(InstitutionScopedForm):
    file = forms.FileField(
        label=gettext_lazy("File"),
        error_messages={
            "required": gettext_lazy("Choose a file to import: a CSV (UTF-8) or JSON Lines file."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    create_missing = forms.BooleanField(
        label=gettext_lazy("Create missing themes, places and people"),
        required=False,
        help_text=gettext_lazy("Names in the file that are not in the vocabularies yet are added to them."),
    )
    strict = forms.BooleanField(
        label=gettext_lazy("Strict"),
        required=False,
        help_text=gettext_lazy("Import nothing unless every row is good."),
    )

    field_order = ["file", "institution", "collection", "create_missing", "strict"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, with a header row) or JSON Lines (.jsonl), at most %(size)s. "
            "Images are named by their path in the media folder or must already be in the image library: "
            "image files cannot be uploaded with the file."
        ) % {"size": filesizeformat(max_upload_bytes())}
        self.fields["collection"].help_text = _("For rows that do not name their collection.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        size = getattr(upload, "received", None) or upload.size
        if getattr(upload, "oversized", False) or size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s; files of at most %(limit)s can be imported. Split it and import each part.")
                % {"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())}
            )
        try:
            self.file_format = guess_format(upload.name)
        except FileProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        return upload


class ConfirmForm(forms.Form):
    """The "Import" button under a checked upload: everything it needs is in the signed token."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @staticmethod
    def sign(data: dict) -> str:
        return signing.dumps(data, salt=SIGNING_NAMESPACE, compress=True)

    def clean_token(self):
        try:
            data = signing.loads(self.cleaned_data["token"], salt=SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("This check is more than a day old and its file was discarded: upload the file again.")
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("This import cannot be confirmed: its token is damaged or was altered. Upload the file again.")
            ) from error
        if data.get("user") != self.user.pk:
            raise forms.ValidationError(_("This upload was checked by someone else: only they can import it."))
        institution = institutions_for(self.user).filter(pk=data.get("institution")).first()
        if institution is None:
            raise forms.ValidationError(_("You are no longer a curator of the institution this upload is for."))
        collection = None
        if data.get("collection"):
            collection = CollectionPage.objects.filter(pk=data["collection"], institution=institution).first()
            if collection is None:
                raise forms.ValidationError(_("The collection chosen for this upload no longer exists."))
        if data.get("format") not in FORMATS:
            raise forms.ValidationError(_("This import cannot be confirmed: upload the file again."))
        self.institution, self.collection, self.signed = institution, collection, data
        return self.cleaned_data["token"]


class ExportForm(InstitutionScopedForm):
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("csv", gettext_lazy("CSV")), ("jsonl", gettext_lazy("JSON Lines"))],
        initial="csv",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].help_text = _("Leave empty for every collection of the institution.")
