import base64

import pytest

from octoplane import CertificateAuth, OctoplaneClient, PasswordAuth, TokenAuth
from octoplane._transport import Transport


def test_password_is_http_basic_of_workgroup_path_and_password_in_utf8():
    auth = PasswordAuth(" /lab/pis ", "pässwörd:with-colon")
    header = auth.headers()["Authorization"]
    assert header.startswith("Basic ")
    assert base64.b64decode(header[6:]).decode("utf-8") == "/lab/pis:pässwörd:with-colon"
    assert PasswordAuth("/", "secret-secret").headers() == {"Authorization": "Basic LzpzZWNyZXQtc2VjcmV0"}


@pytest.mark.parametrize("user,password", [("", "pw"), ("/a:b", "pw"), ("/a", "")])
def test_password_auth_refuses_unusable_credentials(user, password):
    with pytest.raises(ValueError) as error:
        PasswordAuth(user, password)
    assert "pw" not in str(error.value)


def test_token_is_a_bearer_header():
    assert TokenAuth("  abc.DEF_123  ").headers() == {"Authorization": "Bearer abc.DEF_123"}


@pytest.mark.parametrize("token", ["", "   ", "two words", "tab\there", "ünicode"])
def test_token_auth_refuses_what_a_header_cannot_carry(token):
    with pytest.raises(ValueError):
        TokenAuth(token)


def test_secrets_are_not_shown_by_repr():
    assert "hunter2-long" not in repr(PasswordAuth("/lab", "hunter2-long"))
    assert "tok3n" not in repr(TokenAuth("tok3n"))
    assert "keypw" not in repr(CertificateAuth("c.pem", "k.pem", "keypw"))
    client = OctoplaneClient("https://b:1", auth=TokenAuth("tok3n"), workgroup="/lab")
    assert "tok3n" not in repr(client)
    assert "/lab" in repr(client)


def test_certificate_auth_adds_no_header():
    assert CertificateAuth("c.pem", "k.pem").headers() == {}


def transport(auth, workgroup=None):
    return Transport("https://brain:12345/ignored", auth, None, workgroup, 30, 10, None)


def test_requests_carry_the_workgroup_header_and_credentials():
    headers = transport(TokenAuth("t"), " /lab/pis ").headers()
    assert headers["X-Octoplane-Workgroup"] == "/lab/pis"
    assert headers["Authorization"] == "Bearer t"
    assert "application/problem+json" in headers["Accept"]
    assert "X-Octoplane-Workgroup" not in transport(TokenAuth("t")).headers()


@pytest.mark.parametrize("workgroup", ["", "  ", "/with space", "/ta\tb"])
def test_unusable_workgroups_are_refused(workgroup):
    with pytest.raises(ValueError):
        transport(TokenAuth("t"), workgroup)


def test_base_url_keeps_scheme_host_and_port_only():
    assert transport(TokenAuth("t")).base_url == "https://brain:12345"
    with pytest.raises(ValueError):
        transport(TokenAuth("t")).__class__("ftp://x", TokenAuth("t"), None, None, 1, 1, None)


def test_query_is_encoded_and_none_values_dropped():
    target = transport(TokenAuth("t")).target(
        "/api/v1/nodes", [("name", "a b"), ("name", "c&d"), ("state", None), ("flag", True)]
    )
    assert target == "/api/v1/nodes?name=a+b&name=c%26d&flag=true"
