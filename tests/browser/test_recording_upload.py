"""The recording form in a real browser: the upload goes through the progress script
(an XMLHttpRequest with upload progress) and the answer replaces the page as a normal
submission would."""

from pathlib import Path

from django.contrib.auth import get_user_model

import pytest

from oral_histories.factories import OralHistoryPageFactory
from oral_histories.models import Recording

pytestmark = pytest.mark.browser

SPEECH = Path(__file__).resolve().parents[2] / "oral_histories" / "tests" / "data" / "media" / "speech.mp3"


def test_a_recording_uploads_with_progress_and_lands_in_the_listing(live_server, page, tree, screenshot):
    oral_history = OralHistoryPageFactory(parent=tree.oral_histories, title="From Sfax to the Vieux-Port")
    get_user_model().objects.create_superuser(username="admin", password="pw", email="admin@example.org")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/snippets/oral_histories/recording/add/?page={oral_history.pk}")
    assert page.locator("[name=page]").first.input_value() == str(oral_history.pk)
    page.set_input_files("input[name=file]", str(SPEECH))
    page.select_option("select[name=scope]", "public")
    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.locator("button[type=submit]", has_text="Save").click()
    assert posted.value.resource_type == "xhr"  # sent by upload-progress.js, with progress events
    page.wait_for_url(f"{live_server.url}/admin/snippets/oral_histories/recording/")
    page.wait_for_selector("text=From Sfax to the Vieux-Port")
    screenshot(page, "recording-uploaded-admin-en")
    recording = Recording.objects.get(page=oral_history)
    assert recording.format == "mp3" and recording.sha256
