"""Where a library's start-up patches must give way to this project's own methods.

wagtail-modeltranslation (checked against 0.16.1) replaces methods on every page model
registered for translation when ``WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS`` is on
(``wagtail_modeltranslation.patch_wagtailadmin.WagtailTranslator``): among them
``route``, set on each class after the class body ran. So ``HeritagePage.route`` — one
indexed query for the child with the requested slug — never ran: every request loaded
all children of each ancestor and compared slugs in Python (42.6× slower to resolve an
artifact in a collection of 3,015).

:func:`restore_own_methods` (called from ``HeritageConfig.ready``, which runs after
modeltranslation's patching because ``wagtail_modeltranslation`` comes first in
``INSTALLED_APPS``) removes the patched ``route`` from every page class that inherits
ours, so Python finds ``HeritagePage.route`` again. It touches only methods that are
modeltranslation's own function (``_new_route``): should a later version patch
differently, ``heritage/tests/test_patches.py`` fails and names the class.
"""

from __future__ import annotations

from django.apps import apps

#: The page methods this project defines and modeltranslation replaces.
OWN_METHODS = ("route",)


def patched_by_modeltranslation() -> dict[str, object]:
    """modeltranslation's replacement for each of :data:`OWN_METHODS` (absent when it
    no longer has one)."""
    from wagtail_modeltranslation import patch_wagtailadmin

    return {name: getattr(patch_wagtailadmin, f"_new_{name}", None) for name in OWN_METHODS}


def restore_own_methods() -> list[str]:
    """Undo modeltranslation's ``route`` on every subclass of ``HeritagePage`` (and on
    ``HeritagePage`` itself); returns the classes restored."""
    from heritage.models import HeritagePage

    own = {name: HeritagePage.__dict__.get(f"_own_{name}") for name in OWN_METHODS}
    patches = patched_by_modeltranslation()
    restored = []
    for model in [HeritagePage, *apps.get_models()]:
        if not issubclass(model, HeritagePage):
            continue
        for name in OWN_METHODS:
            if patches[name] is not None and model.__dict__.get(name) is patches[name]:
                if model is HeritagePage:
                    setattr(model, name, own[name])
                else:
                    delattr(model, name)  # found on HeritagePage (or a mixin before it) again
                restored.append(f"{model.__name__}.{name}")
    return restored
