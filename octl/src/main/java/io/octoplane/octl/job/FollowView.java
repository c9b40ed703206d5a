package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;

/**
 * {@code --follow}: the nodes' standard output goes live to stdout as {@code node| line}
 * (their standard error likewise to stderr), so stdout carries only what the command
 * printed; the summary table goes to stderr at the end. A node whose output never
 * streamed (the job was started without {@code --follow}, or the output came while the
 * event stream was down) is printed from its final result instead. What a node wrote to
 * {@code $OCTOPODA_OUTPUT} follows its output once it is done, as
 * {@code node output| line}.
 */
final class FollowView implements JobView {

	private final PrintWriter err;

	private final LiveOutput stdout;

	private final LiveOutput stderr;

	private final Set<String> streamed = new HashSet<>();

	private final Set<String> scriptOutputShown = new HashSet<>();

	FollowView(PrintWriter out, PrintWriter err) {
		this.err = err;
		this.stdout = new LiveOutput(out);
		this.stderr = new LiveOutput(err);
	}

	@Override
	public void onOutput(NodeOutputEvent output) {
		this.streamed.add(output.name());
		LiveOutput target = "stderr".equals(output.stream()) ? this.stderr : this.stdout;
		target.append(output.name(), output.data());
	}

	@Override
	public void onNode(NodeCommandResult result) {
		if (JobTables.isFinal(result.state())) {
			this.stdout.flush(result.name());
			this.stderr.flush(result.name());
			showScriptOutput(result);
		}
	}

	@Override
	public void finish(JobResponse job) {
		for (NodeCommandResult result : job.results()) {
			if (!this.streamed.contains(result.name())) {
				this.stdout.append(result.name(), result.output());
				this.stderr.append(result.name(), result.stderr());
			}
			this.stdout.flush(result.name());
			this.stderr.flush(result.name());
			showScriptOutput(result);
		}
		StringBuilder summary = new StringBuilder(JobTables.nodes(job).render()).append(JobTables.timing(job));
		for (NodeCommandResult result : job.results()) {
			if (result.error() != null) {
				summary.append(result.name()).append(": ").append(result.error()).append('\n');
			}
		}
		this.err.print(summary);
		this.err.flush();
	}

	private void showScriptOutput(NodeCommandResult result) {
		String written = result.scriptOutput();
		if (written != null && !written.isEmpty() && this.scriptOutputShown.add(result.name())) {
			String label = result.name() + " output";
			this.stdout.append(label, written);
			this.stdout.flush(label);
		}
	}

}
