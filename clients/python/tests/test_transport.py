"""The client against a small loopback HTTP server: keep-alive, errors, events, blobs."""

import hashlib
import json
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from octoplane import (
    OctoplaneApiError,
    OctoplaneClient,
    OctoplaneConnectionError,
    OctoplaneTimeoutError,
    TokenAuth,
)
from octoplane.models import Job, NodeResult, OutputEvent

DONE = {
    "id": "j1",
    "state": "completed",
    "finished_at": "2026-12-07T10:00:01Z",
    "success": 1,
    "results": [{"name": "pi1", "state": "succeeded", "exit_code": 0, "output": "hi"}],
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.server.connections += 1

    def answer(self, status, body, content_type="application/json", close=False):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = close

    def do_GET(self):
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        if self.path == "/api/v1/info":
            self.answer(200, {"name": "b", "version": "1", "addr": "x", "new": 1})
        elif self.path.startswith("/api/v1/nodes?"):
            self.answer(
                404,
                {"title": "Node not found", "status": 404, "detail": "ghost", "code": "node-not-found"},
                "application/problem+json",
            )
        elif self.path == "/drop":
            # Answers as if the connection stayed open, then closes it like an idle timeout.
            self.answer(200, {"name": "dropped"}, close=True)
        elif self.path == "/api/v1/jobs/j1/events":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(
                b":keep-alive\n\n"
                b'event:node\ndata:{"name":"pi1","state":"running"}\n\n'
                b'event:output\ndata:{"name":"pi1","stream":"stdout","data":"hi"}\n\n'
                b'event:node\ndata:{"name":"pi1","state":"running"}\n\n'
                b"event:done\ndata:" + json.dumps(DONE).encode() + b"\n\n"
            )
            self.close_connection = True
        elif self.path == "/api/v1/jobs/slow/events":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b":keep-alive\n\n")
            self.wfile.flush()
            self.server.release.wait(10)
            self.close_connection = True
        elif self.path == "/api/v1/jobs/slow":
            self.answer(200, {"id": "slow", "state": "running"})
        elif self.path.startswith("/api/v1/files/blobs/"):
            data = self.server.blobs[self.path.rsplit("/", 1)[1]]
            start = 0
            if "Range" in self.headers:
                start = int(self.headers["Range"].split("=")[1].rstrip("-"))
            self.answer(206 if start else 200, data[start:], "application/octet-stream")
        else:
            self.answer(404, b"<html>nothing</html>", "text/html")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        data = self.rfile.read(length)
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        if self.path == "/api/v1/files/blobs":
            sha = hashlib.sha256(data).hexdigest()
            self.server.blobs[sha] = data
            self.answer(201, {"sha256": sha, "size_bytes": len(data)})
        elif self.path == "/api/v1/commands":
            self.server.bodies.append(json.loads(data))
            self.answer(202, {"id": "j1", "state": "running"})
        elif self.path == "/vanish":
            # Takes the request, then drops the connection without an answer.
            self.close_connection = True
        else:
            self.answer(404, b"")


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.connections = 0
    httpd.seen = []
    httpd.bodies = []
    httpd.blobs = {}
    httpd.release = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


def client(server, **options):
    host, port = server.server_address
    return OctoplaneClient(f"http://{host}:{port}", auth=TokenAuth("t0k"), **options)


def test_repeated_calls_share_one_kept_alive_connection(server):
    with client(server, workgroup="/lab") as brain:
        assert brain.info().name == "b"
        assert brain.info().version == "1"
        brain.info()
    assert server.connections == 1
    method, path, headers = server.seen[0]
    assert headers["Authorization"] == "Bearer t0k"
    assert headers["X-Octoplane-Workgroup"] == "/lab"


def test_connection_the_brain_closed_while_idle_is_replaced_once(server):
    with client(server) as brain:
        brain._transport.json("GET", "/drop")
        brain._transport.json("GET", "/drop")
        assert brain.info().name == "b"
    assert server.connections == 3


def test_post_after_the_brain_closed_the_idle_connection_goes_once_on_a_new_one(server):
    with client(server) as brain:
        brain._transport.json("GET", "/drop")
        # Waits (at most 5 s) until the close has reached this side, as an idle timeout's has.
        kept = brain._transport._connection
        readable, _, _ = select.select([kept.sock], [], [], 5)
        assert readable
        assert brain.submit(["pi1"], "true").id == "j1"
    assert len(server.bodies) == 1
    assert server.connections == 2


def test_post_without_an_answer_is_not_sent_again(server):
    with client(server) as brain:
        assert brain.info().name == "b"
        with pytest.raises(OctoplaneConnectionError):
            brain._transport.json("POST", "/vanish", body={"x": 1})
    assert [path for method, path, _ in server.seen if method == "POST"] == ["/vanish"]


def test_problem_answer_raises_with_its_code(server):
    with client(server) as brain:
        with pytest.raises(OctoplaneApiError) as error:
            brain.nodes(["ghost"])
        assert error.value.code == "node-not-found"
        assert error.value.status == 404
        # The connection stays usable after an error answer.
        assert brain.info().name == "b"


def test_non_problem_error_has_no_code(server):
    with client(server) as brain:
        with pytest.raises(OctoplaneApiError) as error:
            brain.scenarios.list()
    assert error.value.code is None
    assert "text/html" in error.value.detail


def test_refused_connection_is_a_connection_error_naming_the_brain():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    brain = OctoplaneClient(f"https://127.0.0.1:{port}", auth=TokenAuth("t"))
    with pytest.raises(OctoplaneConnectionError) as error:
        brain.info()
    assert error.value.reason == "refused"
    assert f"https://127.0.0.1:{port}" in str(error.value)


def test_missing_tls_files_are_a_connection_error_saying_so(tmp_path):
    brain = OctoplaneClient("https://127.0.0.1:1", ca_file=str(tmp_path / "nope.pem"))
    with pytest.raises(OctoplaneConnectionError) as error:
        brain.info()
    assert error.value.reason == "tls"
    assert "TLS files" in str(error.value)


def test_submit_sends_every_option_it_was_given(server):
    with client(server) as brain:
        brain.submit(
            ["pi1", "@lab"],
            "uptime",
            timeout_seconds=5,
            output_limit_bytes=1024,
            wait_offline_seconds=60,
            max_concurrency=2,
            max_errors="10%",
            continuous=True,
            stream_output=True,
            start_delay_ms=500,
            time_aligned=True,
            max_clock_error_ms=20,
        )
        brain.submit(["pi1"], "uptime")
    assert server.bodies[0] == {
        "targets": ["pi1", "@lab"],
        "mode": "shell",
        "command": "uptime",
        "timeout_seconds": 5,
        "output_limit_bytes": 1024,
        "wait_offline_seconds": 60,
        "max_concurrency": "2",
        "max_errors": "10%",
        "continuous": True,
        "stream_output": True,
        "start_delay_ms": 500,
        "time_aligned": True,
        "max_clock_error_ms": 20,
    }
    assert server.bodies[1] == {"targets": ["pi1"], "mode": "shell", "command": "uptime"}


def test_events_are_yielded_typed_until_done(server):
    with client(server) as brain:
        events = list(brain.events("j1"))
    assert events[0] == NodeResult(name="pi1", state="running")
    assert events[1] == OutputEvent("pi1", "stdout", "hi")
    assert isinstance(events[-1], Job) and events[-1].done
    assert len(events) == 4


def test_wait_reports_each_node_state_once_and_final_states_the_stream_skipped(server):
    seen = []
    with client(server) as brain:
        job = brain.wait("j1", 10, seen.append)
    assert job.done
    assert seen == [
        NodeResult(name="pi1", state="running"),
        OutputEvent("pi1", "stdout", "hi"),
        job.results[0],
        job,
    ]


def test_wait_gives_up_at_its_deadline(server):
    with client(server) as brain:
        with pytest.raises(OctoplaneTimeoutError) as error:
            brain.wait("slow", 0.3)
    assert error.value.job_id == "slow"
    assert error.value.job.state == "running"


def test_blob_upload_streams_with_progress_and_download_resumes(server, tmp_path):
    data = bytes(range(256)) * 1000
    local = tmp_path / "data.bin"
    local.write_bytes(data)
    progress = []
    with client(server) as brain:
        blob = brain.files.put_blob(local, progress.append)
        assert blob.sha256 == hashlib.sha256(data).hexdigest()
        assert progress[-1] == len(data)
        assert len(progress) > 1
        # A part left by an interrupted download is resumed with a Range request.
        target = tmp_path / "copy.bin"
        (tmp_path / "copy.bin.octoplane-part").write_bytes(data[:1000])
        received = []
        brain.files.get_blob(blob.sha256, target, received.append)
    assert target.read_bytes() == data
    assert received[-1] == len(data)
    assert server.seen[-1][2]["Range"] == "bytes=1000-"
