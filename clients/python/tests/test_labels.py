"""Facts, labels and selectors against a small loopback HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

from octoplane import OctoplaneClient, TokenAuth, selector
from octoplane.models import Job, JobSummary, parse


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        query = parse_qsl(url.query)
        self.server.seen.append(("GET", url.path, query, None))
        if url.path == "/api/v1/nodes/pi1/facts":
            self.answer({"name": "pi1", "facts": {"os": "debian"}, "errors": {"slow.sh": "timed out"},
                         "labels": {"site": "lab"}, "reported_at": "2026-12-07T10:00:00Z"})
        elif url.path == "/api/v1/nodes/selection":
            self.answer({"targets": [value for _, value in query], "nodes": ["pi1", "pi2"]})
        else:
            self.answer({"jobs": []})

    def do_PATCH(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append(("PATCH", self.path, [], body))
        self.answer({"name": "pi1", "labels": {"site": "lab", "rack": "a1"}, "config": {"site": "lab"},
                     "operator": {"rack": "a1"}})


@pytest.fixture
def brain():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = httpd.server_address
    with OctoplaneClient(f"http://{host}:{port}", auth=TokenAuth("t0k")) as client:
        yield client, httpd.seen
    httpd.shutdown()
    httpd.server_close()


def test_selector_makes_a_target_list_entry():
    assert selector(" site=lab,arch in (arm64,armv7) ") == "label:site=lab,arch in (arm64,armv7)"
    with pytest.raises(ValueError):
        selector("  ")


def test_facts_are_read_with_errors_and_labels(brain):
    client, _ = brain
    facts = client.labels.facts("pi1")
    assert facts.facts == {"os": "debian"}
    assert facts.errors == {"slow.sh": "timed out"}
    assert facts.labels == {"site": "lab"}
    assert facts.reported_at.year == 2026


def test_labels_are_set_and_removed_in_one_patch(brain):
    client, seen = brain
    labels = client.labels.label("pi1", {"rack": "a1"}, remove=["role"])
    assert seen[-1] == ("PATCH", "/api/v1/nodes/pi1/labels", [], {"set": {"rack": "a1"}, "remove": ["role"]})
    assert labels.operator == {"rack": "a1"}
    assert labels.config == {"site": "lab"}


def test_a_selection_sends_each_target_unsplit(brain):
    client, seen = brain
    selection = client.labels.select("site=lab,arch in (arm64,armv7)")
    assert selection.nodes == ["pi1", "pi2"]
    assert seen[-1][2] == [("target", "label:site=lab,arch in (arm64,armv7)")]
    client.labels.select(["pi9", selector("role=camera")])
    assert seen[-1][2] == [("target", "pi9"), ("target", "label:role=camera")]


def test_jobs_filter_by_targets(brain):
    client, seen = brain
    client.jobs(5, targets=[selector("site=lab")])
    assert seen[-1][2] == [("limit", "5"), ("target", "label:site=lab")]


def test_jobs_carry_their_selectors():
    job = parse(Job, {"id": "j1", "state": "running", "selectors": ["site=lab"]})
    assert job.selectors == ["site=lab"]
    assert parse(JobSummary, {"id": "j1"}).selectors == []
