"""The SDK against a real brain and real tentacles.

The e2e module's PythonSdkIT starts them and sets the variables below; run alone (no
variables), these tests skip. Every test uses names of its own, so the order does not
matter.
"""

import hashlib
import http.client
import os
import secrets
import time

import pytest

from octoplane import (
    CertificateAuth,
    OctoplaneApiError,
    OctoplaneClient,
    OctoplaneConnectionError,
    OctoplaneTimeoutError,
    PasswordAuth,
    TokenAuth,
)
from octoplane.models import Job, NodeResult, OutputEvent

ENV = ("OCTOPLANE_TEST_BRAIN", "OCTOPLANE_TEST_CA", "OCTOPLANE_TEST_CERT", "OCTOPLANE_TEST_KEY", "OCTOPLANE_TEST_NODES")

pytestmark = pytest.mark.skipif(
    not all(os.environ.get(name) for name in ENV),
    reason="needs a brain: set " + ", ".join(ENV) + " (the e2e PythonSdkIT does)",
)

TIMEOUT = 60.0


@pytest.fixture(scope="module")
def brain_url():
    return os.environ["OCTOPLANE_TEST_BRAIN"]


@pytest.fixture(scope="module")
def ca():
    return os.environ["OCTOPLANE_TEST_CA"]


@pytest.fixture(scope="module")
def nodes():
    names = [name for name in os.environ["OCTOPLANE_TEST_NODES"].split(",") if name]
    assert len(names) >= 2, "the integration tests need at least two nodes"
    return names


@pytest.fixture(scope="module")
def operator(brain_url, ca):
    auth = CertificateAuth(os.environ["OCTOPLANE_TEST_CERT"], os.environ["OCTOPLANE_TEST_KEY"])
    with OctoplaneClient(brain_url, auth=auth, ca_file=ca, timeout=TIMEOUT) as client:
        yield client


def unique(prefix):
    return f"{prefix}-{secrets.token_hex(4)}"


# -- authentication ------------------------------------------------------------------------


def test_operator_certificate_reads_the_brain_and_its_online_nodes(operator, nodes):
    info = operator.info()
    assert info.name and info.version
    listed = operator.nodes(nodes)
    assert sorted(node.name for node in listed.nodes) == sorted(nodes)
    assert all(node.state in ("online", "unstable") for node in listed.nodes)
    assert listed.brain.name == info.name


def test_workgroup_password_acts_in_its_workgroup(operator, brain_url, ca, nodes):
    path = "/" + unique("pysdk")
    password = secrets.token_urlsafe(18)
    operator.workgroups.add_nodes(path, nodes[:1])
    operator.workgroups.set_password(path, password)
    with OctoplaneClient(brain_url, auth=PasswordAuth(path, password), ca_file=ca) as member:
        assert member.workgroups.get().path == path
        assert [node.name for node in member.nodes().nodes] == nodes[:1]
        with pytest.raises(OctoplaneApiError) as hidden:
            member.nodes(nodes[1:2])
        assert hidden.value.code == "node-not-found"
    # The operator can act in the workgroup too, through the workgroup header.
    with OctoplaneClient(
        brain_url, auth=operator._transport.auth, ca_file=ca, workgroup=path
    ) as acting:
        assert [node.name for node in acting.nodes().nodes] == nodes[:1]
    operator.workgroups.delete(path)


def test_wrong_password_is_refused_as_unauthenticated(brain_url, ca):
    with OctoplaneClient(brain_url, auth=PasswordAuth("/", "not-the-password"), ca_file=ca) as stranger:
        with pytest.raises(OctoplaneApiError) as error:
            stranger.info()
    assert error.value.code == "unauthenticated"
    assert error.value.status == 401
    assert error.value.title


def test_api_token_is_created_used_and_revoked(operator, brain_url, ca, nodes):
    created = operator.tokens.create("operator", ttl_seconds=600, description="pysdk test")
    assert created.token, "the secret is shown once, on creation"
    assert created.token not in repr(created)
    listed = {token.id: token for token in operator.tokens.list().tokens}
    assert listed[created.id].token is None
    assert listed[created.id].description == "pysdk test"
    with OctoplaneClient(brain_url, auth=TokenAuth(created.token), ca_file=ca) as bearer:
        assert {node.name for node in bearer.nodes(nodes).nodes} == set(nodes)
        operator.tokens.revoke(created.id)
        with pytest.raises(OctoplaneApiError) as error:
            bearer.info()
    assert error.value.code == "unauthenticated"


def test_a_ca_that_did_not_sign_the_brain_is_a_tls_error(brain_url):
    foreign = os.environ["OCTOPLANE_TEST_CERT"]  # a certificate, but not the brain's CA
    with OctoplaneClient(brain_url, auth=TokenAuth("unused"), ca_file=foreign) as client:
        with pytest.raises(OctoplaneConnectionError) as error:
            client.info()
    assert error.value.reason == "tls"
    assert "certificate" in str(error.value)


# -- nodes ---------------------------------------------------------------------------------


def test_unknown_node_is_a_404_with_its_problem_code(operator):
    with pytest.raises(OctoplaneApiError) as error:
        operator.nodes(["no-such-node-here"])
    assert error.value.status == 404
    assert error.value.code == "node-not-found"
    assert "no-such-node-here" in (error.value.detail or "")


def test_nodes_page_with_a_cursor_and_report_their_status(operator, nodes):
    pattern = os.path.commonprefix(nodes) + "*"
    first = operator.nodes(pattern=pattern, limit=1)
    assert len(first.nodes) == 1
    assert first.total == len(nodes)
    assert first.next_cursor
    second = operator.nodes(pattern=pattern, limit=1, cursor=first.next_cursor)
    assert second.nodes[0].name != first.nodes[0].name
    assert sorted(node.name for node in operator.iter_nodes(pattern=pattern, page_size=1)) == sorted(nodes)
    status = operator.node_status(nodes)
    assert {entry.name for entry in status.nodes} == set(nodes)
    assert all(entry.cpu_cores > 0 and entry.memory_total > 0 for entry in status.nodes)


def test_pruning_an_online_node_is_a_conflict(operator, nodes):
    with pytest.raises(OctoplaneApiError) as error:
        operator.prune(nodes[:1])
    assert error.value.code == "conflict"


# -- commands and jobs ---------------------------------------------------------------------


def test_command_on_several_nodes_streams_its_output(operator, nodes, tmp_path):
    # Output is live only: the command waits (at most 10 s) for a gate the test opens
    # once the stream shows it running everywhere, so no output passes unseen.
    gate = tmp_path / "go"
    command = (
        f'for i in $(seq 200); do [ -e "{gate}" ] && break; sleep 0.05; done; '
        'echo "out of $(basename "$PWD")"; echo oops >&2; '
        'echo "said by $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"'
    )
    job = operator.submit(nodes, command, stream_output=True, timeout_seconds=30)
    assert job.id
    events = []
    running = set()
    for event in operator.events(job.id, timeout=TIMEOUT):
        events.append(event)
        if isinstance(event, NodeResult) and event.state == "running":
            running.add(event.name)
            if running == set(nodes):
                gate.touch()
    done = events[-1]
    assert isinstance(done, Job) and done.done
    assert done.success == len(nodes)
    output = [event for event in events if isinstance(event, OutputEvent)]
    for node in nodes:
        assert any(event.name == node and f"out of {node}" in event.data for event in output), output
        result = done.result(node)
        assert result.state == "succeeded" and result.exit_code == 0
        assert result.output == f"out of {node}\n"
        assert result.stderr == "oops\n"
        assert result.script_output == f"said by {node}\n"
    states = [event for event in events if isinstance(event, NodeResult)]
    assert {event.name for event in states} == set(nodes)


def test_wait_reports_states_and_answers_the_finished_job(operator, nodes):
    seen = []
    job = operator.run(nodes, "exit 3", timeout=TIMEOUT, on_event=seen.append)
    assert job.done
    assert job.process_error == len(nodes)
    assert all(result.exit_code == 3 and result.error_kind == "process" for result in job.results)
    finals = [event for event in seen if isinstance(event, NodeResult) and event.state == "failed"]
    assert {event.name for event in finals} == set(nodes)
    assert seen[-1] == job
    assert operator.job(job.id).state == "completed"
    assert job.id in [summary.id for summary in operator.jobs(limit=50).jobs]


def test_run_starts_and_follows_the_job_in_one_request(operator, nodes, monkeypatch):
    sent = []
    request = http.client.HTTPConnection.request

    def counted(connection, method, url, *args, **kwargs):
        sent.append((method, url))
        return request(connection, method, url, *args, **kwargs)

    monkeypatch.setattr(http.client.HTTPConnection, "request", counted)
    job = operator.run(nodes[:1], "true", timeout=TIMEOUT)
    monkeypatch.undo()
    assert job.success == 1
    assert sent == [("POST", "/api/v1/commands?follow=true&nodes=false")]
    # The brain's side: one start, answered with a stream (a plain submit is a 202).
    entries = operator.audit(limit=50).entries
    started = [entry for entry in entries if entry.action == "POST /api/v1/commands"][0]
    assert started.status == 200 and started.targets == nodes[:1], started


def test_jobs_page_by_cursor_without_repeats_while_new_jobs_start(operator, nodes):
    for _ in range(3):
        operator.run(nodes[:1], "true", timeout=TIMEOUT)
    before = operator.jobs(limit=1000)
    assert before.next_cursor is None and len(before.jobs) >= 3
    page = operator.jobs(limit=2)
    paged = list(page.jobs)
    started = []
    for _ in range(len(before.jobs)):
        if not page.next_cursor:
            break
        # Jobs started between pages are newer than the cursor: later pages never hold them.
        started.append(operator.run(nodes[:1], "true", timeout=TIMEOUT).id)
        page = operator.jobs(limit=2, cursor=page.next_cursor)
        paged.extend(page.jobs)
    assert page.next_cursor is None
    assert [job.id for job in paged] == [job.id for job in before.jobs]
    assert not set(started) & {job.id for job in paged}


def test_cancel_ends_a_running_job(operator, nodes):
    job = operator.submit(nodes[:1], "sleep 60")
    for event in operator.events(job.id, timeout=TIMEOUT):
        if isinstance(event, NodeResult) and event.state == "running":
            break
    cancelled = operator.cancel(job.id)
    assert cancelled.state == "cancelled"
    final = operator.wait(job.id, TIMEOUT)
    assert final.done
    assert final.results[0].state == "cancelled"


def test_wait_gives_up_at_its_deadline_and_the_job_keeps_running(operator, nodes):
    job = operator.submit(nodes[:1], "sleep 30")
    started = time.monotonic()
    with pytest.raises(OctoplaneTimeoutError) as error:
        operator.wait(job.id, 0.5)
    assert time.monotonic() - started < 10
    assert error.value.job_id == job.id
    assert not operator.job(job.id).done
    operator.cancel(job.id)


def test_unknown_job_is_a_404(operator):
    with pytest.raises(OctoplaneApiError) as error:
        operator.job("no-such-job")
    assert error.value.code == "job-not-found"


# -- files ---------------------------------------------------------------------------------


def test_file_round_trip_through_the_nodes_with_progress(operator, nodes, tmp_path):
    data = secrets.token_bytes(300_000)
    local = tmp_path / unique("payload")
    local.write_bytes(data)
    sent = []
    job = operator.files.upload(local, "@workspace/pysdk", nodes, progress=sent.append, wait=TIMEOUT)
    assert job.success == len(nodes), job
    assert sent and sent[-1] == len(data)
    received = []
    copy = operator.files.get(
        nodes[1], f"@workspace/pysdk/{local.name}", tmp_path / "back", progress=received.append
    )
    assert copy.read_bytes() == data
    assert received and received[-1] == len(data)
    # The blob the node sent stays in the brain's store.
    again = operator.files.get_blob(hashlib.sha256(data).hexdigest(), tmp_path / "blob.bin")
    assert again.read_bytes() == data


def test_folder_round_trip_and_listing(operator, nodes, tmp_path):
    tree = tmp_path / unique("tree")
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "run.sh").write_text("echo hi\n")
    (tree / "sub" / "run.sh").chmod(0o755)
    (tree / "a.txt").write_text("a")
    job = operator.files.upload(tree, "@workspace/pysdk-trees", nodes[:1], wait=TIMEOUT)
    assert job.success == 1, job
    listing_job = operator.wait(operator.files.list(nodes[0], f"@workspace/pysdk-trees/{tree.name}").id, TIMEOUT)
    names = {entry.name for entry in operator.files.listing(listing_job).entries}
    assert {"a.txt", "sub"} <= names
    copy = operator.files.get(nodes[0], f"@workspace/pysdk-trees/{tree.name}", tmp_path / "back")
    assert (copy / "a.txt").read_text() == "a"
    assert (copy / "sub" / "run.sh").stat().st_mode & 0o111


# -- scenarios -----------------------------------------------------------------------------


def test_scenario_folder_is_applied_and_listed(operator, nodes, tmp_path):
    name = unique("pysdk")
    folder = tmp_path / name
    scripts = folder / "hello" / "scripts"
    scripts.mkdir(parents=True)
    (folder / "hello" / "src").mkdir()
    (folder / "hello" / "src" / "index.html").write_text("hello")
    (folder / "hello" / "src" / "scratch.tmp").write_text("left out")
    (folder / ".gitignore").write_text("*.tmp\n")
    node_list = ", ".join(f"'{node}'" for node in nodes)
    (folder / "deployment.yaml").write_text(
        f"name: {name}\n"
        "description: from the Python SDK\n"
        "applications:\n"
        "- name: hello\n"
        "  scriptpath: hello/scripts/\n"
        "  sourcepath: hello/src/\n"
        f"  nodes: [{node_list}]\n"
        "  script:\n"
        "  - { target: prepare, file: prepare.sh, order: 1 }\n"
        "  - { target: start, file: start.sh, order: 1 }\n"
        "  - { target: stop, file: stop.sh, order: 1 }\n"
        "  - { target: purge, file: purge.sh, order: 1 }\n"
    )
    (scripts / "stop.sh").write_text("true\n")
    (scripts / "purge.sh").write_text("true\n")
    (scripts / "prepare.sh").write_text("test -f index.html && test ! -e scratch.tmp\n")
    (scripts / "start.sh").write_text('echo "hello from $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"\n')
    applied = operator.scenarios.apply(folder, message="first")
    assert applied.succeeded, applied.failure
    assert applied.version
    start = [step for step in applied.steps if step.target == "start"][0]
    assert {result.node: result.output for result in start.nodes} == {
        node: f"hello from {node}\n" for node in nodes
    }
    scenario = operator.scenarios.get(name)
    assert scenario.description == "from the Python SDK"
    assert sorted(scenario.apps[0].nodes) == sorted(nodes)
    assert name in [item.name for item in operator.scenarios.list().scenarios]
    versions = operator.scenarios.versions(name)
    assert versions.total == 1
    assert "first" in versions.versions[0].message
    assert any(app.nodeapp == f"hello@{name}" for app in operator.scenarios.nodeapps(nodes[0]))
    with pytest.raises(OctoplaneApiError) as error:
        operator.scenarios.get(unique("missing"))
    assert error.value.code == "scenario-not-found"
    operator.scenarios.delete(name)
    assert name not in [item.name for item in operator.scenarios.list().scenarios]
    with pytest.raises(OctoplaneApiError) as error:
        operator.scenarios.delete(name)
    assert error.value.code == "scenario-not-found"


# -- logs ----------------------------------------------------------------------------------


def test_logs_of_the_brain_and_of_a_node(operator, nodes):
    brain = operator.logs("brain", lines=5)
    assert brain.source == "brain"
    assert 1 <= len(brain.lines) <= 5
    marker = unique("pysdk-log")
    written = operator.run(
        nodes[1:2],
        f'mkdir -p log && for i in 1 2 3; do echo "$(date -u +%Y-%m-%dT%H:%M:%SZ)  INFO [main] Py : {marker} $i"; '
        "done >> log/tentacle.log",
        timeout=TIMEOUT,
    )
    assert written.success == 1, written
    lines = operator.logs(nodes[1], lines=2).lines
    assert [line.rsplit(" ", 1)[-1] for line in lines] == ["2", "3"]
    assert all(marker in line for line in lines)


# -- audit ---------------------------------------------------------------------------------


def test_audit_shows_the_calls_made(operator, nodes):
    job = operator.run(nodes[:1], "true", timeout=TIMEOUT)
    assert job.success == 1
    entries = operator.audit(limit=200).entries
    commands = [entry for entry in entries if entry.action == "POST /api/v1/commands"]
    assert any(nodes[0] in entry.targets and entry.status == 200 for entry in commands), commands[:5]
    assert entries[0].time >= entries[-1].time


def test_audit_pages_by_cursor_without_repeats_while_calls_go_on(operator, nodes):
    for _ in range(3):
        operator.run(nodes[:1], "true", timeout=TIMEOUT)
    before = operator.audit(limit=1000)
    assert before.next_cursor is None and len(before.entries) >= 3
    # About five pages, however long the log has grown, so the calls between pages stay
    # well inside the brain's request rate.
    size = max(2, -(-len(before.entries) // 5))
    page = operator.audit(limit=size)
    paged = list(page.entries)
    for _ in range(len(before.entries)):
        if not page.next_cursor:
            break
        # A call between pages is audited above the cursor.
        operator.run(nodes[:1], "true", timeout=TIMEOUT)
        page = operator.audit(limit=size, cursor=page.next_cursor)
        paged.extend(page.entries)
    assert page.next_cursor is None
    assert paged == before.entries
