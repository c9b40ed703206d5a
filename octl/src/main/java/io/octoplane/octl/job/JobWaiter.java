package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.octoplane.client.JobTimeoutException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.Octl;
import io.octoplane.octl.output.OutputFormat;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Waits for a job and prints it the way {@code octl cmd run} and {@code octl job wait}
 * both do: one document for {@code -o json|yaml}, rows as results arrive for
 * {@code -o table}, live lines for {@code --follow}; then the exit status of
 * {@link JobOutcome}. A wait that times out still prints the last state seen, then ends
 * with exit status 4.
 */
public final class JobWaiter {

	/**
	 * The offline hint of the commands with a {@code --wait-offline} option, for when it
	 * was zero.
	 */
	public static final String WAIT_OFFLINE_HINT = "offline nodes fail at once; --wait-offline DURATION (such as 10m) "
			+ "gives them that long to come back";

	private JobWaiter() {
	}

	/**
	 * Waits for a job and prints it.
	 * @param octl the top command, for the output format and whether stderr is a terminal
	 * @param command the running command's spec, for its output streams
	 * @param client the client to wait with
	 * @param start the job as last read, for its id and targets
	 * @param timeout how long to wait
	 * @param follow whether to print live output lines
	 * @return the exit status
	 * @throws JobTimeoutException if the job was not done in time
	 */
	public static int await(Octl octl, CommandSpec command, OctoplaneClient client, JobResponse start, Duration timeout,
			boolean follow) {
		return await(octl, command, client, start, timeout, follow, null);
	}

	/**
	 * Waits for a job and prints it, then a hint if a node was offline.
	 * @param octl the top command, for the output format and whether stderr is a terminal
	 * @param command the running command's spec, for its output streams
	 * @param client the client to wait with
	 * @param start the job as last read, for its id and targets
	 * @param timeout how long to wait
	 * @param follow whether to print live output lines
	 * @param offlineHint what to print on stderr when a node was offline and the job
	 * expired for it, in the words of the running command; {@code null} for none
	 * @return the exit status
	 * @throws JobTimeoutException if the job was not done in time
	 */
	public static int await(Octl octl, CommandSpec command, OctoplaneClient client, JobResponse start, Duration timeout,
			boolean follow, @Nullable String offlineHint) {
		return await(octl, command, client, start, timeout, follow, offlineHint, null);
	}

	/**
	 * Waits for a job, prints it and writes each node's result to files as it arrives.
	 * @param octl the top command, for the output format and whether stderr is a terminal
	 * @param command the running command's spec, for its output streams
	 * @param client the client to wait with
	 * @param start the job as last read, for its id and targets
	 * @param timeout how long to wait
	 * @param follow whether to print live output lines
	 * @param offlineHint what to print on stderr when a node was offline, or {@code null}
	 * @param files where results are written, or {@code null} for nowhere
	 * @return the exit status
	 * @throws JobTimeoutException if the job was not done in time
	 */
	public static int await(Octl octl, CommandSpec command, OctoplaneClient client, JobResponse start, Duration timeout,
			boolean follow, @Nullable String offlineHint, @Nullable ResultFiles files) {
		JobView view = view(octl, command, start, follow, files);
		return show(view, command, offlineHint,
				() -> start.done() ? start : client.jobs().await(start.id(), timeout, view));
	}

	/**
	 * Starts a job and waits for it in one request to the brain, printing it as
	 * {@link #await(Octl, CommandSpec, OctoplaneClient, JobResponse, Duration, boolean, String, ResultFiles)}
	 * does.
	 * @param octl the top command, for the output format and whether stderr is a terminal
	 * @param command the running command's spec, for its output streams
	 * @param client the client to start and wait with
	 * @param request the job to start
	 * @param timeout how long to wait
	 * @param follow whether to print live output lines
	 * @param offlineHint what to print on stderr when a node was offline, or {@code null}
	 * @param files where results are written, or {@code null} for nowhere
	 * @param accepted told of the job once the brain stored it, on the calling thread,
	 * before anything is printed
	 * @return the exit status
	 * @throws JobTimeoutException if the job was not done in time
	 */
	public static int run(Octl octl, CommandSpec command, OctoplaneClient client, CommandRequest request,
			Duration timeout, boolean follow, @Nullable String offlineHint, @Nullable ResultFiles files,
			Consumer<JobResponse> accepted) {
		// As the views built below decide: only a document printed at the end, with no
		// progress note and no files, does without the targets' states.
		boolean document = !follow && octl.outputFormat() != OutputFormat.TABLE
				&& octl.outputFormat() != OutputFormat.WIDE;
		boolean nodeStates = !document || octl.interactive() || files != null;
		AcceptedView view = new AcceptedView(nodeStates, (start) -> {
			accepted.accept(start);
			return view(octl, command, start, follow, files);
		});
		return show(view, command, offlineHint, () -> client.jobs().run(request, timeout, view));
	}

	/**
	 * Waits, then prints the final job, or the last state seen when the wait timed out.
	 */
	private static int show(JobView view, CommandSpec command, @Nullable String offlineHint,
			Supplier<JobResponse> wait) {
		JobResponse job;
		try {
			job = wait.get();
		}
		catch (JobTimeoutException ex) {
			if (ex.lastJob() != null) {
				view.finish(ex.lastJob());
			}
			throw ex;
		}
		view.finish(job);
		return JobOutcome.report(job, command.commandLine().getErr(), offlineHint);
	}

	private static JobView view(Octl octl, CommandSpec command, JobResponse start, boolean follow,
			@Nullable ResultFiles files) {
		PrintWriter out = command.commandLine().getOut();
		PrintWriter err = command.commandLine().getErr();
		JobView view;
		if (follow) {
			view = new FollowView(out, err);
		}
		else if (octl.outputFormat() == OutputFormat.TABLE || octl.outputFormat() == OutputFormat.WIDE) {
			view = new TableView(out, start);
		}
		else {
			view = new DocumentView(octl.printer(command));
		}
		if (octl.interactive()) {
			view = new ProgressNote(view, err, start);
		}
		if (files != null) {
			view = files.around(view);
		}
		return view;
	}

}
