package io.octoplane.testsupport.api;

import java.time.Instant;
import java.util.List;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobState;
import io.octoplane.protocol.api.JobSummary;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;

/**
 * Canned answers of the brain's REST API.
 */
public final class ApiFixtures {

	public static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	public static final String JOB_ID = "job-1";

	private ApiFixtures() {
	}

	public static NodeListResponse nodeList() {
		BrainInfo brain = new BrainInfo("brain-1", "0.1.0", "127.0.0.1:12345");
		NodeInfo online = new NodeInfo("pi1", "0.1.0", "10.0.0.11:51234", NodeState.ONLINE, 12.0,
				NOW.minusSeconds(3600), null, NOW, "Linux", "aarch64", 3);
		NodeInfo offline = new NodeInfo("pi2-long-name", "0.0.9", "10.0.0.12:40000", NodeState.OFFLINE, -1, null,
				NOW.minusSeconds(60), NOW.minusSeconds(90), "Linux", "amd64", 0);
		return NodeListResponse.of(brain, List.of(online, offline));
	}

	public static NodeStatusResponse nodeStatus() {
		NodeStatusInfo pi1 = new NodeStatusInfo("pi1", "Linux 6.1 aarch64", 4, NOW, 0.52, 0.40, 0.30, 1_000_000_000L,
				4_000_000_000L, 25.0, 10_000_000_000L, 50_000_000_000L, 20.0, 93_784);
		return NodeStatusResponse.of(List.of(pi1));
	}

	public static NodeCommandResult succeeded(String node, String output) {
		return new NodeCommandResult(node, "succeeded", ErrorKind.NONE, 0, output, "", false, 15L, null);
	}

	/** A succeeded script that also wrote to {@code $OCTOPODA_OUTPUT}. */
	public static NodeCommandResult scripted(String node, String output, String scriptOutput) {
		return new NodeCommandResult(node, "succeeded", ErrorKind.NONE, 0, output, "", false, 15L, null, null, null,
				scriptOutput);
	}

	public static NodeCommandResult failed(String node, String stderr) {
		return new NodeCommandResult(node, "failed", ErrorKind.PROCESS, 1, "", stderr, false, 20L, null);
	}

	public static NodeCommandResult expired(String node) {
		return new NodeCommandResult(node, "expired", ErrorKind.COMMUNICATION, null, "", "", false, null,
				"node is offline");
	}

	public static NodeCommandResult queued(String node) {
		return new NodeCommandResult(node, "queued", ErrorKind.NONE, null, "", "", false, null, null);
	}

	public static NodeCommandResult running(String node) {
		return new NodeCommandResult(node, "running", ErrorKind.NONE, null, "", "", false, null, null);
	}

	public static NodeCommandResult cancelled(String node) {
		return new NodeCommandResult(node, "cancelled", ErrorKind.CANCELLED, null, "", "", false, null,
				"cancelled by an operator");
	}

	public static NodeOutputEvent stdout(String node, String data) {
		return new NodeOutputEvent(node, "stdout", data);
	}

	/** A job with counters that match its results; done once every result is final. */
	public static JobResponse job(NodeCommandResult... results) {
		return job(JobState.COMPLETED, results);
	}

	public static JobResponse job(JobState whenDone, NodeCommandResult... results) {
		int pending = 0;
		int success = 0;
		int communication = 0;
		int process = 0;
		int cancelled = 0;
		for (NodeCommandResult result : results) {
			switch (result.state()) {
				case "queued", "delivered", "running" -> pending++;
				case "succeeded" -> success++;
				case "expired", "rejected" -> communication++;
				case "cancelled" -> cancelled++;
				default -> process++;
			}
		}
		JobState state = (pending > 0) ? JobState.RUNNING : whenDone;
		return new JobResponse(JOB_ID, state, CommandMode.SHELL, "uptime", NOW,
				(pending > 0) ? null : NOW.plusSeconds(2), List.of(results), pending, success, communication, process,
				cancelled);
	}

	public static JobListResponse jobList() {
		JobSummary running = new JobSummary("job-2", JobState.RUNNING, CommandMode.SHELL, "apt-get -y upgrade",
				NOW.plusSeconds(60), null, 3, 2, 1, 0, 0, 0);
		JobSummary done = new JobSummary(JOB_ID, JobState.COMPLETED, CommandMode.SHELL, "uptime", NOW,
				NOW.plusSeconds(2), 3, 0, 1, 1, 1, 0);
		return new JobListResponse(List.of(running, done));
	}

	public static String jobPath(String template) {
		return template.replace("{id}", JOB_ID);
	}

	public static String jobPath() {
		return jobPath(ApiPaths.JOB);
	}

	public static String eventsPath() {
		return jobPath(ApiPaths.JOB_EVENTS);
	}

}
