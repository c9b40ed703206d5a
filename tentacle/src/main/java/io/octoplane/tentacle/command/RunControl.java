package io.octoplane.tentacle.command;

import org.jspecify.annotations.Nullable;

/**
 * The handle of one command run: lets another thread cancel it (killing its whole process
 * tree) and says where its live output goes. A cancel that arrives before the process
 * starts keeps it from starting at all.
 */
public final class RunControl {

	private final @Nullable OutputSink liveOutput;

	private @Nullable Process process;

	private @Nullable String cancelReason;

	private boolean killed;

	/**
	 * Creates a handle.
	 * @param liveOutput where to stream output while the command runs, or {@code null}
	 * not to stream
	 */
	public RunControl(@Nullable OutputSink liveOutput) {
		this.liveOutput = liveOutput;
	}

	/**
	 * Cancels the run: kills the process tree if it is running, and keeps it from
	 * starting if it has not started. The first reason given is kept.
	 * @param reason why, for the result's error
	 */
	public void cancel(String reason) {
		Process target;
		synchronized (this) {
			if (this.cancelReason == null) {
				this.cancelReason = reason;
			}
			target = this.process;
			if (target == null || !target.isAlive()) {
				return;
			}
			this.killed = true;
		}
		ProcessTree.kill(target);
	}

	@Nullable OutputSink liveOutput() {
		return this.liveOutput;
	}

	/** The cancel's reason if a cancel came before the process started. */
	public synchronized @Nullable String cancelledBeforeStart() {
		return (this.process == null) ? this.cancelReason : null;
	}

	/** The cancel's reason if a cancel killed the process. */
	synchronized @Nullable String cancelledWhileRunning() {
		return this.killed ? this.cancelReason : null;
	}

	/** Registers the started process; kills it at once if a cancel slipped in. */
	void started(Process started) {
		synchronized (this) {
			this.process = started;
			if (this.cancelReason == null) {
				return;
			}
			this.killed = true;
		}
		ProcessTree.kill(started);
	}

}
