package io.octoplane.brain.job;

/**
 * The ways a job's targets change state. Each goes through the one settle script of
 * {@link JobRepository}, which allows a node to move only from the states listed here, so
 * of two steps racing for a node (a result and a deadline, a cancel and a start, two
 * brains starting it) exactly one wins.
 */
enum Step {

	/**
	 * A queued node is sent the command. Only while the job runs, within its concurrency
	 * limit; once the error budget is spent the node is cancelled instead.
	 */
	START(true, false, DeliveryState.QUEUED),

	/** The node reported that it started the command. */
	STARTED(false, false, DeliveryState.QUEUED, DeliveryState.DELIVERED),

	/** The node reported a result. */
	RESULT(false, false, DeliveryState.QUEUED, DeliveryState.DELIVERED, DeliveryState.RUNNING),

	/** A queued node did not come back before the delivery deadline. */
	EXPIRE(false, false, DeliveryState.QUEUED),

	/** An operator cancelled the job: it stops running and queued nodes never start. */
	CANCEL(false, true, DeliveryState.QUEUED),

	/** No node moves; the job is marked finished if nothing is pending. */
	FINISH(false, false);

	private final boolean starts;

	private final boolean cancelsJob;

	private final String allowed;

	Step(boolean starts, boolean cancelsJob, DeliveryState... from) {
		this.starts = starts;
		this.cancelsJob = cancelsJob;
		this.allowed = DeliveryState.csv(from);
	}

	/** Whether nodes start: the job's limits apply. */
	boolean starts() {
		return this.starts;
	}

	/** Whether the job itself moves from running to cancelled. */
	boolean cancelsJob() {
		return this.cancelsJob;
	}

	/** The states a node may move from, as the script matches them. */
	String allowed() {
		return this.allowed;
	}

	/** Whether a node that moved in this step may free a concurrency slot. */
	boolean freesSlot() {
		return this == RESULT;
	}

}
