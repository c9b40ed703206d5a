"""``run`` against a small loopback brain: one request that starts a job and streams its
events, the fallbacks of an older brain and of a broken stream, and a start never sent
twice."""

import json
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
from octoplane.models import NodeResult, OutputEvent


def state(name):
    return {"name": "pi1", "state": name}


QUEUED = {"id": "j1", "state": "running", "results": [state("queued")]}
DONE = {
    "id": "j1",
    "state": "completed",
    "finished_at": "2026-12-08T10:00:01Z",
    "success": 1,
    "results": [{"name": "pi1", "state": "succeeded", "exit_code": 0, "output": "hi"}],
}
EVENTS = [
    ("node", state("queued")),
    ("node", state("running")),
    ("output", {"name": "pi1", "stream": "stdout", "data": "hi"}),
    ("node", DONE["results"][0]),
    ("done", DONE),
]


def sse(events):
    return b"".join(f"event:{kind}\ndata:{json.dumps(data)}\n\n".encode() for kind, data in events)


class Brain(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, start):
        super().__init__(("127.0.0.1", 0), Handler)
        self.start = start
        self.connections = 0
        self.seen = []
        self.bodies = []
        self.release = threading.Event()
        self.closed = threading.Event()

    def shutdown_request(self, request):
        super().shutdown_request(request)
        self.closed.set()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.server.connections += 1

    def answer(self, status, body, content_type="application/json", close=False):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = close

    def stream(self, events, end=True, location="/api/v1/jobs/j1"):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        data = b":keep-alive\n\n" + sse(events)
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        if end:
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def do_GET(self):
        self.server.seen.append((self.command, self.path))
        if self.path == "/api/v1/info":
            self.answer(200, {"name": "b", "version": "1"})
        elif self.path == "/drop":
            self.answer(200, {"name": "dropped"}, close=True)
        elif self.path == "/api/v1/jobs/j1/events":
            self.stream(EVENTS)
        elif self.path == "/api/v1/jobs/j1":
            self.answer(200, DONE if self.server.start != "slow" else QUEUED)
        else:
            self.answer(404, {"title": "Not found", "status": 404}, "application/problem+json")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.bodies.append(json.loads(self.rfile.read(length)))
        self.server.seen.append((self.command, self.path))
        start = self.server.start
        if start == "stream":
            self.stream([("accepted", QUEUED)] + EVENTS)
        elif start == "older":
            self.answer(202, QUEUED)
        elif start == "refuse":
            problem = {"title": "Invalid request", "status": 400, "detail": "no targets", "code": "invalid-request"}
            self.answer(400, problem, "application/problem+json")
        elif start == "break":
            # Headers and nothing else: the stream breaks before its first event.
            self.stream([], end=False)
            self.close_connection = True
        elif start == "linger":
            # A proxy that holds the stream open after the last event.
            self.stream([("accepted", QUEUED)] + EVENTS, end=False)
            self.server.release.wait(10)
            self.close_connection = True
        elif start == "slow":
            self.stream([("accepted", QUEUED)], end=False)
            self.server.release.wait(10)
            self.close_connection = True
        else:
            # No answer at all: the brain went away while the start was in flight.
            self.close_connection = True


@pytest.fixture
def brain_at(request):
    servers = []

    def serve(start):
        server = Brain(start)
        servers.append(server)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        host, port = server.server_address
        return server, OctoplaneClient(f"http://{host}:{port}", auth=TokenAuth("t0k"))

    yield serve
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()


def posts(server):
    return [path for method, path in server.seen if method == "POST"]


def test_run_starts_the_job_and_follows_it_in_one_request(brain_at):
    server, brain = brain_at("stream")
    seen = []
    with brain:
        job = brain.run(["pi1"], "echo hi", on_event=seen.append)
        assert job.done and job.success == 1
        # The stream was read to its end, so its connection carries the next call.
        assert brain.info().name == "b"
    assert server.seen[0] == ("POST", "/api/v1/commands?follow=true")
    assert len(server.seen) == 2
    assert server.connections == 1
    assert server.bodies == [{"targets": ["pi1"], "mode": "shell", "command": "echo hi", "stream_output": True}]
    assert seen == [
        NodeResult(name="pi1", state="queued"),
        NodeResult(name="pi1", state="running"),
        OutputEvent("pi1", "stdout", "hi"),
        job.results[0],
        job,
    ]


def test_run_without_on_event_asks_for_the_end_only(brain_at):
    server, brain = brain_at("stream")
    with brain:
        assert brain.run(["pi1"], "true", timeout_seconds=5).done
    assert server.seen == [("POST", "/api/v1/commands?follow=true&nodes=false")]
    assert server.bodies == [{"targets": ["pi1"], "mode": "shell", "command": "true", "timeout_seconds": 5}]


def test_stream_held_open_after_the_last_event_is_left_for_a_new_connection(brain_at):
    server, brain = brain_at("linger")
    with brain:
        assert brain.run(["pi1"], "true").done
        assert brain.info().name == "b"
    assert server.connections == 2
    assert posts(server) == ["/api/v1/commands?follow=true&nodes=false"]


def test_run_on_an_older_brain_follows_the_job_it_answered_with(brain_at):
    server, brain = brain_at("older")
    seen = []
    with brain:
        job = brain.run(["pi1"], "echo hi", on_event=seen.append)
    assert job.done
    assert posts(server) == ["/api/v1/commands?follow=true"]
    assert ("GET", "/api/v1/jobs/j1/events") in server.seen
    assert [event.state for event in seen if isinstance(event, NodeResult)] == ["queued", "running", "succeeded"]
    assert seen[-1] == job


def test_refused_start_raises_its_problem_and_is_not_repeated(brain_at):
    server, brain = brain_at("refuse")
    seen = []
    with brain:
        with pytest.raises(OctoplaneApiError) as error:
            brain.run(["pi1"], "true", on_event=seen.append)
    assert error.value.code == "invalid-request"
    assert error.value.status == 400
    assert server.seen == [("POST", "/api/v1/commands?follow=true")]
    assert seen == []


def test_start_whose_stream_breaks_is_followed_by_the_job_its_location_names(brain_at):
    server, brain = brain_at("break")
    seen = []
    with brain:
        job = brain.run(["pi1"], "echo hi", on_event=seen.append)
    assert job.done and job.id == "j1"
    assert posts(server) == ["/api/v1/commands?follow=true"]
    assert ("GET", "/api/v1/jobs/j1/events") in server.seen
    assert seen[-1] == job


def test_start_without_an_answer_fails_and_is_not_repeated(brain_at):
    server, brain = brain_at("hang-up")
    with brain:
        # A kept-alive connection that then gets no answer is not a reason to send again.
        assert brain.info().name == "b"
        with pytest.raises(OctoplaneConnectionError):
            brain.run(["pi1"], "true")
    assert posts(server) == ["/api/v1/commands?follow=true&nodes=false"]
    assert server.connections == 1


def test_start_after_the_brain_closed_the_idle_connection_goes_on_a_new_one(brain_at):
    server, brain = brain_at("stream")
    with brain:
        brain._transport.json("GET", "/drop")
        assert server.closed.wait(10)
        assert brain.run(["pi1"], "true").done
    assert posts(server) == ["/api/v1/commands?follow=true&nodes=false"]
    assert server.connections == 2


def test_run_gives_up_at_its_deadline_with_the_job_it_started(brain_at):
    server, brain = brain_at("slow")
    with brain:
        with pytest.raises(OctoplaneTimeoutError) as error:
            brain.run(["pi1"], "sleep 60", timeout=0.3)
    assert error.value.job_id == "j1"
    assert error.value.job.state == "running"
    assert posts(server) == ["/api/v1/commands?follow=true&nodes=false"]


def test_run_refuses_a_timeout_that_is_not_positive_before_starting_anything(brain_at):
    server, brain = brain_at("stream")
    with brain:
        with pytest.raises(ValueError):
            brain.run(["pi1"], "true", timeout=0)
    assert server.seen == []


def test_run_refuses_an_option_submit_does_not_know(brain_at):
    server, brain = brain_at("stream")
    with brain:
        with pytest.raises(TypeError):
            brain.run(["pi1"], "true", no_such_option=1)
    assert server.seen == []
