import json
from datetime import datetime, timezone

from octoplane.jobs import typed
from octoplane.models import Job, NodeList, NodeResult, OutputEvent, ScenarioVersions, Token, parse
from octoplane.sse import SseEvent

JOB = {
    "id": "j1",
    "state": "completed",
    "mode": "shell",
    "command": "uptime",
    "created_at": "2026-12-07T10:00:00.123456789Z",
    "finished_at": "2026-12-07T10:00:01Z",
    "results": [
        {
            "name": "pi1",
            "state": "succeeded",
            "error_kind": "none",
            "exit_code": 0,
            "output": "up\n",
            "stderr": "",
            "truncated": False,
            "duration_ms": 12,
            "a_field_from_a_newer_brain": {"nested": True},
        }
    ],
    "pending": 0,
    "success": 1,
    "communication_error": 0,
    "process_error": 0,
    "cancelled": 0,
    "something_new": [1, 2, 3],
}


def test_job_is_read_with_nested_results_and_instants():
    job = parse(Job, JOB)
    assert job.done
    assert job.created_at == datetime(2026, 12, 7, 10, 0, 0, 123456, tzinfo=timezone.utc)
    assert job.results[0] == NodeResult(
        name="pi1", state="succeeded", exit_code=0, output="up\n", duration_ms=12
    )
    assert job.result("pi1").output == "up\n"
    assert job.result("pi9") is None


def test_unknown_members_are_ignored_and_missing_ones_keep_defaults():
    job = parse(Job, {"id": "j2", "state": "running", "brand_new": "x"})
    assert job.id == "j2"
    assert not job.done
    assert job.results == []
    assert job.start_at is None


def test_null_members_read_as_none():
    result = parse(NodeResult, {"name": "pi1", "output": None, "exit_code": None})
    assert result.output is None
    assert result.exit_code is None


def test_unparseable_instant_reads_as_none_rather_than_failing():
    assert parse(Job, {"created_at": "yesterday"}).created_at is None


def test_node_list_with_next_cursor():
    nodes = parse(
        NodeList,
        {
            "brain": {"name": "b", "version": "1", "addr": "a"},
            "nodes": [{"name": "pi1", "state": "online", "delay": 1.5, "clock_offset_ms": -3}],
            "total": 3,
            "online": 3,
            "offline": 0,
            "next_cursor": "pi1",
        },
    )
    assert nodes.brain.name == "b"
    assert nodes.nodes[0].delay == 1.5
    assert nodes.nodes[0].clock_offset_ms == -3
    assert nodes.next_cursor == "pi1"


def test_maps_are_read():
    versions = parse(
        ScenarioVersions,
        {"scenario": "s", "total": 1, "versions": [{"id": "v", "nodeapps": {"web@s/pi1": "abc"}}]},
    )
    assert versions.versions[0].nodeapps == {"web@s/pi1": "abc"}


def test_token_secret_is_not_shown_by_repr():
    token = parse(Token, {"id": "t1", "token": "s3cret", "role": "operator"})
    assert token.token == "s3cret"
    assert "s3cret" not in repr(token)


def test_stream_events_are_typed_by_their_event_name():
    node = typed(SseEvent("node", json.dumps({"name": "pi1", "state": "running"})))
    output = typed(SseEvent("output", json.dumps({"name": "pi1", "stream": "stdout", "data": "hi"})))
    done = typed(SseEvent("done", json.dumps(JOB)))
    assert node == NodeResult(name="pi1", state="running")
    assert output == OutputEvent("pi1", "stdout", "hi")
    assert isinstance(done, Job) and done.done
    assert typed(SseEvent("future-kind", "{}")) is None
    assert typed(SseEvent("node", "not json")) is None
