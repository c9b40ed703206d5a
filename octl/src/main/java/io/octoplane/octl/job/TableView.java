package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;

/**
 * {@code -o table} while waiting: a node's row is printed as soon as its result arrives,
 * and the start spread of a time-aligned job and the outputs follow once the job is done.
 * Columns are sized from the target names up front, since rows cannot be re-aligned after
 * they are printed.
 */
final class TableView implements JobView {

	/** Width of the longest node state ({@code succeeded}, {@code timed-out}). */
	private static final int STATE_WIDTH = 9;

	private final PrintWriter out;

	private final String format;

	private final Set<String> printed = new HashSet<>();

	TableView(PrintWriter out, JobResponse start) {
		this.out = out;
		int nameWidth = start.results().stream().mapToInt((result) -> result.name().length()).max().orElse(0);
		this.format = "%-" + Math.max(nameWidth, "NODE".length()) + "s  %-" + STATE_WIDTH + "s  %s";
		line("NODE", "STATE", "EXIT");
	}

	@Override
	public void onNode(NodeCommandResult result) {
		if (JobTables.isFinal(result.state())) {
			row(result);
		}
	}

	@Override
	public void finish(JobResponse job) {
		job.results().forEach(this::row);
		String timing = JobTables.timing(job);
		if (!timing.isEmpty()) {
			this.out.print("\n" + timing);
		}
		this.out.print(JobTables.outputs(job));
		this.out.flush();
	}

	private void row(NodeCommandResult result) {
		if (this.printed.add(result.name())) {
			line(result.name(), result.state(), (result.exitCode() != null) ? result.exitCode().toString() : "-");
		}
	}

	private void line(String node, String state, String exit) {
		this.out.println(String.format(this.format, node, state, exit).stripTrailing());
		this.out.flush();
	}

}
