package io.octoplane.octl.cmd;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.api.JobResponse;

/**
 * What Ctrl-C does while {@code octl cmd run} waits for its job: the first asks the brain
 * to cancel the job and keeps waiting, so the cancelled results are still shown; the
 * second stops waiting and leaves the job to the brain, saying how to follow it. Called
 * on the signal's thread, never on the waiting one.
 */
final class CancelOnInterrupt implements Runnable {

	private final OctoplaneClient client;

	private final String jobId;

	private final PrintWriter err;

	private final Thread waiter;

	private final AtomicInteger presses = new AtomicInteger();

	CancelOnInterrupt(OctoplaneClient client, String jobId, PrintWriter err, Thread waiter) {
		this.client = client;
		this.jobId = jobId;
		this.err = err;
		this.waiter = waiter;
	}

	@Override
	public void run() {
		if (this.presses.incrementAndGet() == 1) {
			cancel();
		}
		else {
			this.waiter.interrupt();
		}
	}

	/**
	 * Waits for a cancel call under way, so its answer is printed before octl ends; the
	 * client's timeouts bound it.
	 */
	void settle() {
		synchronized (this) {
			// Entering is the point: cancel() holds this lock while it calls the brain.
			this.presses.get();
		}
	}

	/** Whether the operator stopped the wait (the second Ctrl-C). */
	boolean detached() {
		return this.presses.get() > 1;
	}

	/**
	 * The words for the operator once the wait stopped.
	 * @return how to follow the job that goes on without octl
	 */
	String followHint() {
		return "octl: stopped waiting; job " + this.jobId + " goes on at the brain (as far as it was not "
				+ "cancelled): follow it with 'octl job wait " + this.jobId + "' or 'octl job get " + this.jobId + "'";
	}

	private synchronized void cancel() {
		say("octl: Ctrl-C: asking the brain to cancel job " + this.jobId + " (Ctrl-C again to stop waiting and leave "
				+ "it running)");
		try {
			JobResponse job = this.client.jobs().cancel(this.jobId);
			say("octl: job " + this.jobId + " cancelled" + ((job.pending() > 0)
					? "; " + job.pending() + " node(s) have not confirmed yet, waiting for them" : ""));
		}
		catch (RuntimeException ex) {
			say("octl: could not cancel job " + this.jobId + ": " + ex.getMessage() + "; still waiting (Ctrl-C "
					+ "again to stop waiting, then 'octl job cancel " + this.jobId + "')");
		}
	}

	private void say(String line) {
		synchronized (this.err) {
			this.err.println(line);
			this.err.flush();
		}
	}

}
