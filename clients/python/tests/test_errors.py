import json

from octoplane import OctoplaneApiError

PROBLEM = {
    "type": "urn:octoplane:problem:node-not-found",
    "title": "Node not found",
    "status": 404,
    "detail": "no node named ghost",
    "instance": "/api/v1/nodes",
    "code": "node-not-found",
    "nodeId": "ghost",
}


def test_problem_document_carries_code_status_title_and_detail():
    error = OctoplaneApiError.from_response(
        404, "application/problem+json", json.dumps(PROBLEM).encode()
    )
    assert (error.code, error.status, error.title, error.detail) == (
        "node-not-found",
        404,
        "Node not found",
        "no node named ghost",
    )
    assert error.problem["nodeId"] == "ghost"
    assert str(error) == "Node not found: no node named ghost (HTTP 404, node-not-found)"


def test_json_body_with_code_counts_as_problem_whatever_its_content_type():
    error = OctoplaneApiError.from_response(409, "application/json", b'{"code":"conflict","title":"Busy"}')
    assert error.code == "conflict"
    assert error.detail is None
    assert str(error) == "Busy (HTTP 409, conflict)"


def test_html_from_a_proxy_has_no_code_and_says_what_came_back():
    error = OctoplaneApiError.from_response(502, "text/html", b"<html>\n<b>Bad   gateway</b></html>")
    assert error.code is None
    assert error.title == "HTTP 502 without a problem document"
    assert "text/html: <html> <b>Bad gateway</b></html>" in error.detail


def test_empty_body_is_described():
    error = OctoplaneApiError.from_response(500, None, b"")
    assert error.detail.endswith("no content type: (empty body)")


def test_long_body_is_cut():
    error = OctoplaneApiError.from_response(500, "text/plain", b"x" * 1000)
    assert error.detail.endswith("x" * 200 + "...")


def test_retry_after_seconds_are_read():
    body = b'{"code":"too-many-requests","title":"Too many requests"}'
    error = OctoplaneApiError.from_response(429, "application/problem+json", body, "7")
    assert error.retry_after == 7.0
    assert OctoplaneApiError.from_response(429, "", body, "soon").retry_after is None
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert OctoplaneApiError.from_response(429, "", body, past).retry_after == 0.0
