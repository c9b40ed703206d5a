package io.octoplane.octl.job;

import java.util.Locale;
import java.util.Set;

import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobSummary;
import io.octoplane.protocol.api.NodeCommandResult;

/**
 * Text renderings of jobs for {@code -o table}.
 */
public final class JobTables {

	/** Node states after which nothing changes any more are all but these. */
	private static final Set<String> NOT_FINAL = Set.of("queued", "delivered", "running");

	private static final int COMMAND_WIDTH = 50;

	private JobTables() {
	}

	/**
	 * Renders a job: a title line, one row per node, then each node's output.
	 * @param job the job
	 * @return the text
	 */
	public static String job(JobResponse job) {
		StringBuilder text = new StringBuilder();
		text.append("job ").append(job.id()).append(" (").append(label(job)).append("): ");
		text.append(shorten(job.command())).append('\n');
		text.append(timing(job));
		text.append('\n');
		text.append(nodes(job).render());
		return text.append(outputs(job)).toString();
	}

	/**
	 * Renders when a delayed or time-aligned job started: the start instant and, for a
	 * time-aligned one, the achieved start spread.
	 * @param job the job
	 * @return one line, or nothing for a job that started at once
	 */
	static String timing(JobResponse job) {
		if (job.startAt() == null) {
			return "";
		}
		StringBuilder text = new StringBuilder("start at ").append(job.startAt());
		if (job.startSpreadMillis() != null) {
			text.append(", start spread ").append(job.startSpreadMillis()).append(" ms");
			if (job.clockErrorMillis() != null) {
				text.append(" (clock error up to ").append(job.clockErrorMillis()).append(" ms per node)");
			}
		}
		return text.append('\n').toString();
	}

	/**
	 * Renders the node rows of a job.
	 * @param job the job
	 * @return the table
	 */
	static Table nodes(JobResponse job) {
		Table table = Table.withHeaders("NODE", "STATE", "EXIT");
		job.results().forEach((result) -> table.row(result.name(), result.state(), result.exitCode()));
		return table;
	}

	/**
	 * Renders every node's output, what it wrote to {@code $OCTOPODA_OUTPUT} (as Octopoda
	 * shows a script's result), standard error and error, each under the node's name and
	 * after a blank line.
	 * @param job the job
	 * @return the text
	 */
	static String outputs(JobResponse job) {
		StringBuilder text = new StringBuilder();
		for (NodeCommandResult result : job.results()) {
			text.append('\n').append(result.name()).append(":\n");
			indent(text, result.output());
			if (result.scriptOutput() != null && !result.scriptOutput().isEmpty()) {
				text.append("  output:\n");
				indent(text, result.scriptOutput());
			}
			if (!result.stderr().isEmpty()) {
				text.append("  stderr:\n");
				indent(text, result.stderr());
			}
			if (result.error() != null) {
				text.append("  error: ").append(result.error()).append('\n');
			}
			if (result.truncated()) {
				text.append("  (output truncated at the output limit)\n");
			}
		}
		return text.toString();
	}

	/**
	 * Renders a job list, one row per job.
	 * @param jobs the jobs
	 * @return the text
	 */
	static String list(JobListResponse jobs) {
		Table table = Table.withHeaders("ID", "STATE", "CREATED", "TOTAL", "PENDING", "OK", "FAILED", "COMMAND");
		for (JobSummary job : jobs.jobs()) {
			int failed = job.communicationError() + job.processError() + job.cancelled();
			table.row(job.id(), job.state().name().toLowerCase(Locale.ROOT), job.createdAt(), job.total(),
					job.pending(), job.success(), failed, shorten(job.command()));
		}
		return table.render();
	}

	/**
	 * Whether a node state is final.
	 * @param state the state as on the wire
	 * @return {@code false} for {@code queued}, {@code delivered} and {@code running}
	 */
	static boolean isFinal(String state) {
		return !NOT_FINAL.contains(state);
	}

	private static String label(JobResponse job) {
		return job.state().name().toLowerCase(Locale.ROOT);
	}

	private static String shorten(String command) {
		String line = command.strip().lines().findFirst().orElse("");
		boolean more = line.length() > COMMAND_WIDTH || !line.equals(command.strip());
		return more ? line.substring(0, Math.min(line.length(), COMMAND_WIDTH)) + "..." : line;
	}

	private static void indent(StringBuilder text, String output) {
		output.lines().forEach((line) -> text.append("    ").append(line).append('\n'));
	}

}
