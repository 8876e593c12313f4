"""Every kind of response carries a Content-Security-Policy and a Permissions-Policy:
a public page, the admin's login, an API answer, a 404. The public site's policy never
lets a script run inline or from a string (no ``'unsafe-inline'``, no
``'unsafe-eval'``); only a signed-in editor's admin pages may run Wagtail's inline
scripts (heritage.csp), and the admin asks no other server for anything (no Gravatar,
no release check). The browser's side of it: tests/browser/test_security_headers.py."""

import re

import pytest

pytestmark = pytest.mark.django_db

# A <script> element that would run its own text: no src, and not a JSON data block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def home(tree):
    return tree.home


RESPONSES = {
    "public page": ("/en/", 200, "text/html"),
    "admin login": ("/admin/login/", 200, "text/html"),
    "search API": ("/api/search/?q=letters", 200, "application/json"),
    "suggestions API": ("/api/search/suggest/?q=le", 200, "application/json"),
    "pages API": ("/api/v2/pages/", 200, "application/json"),
    "not found": ("/en/no-such-page/", 404, "text/html"),
}


@pytest.mark.parametrize("url, status, content_type", RESPONSES.values(), ids=RESPONSES.keys())
def test_every_kind_of_response_carries_both_policies(client, home, url, status, content_type):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith(content_type)
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    permissions = response.headers.get("Permissions-Policy", "")
    assert "camera=()" in permissions and "microphone=()" in permissions and "geolocation=()" in permissions


@pytest.mark.parametrize("url", ["/en/", "/ar/", "/en/search/?q=letters", "/en/_util/login/", "/admin/login/"])
def test_no_script_runs_inline_or_from_a_string_for_visitors(client, home, url):
    response = client.get(url)
    assert response.status_code == 200
    scripts = policy(response)["script-src"]
    assert scripts == ["'self'"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    # Nor a way around it: no inline handler or script in what the page sends.
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


def test_a_signed_in_editor_keeps_the_strict_policy_on_the_public_site(admin_client, home):
    scripts = policy(admin_client.get("/en/"))["script-src"]
    assert scripts == ["'self'"]


def test_only_the_admin_lets_wagtails_inline_scripts_run(admin_client, client, home):
    public = policy(client.get("/en/"))
    admin = policy(admin_client.get(f"/admin/pages/{home.pk}/edit/"))
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in admin["script-src"]
    # Every other directive is the public site's.
    assert {name: sources for name, sources in admin.items() if name != "script-src"} == {
        name: sources for name, sources in public.items() if name != "script-src"
    }


def test_the_admin_asks_no_other_server(admin_client, home):
    """No Gravatar pictures (which img-src would refuse, and which tell Gravatar who
    edits the archive) and no release check against releases.wagtail.org."""
    for url in ("/admin/", f"/admin/pages/{home.pk}/edit/"):
        html = admin_client.get(url).content.decode()
        assert "gravatar.com" not in html, url
        assert 'data-controller="w-upgrade"' not in html, url
