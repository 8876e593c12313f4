"""``/documents/<id>/<name>`` asks the one visibility rule: a document goes to anyone only
when an open page uses it (``heritage.visibility.file_is_open``)."""

from __future__ import annotations

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest
import wagtail_factories

from archive.factories import ArtifactPageFactory


def linking(tree, document, **kwargs):
    return ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        description_en=f'<p>See the <a linktype="document" id="{document.pk}">catalogue</a>.</p>',
        **kwargs,
    )


def fetch(client, document):
    return client.get(f"/documents/{document.pk}/{document.filename}")


@pytest.fixture
def documents(tree):
    made = {name: wagtail_factories.DocumentFactory(title=name) for name in ("open", "draft", "restricted", "unused")}
    linking(tree, made["open"])
    linking(tree, made["draft"], live=False)
    page = linking(tree, made["restricted"])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return made


@pytest.mark.django_db
def test_anyone_gets_a_document_an_open_page_links_to(client, documents):
    response = fetch(client, documents["open"])
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["draft", "restricted", "unused"])
def test_a_document_only_a_closed_page_or_no_page_uses_is_not_served_to_visitors(client, documents, kind):
    assert fetch(client, documents[kind]).status_code == 404


@pytest.mark.django_db
def test_an_editor_still_gets_it(client, documents, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert fetch(client, documents["draft"]).status_code == 200
