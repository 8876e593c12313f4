"""Times in a recording as people write them, and the admin field that takes them.

One reading everywhere: ``1:02:03`` (h:mm:ss), ``62:03`` (m:ss, minutes past 59
allowed), ``3723`` or ``3723.5`` (seconds, a decimal comma too), Arabic-Indic digits
read as their ASCII counterparts. The page's ``?t=`` also takes ``1m30s`` and
``1h2m3s`` (what other players put in links). Times are shown as ``h:mm:ss``, with the
fraction kept when there is one (``1:02:03.5``), so a value shown and sent back is the
value stored.

Index points and redacted passages are entered with :class:`TimecodeField`: their
panels (``oral_histories.models``) name the time fields with :class:`TimecodePanel`,
and :class:`TimecodeInlinePanel` (the Recording editor, ``wagtail_hooks``) gives their
inline forms that field instead of the model's plain number field. The database keeps
seconds: no migration.
"""

from __future__ import annotations

import math
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel

# Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic decimal separator.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
_CLOCK = re.compile(rf"^(?:(?:(?P<h>[0-9]+):)?(?P<m>[0-9]+):)?(?P<s>{_NUMBER})$")
_UNITS = re.compile(rf"^(?=.)(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?(?:(?P<s>{_NUMBER})s)?$")

#: Longer than any recording (the upload limit is far below): keeps absurd numbers out.
MAX_SECONDS = 100 * 3600


def parse_timecode(value, *, units: bool = False) -> float:
    """Seconds from ``1:02:03``, ``62:03``, ``3723`` or ``3723.5`` (and, with ``units``,
    ``1h2m3s``); ValueError for anything else (negative, minutes or seconds past 59 after
    a larger unit, not a finite number)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        text = str(value or "").translate(_DIGITS).strip().replace(" ", "")
        match = _CLOCK.match(text) or (_UNITS.match(text.lower()) if units else None)
        if match is None:
            raise ValueError(value)
        hours, minutes = int(match["h"] or 0), int(match["m"] or 0)
        secs = float((match["s"] or "0").replace(",", "."))
        if (match["m"] is not None and match["h"] is not None and minutes > 59) or (
            match["m"] is not None and secs >= 60
        ):
            raise ValueError(value)
        seconds = hours * 3600 + minutes * 60 + secs
    if not math.isfinite(seconds) or seconds < 0 or seconds > MAX_SECONDS:
        raise ValueError(value)
    return seconds


def start_offset(value, duration: float | None) -> float:
    """A page's ``?t=`` as seconds inside the recording, else 0 (anything unreadable or
    outside the recording is ignored, never an error)."""
    try:
        seconds = parse_timecode(value, units=True)
    except ValueError:
        return 0.0
    return seconds if duration and seconds < duration else 0.0


def format_timecode(seconds) -> str:
    """``h:mm:ss``, the fraction kept to the millisecond when there is one (``1:02:03.5``)."""
    if seconds is None or seconds == "":
        return ""
    try:
        total = round(float(seconds), 3)
    except (TypeError, ValueError):
        return str(seconds)
    whole = int(total)
    fraction = f"{total - whole:.3f}".rstrip("0").rstrip(".")[1:]  # ".5", or ""
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}{fraction}"


class TimecodeInput(forms.TextInput):
    """A text input showing seconds as h:mm:ss; left to right in every admin language."""

    def __init__(self, attrs=None):
        defaults = {
            "dir": "ltr",
            "autocomplete": "off",
            "spellcheck": "false",
            "placeholder": "0:00:00",
            "size": 12,
            "class": "oh-timecode",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return format_timecode(value)
        return super().format_value(value)


class TimecodeField(forms.Field):
    widget = TimecodeInput
    default_error_messages = {
        "invalid": _(
            "“%(value)s” is not a time. Write it as h:mm:ss (1:02:03), m:ss (62:03) or in seconds (3723 or 3723.5)."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_timecode(value)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": str(value).strip()}
            ) from None

    def prepare_value(self, value):
        return format_timecode(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class TimecodePanel(FieldPanel):
    """A FieldPanel for a time in seconds, entered and shown as h:mm:ss (see the module)."""


def _timecode_panels(panel):
    if isinstance(panel, TimecodePanel):
        yield panel
    for child in getattr(panel, "children", ()):
        yield from _timecode_panels(child)


class TimecodeInlinePanel(InlinePanel):
    """An InlinePanel whose child form takes each :class:`TimecodePanel` field as a
    :class:`TimecodeField` (Wagtail builds inline forms from the model's fields, so a
    form field is swapped here, on the form class it hands the formset)."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        model = self.db_field.related_model
        declared = {}
        for panel in _timecode_panels(self.child_edit_handler):
            model_field = model._meta.get_field(panel.field_name)
            declared[panel.field_name] = TimecodeField(
                label=panel.heading or model_field.verbose_name,
                required=not model_field.blank,
                help_text=panel.help_text or _("h:mm:ss, m:ss or seconds"),
            )
        if declared:
            base = formset.get("form") or WagtailAdminModelForm
            formset["form"] = type(base)(f"{model.__name__}TimecodeForm", (base,), declared)
        return options
