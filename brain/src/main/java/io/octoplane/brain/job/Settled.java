package io.octoplane.brain.job;

import java.util.List;

/**
 * What one run of the settle script did.
 *
 * @param missing whether the job does not exist (any more)
 * @param pending targets not yet final afterwards
 * @param finished whether this run marked the job finished
 * @param followers followers of the job when it ran
 * @param cancelledJob whether this run moved the job from running to cancelled
 * @param queued targets still queued afterwards
 * @param waiters those of the followers that want only the final job, not node events
 * @param codes per node, in order: -1 not a target, 0 not moved, 1 moved, 2 cancelled
 * because the error budget is spent
 */
record Settled(boolean missing, long pending, boolean finished, long followers, boolean cancelledJob, long queued,
		long waiters, List<Integer> codes) {

	static final int NOT_A_TARGET = -1;

	static final int MOVED = 1;

	static final int OVER_BUDGET = 2;

	/** Values before the per-node codes in the script's reply. */
	private static final int HEAD = 6;

	Settled {
		codes = List.copyOf(codes);
	}

	/** Whether a follower wants node events: one that is not waiting for the end only. */
	boolean nodeFollowers() {
		return this.followers > this.waiters;
	}

	static Settled of(List<?> reply) {
		long first = number(reply.get(0));
		if (reply.size() == 1 && first == -1) {
			return new Settled(true, 0, false, 0, false, 0, 0, List.of());
		}
		Integer[] codes = new Integer[reply.size() - HEAD];
		for (int i = 0; i < codes.length; i++) {
			codes[i] = (int) number(reply.get(HEAD + i));
		}
		return new Settled(false, first, number(reply.get(1)) == 1, number(reply.get(2)), number(reply.get(3)) == 1,
				number(reply.get(4)), number(reply.get(5)), List.of(codes));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
	}

}
