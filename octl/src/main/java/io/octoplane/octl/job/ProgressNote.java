package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;

/**
 * Wraps a view with notes on stderr for a person at a terminal: how many nodes are done
 * (at most one note a second, so a thousand nodes do not mean a thousand lines) and when
 * the event stream is lost. Scripts never see these: octl adds them only when stderr is a
 * terminal.
 */
final class ProgressNote implements JobView {

	private static final long INTERVAL_NANOS = 1_000_000_000L;

	private final JobView view;

	private final PrintWriter err;

	private final String id;

	private final int total;

	private final Set<String> done = new HashSet<>();

	private long lastNote;

	ProgressNote(JobView view, PrintWriter err, JobResponse start) {
		this.view = view;
		this.err = err;
		this.id = start.id();
		this.total = start.results().size();
		start.results()
			.stream()
			.filter((result) -> JobTables.isFinal(result.state()))
			.forEach((result) -> this.done.add(result.name()));
		note();
	}

	@Override
	public void onNode(NodeCommandResult result) {
		this.view.onNode(result);
		if (JobTables.isFinal(result.state()) && this.done.add(result.name())
				&& (this.done.size() == this.total || System.nanoTime() - this.lastNote >= INTERVAL_NANOS)) {
			note();
		}
	}

	@Override
	public void onOutput(NodeOutputEvent output) {
		this.view.onOutput(output);
	}

	@Override
	public void onStreamLost(String reason) {
		this.err.println("octl: job " + this.id + ": " + reason + "; polling the brain until the stream is back");
		this.err.flush();
	}

	@Override
	public void finish(JobResponse job) {
		this.view.finish(job);
	}

	private void note() {
		this.lastNote = System.nanoTime();
		this.err.println("job " + this.id + ": " + this.done.size() + "/" + this.total + " done");
		this.err.flush();
	}

}
