package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octoplane.protocol.api.JobState;
import org.jspecify.annotations.Nullable;

/**
 * What a job's hash in Redis says about the job as a whole: its state, how many targets
 * stand in each delivery state, when it finished and how many followers watch it. Read
 * without the spec, which may be large.
 *
 * @param state the job's state
 * @param counts targets per delivery state, indexed by {@link DeliveryState#ordinal()}
 * @param finishedAtMillis when the last target became final, epoch milliseconds, or
 * {@code null} while targets are pending
 * @param followers event streams and waiters that follow the job, on any brain
 */
record JobHeader(JobState state, long[] counts, @Nullable Long finishedAtMillis, long followers) {

	/** The hash fields {@link #of} reads, in order. */
	static final List<String> FIELDS = fields();

	JobHeader {
		counts = counts.clone();
	}

	/**
	 * Reads a header from the values of {@link #FIELDS}.
	 * @param values the values, {@code null} where a field is missing
	 * @return the header, or {@code null} if the job does not exist
	 */
	static @Nullable JobHeader of(List<?> values) {
		Object state = values.get(0);
		if (state == null) {
			return null;
		}
		DeliveryState[] states = DeliveryState.values();
		long[] counts = new long[states.length];
		for (int i = 0; i < states.length; i++) {
			counts[i] = number(values.get(3 + i));
		}
		Object finished = values.get(1);
		return new JobHeader(state(state.toString()), counts,
				(finished != null) ? Long.valueOf(finished.toString()) : null, number(values.get(2)));
	}

	static JobState state(String slug) {
		return JobState.valueOf(slug.toUpperCase(Locale.ROOT));
	}

	static String slug(JobState state) {
		return state.name().toLowerCase(Locale.ROOT);
	}

	long count(DeliveryState state) {
		return this.counts[state.ordinal()];
	}

	/** Targets not yet final. */
	long pending() {
		return count(DeliveryState.QUEUED) + count(DeliveryState.DELIVERED) + count(DeliveryState.RUNNING);
	}

	/** Targets that count against the error budget. */
	long errors() {
		return count(DeliveryState.FAILED) + count(DeliveryState.TIMED_OUT) + count(DeliveryState.EXPIRED)
				+ count(DeliveryState.REJECTED);
	}

	private static long number(@Nullable Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

	private static List<String> fields() {
		List<String> fields = new ArrayList<>(List.of("state", "finishedAt", "followers"));
		for (DeliveryState state : DeliveryState.values()) {
			fields.add("n:" + state.slug());
		}
		return List.copyOf(fields);
	}

}
