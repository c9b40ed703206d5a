package io.octoplane.brain.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.octoplane.brain.job.NodeJobs;
import io.octoplane.protocol.agent.NodeappReport;
import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Runs nodeapp tasks as jobs and reads their per-node results back: the tentacle's
 * {@link NodeappReport} (script output, head commit) from each result's stdout.
 */
@Component
class NodeappTasks {

	private final NodeJobs jobs;

	private final JsonMapper json;

	private final Duration timeout;

	NodeappTasks(NodeJobs jobs, JsonMapper json, ScenarioProperties properties) {
		this.jobs = jobs;
		this.json = json;
		this.timeout = properties.scriptTimeout();
	}

	/** The brain's default run time limit of a nodeapp task. */
	Duration defaultTimeout() {
		return this.timeout;
	}

	Submitted submit(List<String> nodes, NodeappTask task, String workgroup, String caller) {
		return submit(nodes, task, this.timeout, workgroup, caller);
	}

	Submitted submit(List<String> nodes, NodeappTask task, Duration timeout, String workgroup, String caller) {
		return new Submitted(
				this.jobs.submitNodeapp(this.json.writeValueAsString(task), nodes, timeout, workgroup, caller),
				timeout);
	}

	Outcome await(Submitted submitted) {
		// The job ends by itself at the task's time limit; the margin covers delivery.
		JobResponse job = this.jobs.await(submitted.jobId(), submitted.timeout().plusMinutes(1));
		List<ScenarioApplyResponse.ScriptResult> results = new ArrayList<>();
		Map<String, NodeappReport> reports = new TreeMap<>();
		String failure = null;
		for (NodeCommandResult result : job.results()) {
			NodeappReport report = report(result.output());
			ScenarioApplyResponse.ScriptResult script = new ScenarioApplyResponse.ScriptResult(result.name(),
					result.state(), result.exitCode(), (report != null) ? report.output() : "",
					(report != null) ? report.stdout() : result.output(), result.stderr(), result.error());
			results.add(script);
			if (report != null) {
				reports.put(result.name(), report);
			}
			if (failure == null && !"succeeded".equals(result.state())) {
				failure = describe(script);
			}
		}
		return new Outcome(results, failure, reports);
	}

	private @Nullable NodeappReport report(String stdout) {
		if (!stdout.startsWith("{")) {
			return null;
		}
		try {
			return this.json.readValue(stdout, NodeappReport.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String describe(ScenarioApplyResponse.ScriptResult result) {
		StringBuilder text = new StringBuilder("failed on node ").append(result.node())
			.append(" (")
			.append(result.state());
		if (result.exitCode() != null) {
			text.append(", exit code ").append(result.exitCode());
		}
		text.append(")");
		if (result.error() != null) {
			text.append(": ").append(result.error());
		}
		for (String[] part : new String[][] { { "output", result.output() }, { "stdout", result.stdout() },
				{ "stderr", result.stderr() } }) {
			if (!part[1].isBlank()) {
				String value = part[1].strip();
				text.append("; ")
					.append(part[0])
					.append(": ")
					.append((value.length() > 500) ? value.substring(0, 500) + "..." : value);
			}
		}
		return text.toString();
	}

	/**
	 * A nodeapp task submitted as a job.
	 *
	 * @param jobId the job
	 * @param timeout its run time limit on each node
	 */
	record Submitted(String jobId, Duration timeout) {

	}

	/**
	 * What one nodeapp task did on its nodes.
	 *
	 * @param results each node's result
	 * @param failure the first node's failure, or {@code null} if all succeeded
	 * @param reports what each node's tentacle reported
	 */
	record Outcome(List<ScenarioApplyResponse.ScriptResult> results, @Nullable String failure,
			Map<String, NodeappReport> reports) {

		/** Each node's nodeapp head commit afterwards. */
		Map<String, String> heads() {
			Map<String, String> heads = new TreeMap<>();
			this.reports.forEach((node, report) -> {
				if (report.head() != null) {
					heads.put(node, report.head());
				}
			});
			return heads;
		}

	}

}
