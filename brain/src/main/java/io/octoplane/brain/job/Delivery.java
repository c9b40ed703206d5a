package io.octoplane.brain.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import org.jspecify.annotations.Nullable;

/**
 * The state and result of a job on one node, as stored in Redis.
 *
 * @param state the delivery state's slug
 * @param exitCode exit status, or {@code null}
 * @param stdout captured standard output
 * @param stderr captured standard error
 * @param truncated whether output was cut at the limit
 * @param durationMillis run time on the node, or {@code null}
 * @param error why it did not succeed, or {@code null}
 * @param updatedAtMillis when this state was recorded, epoch milliseconds
 * @param startedAtMillis when the process started in the brain's clock (the node's time
 * corrected by its measured offset), or {@code null}
 * @param clockErrorMillis uncertainty of that correction, or {@code null} when the node
 * had no estimate
 * @param scriptOutput what the command wrote to {@code $OCTOPODA_OUTPUT}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Delivery(String state, @Nullable Integer exitCode, String stdout, String stderr, boolean truncated,
		@Nullable Long durationMillis, @Nullable String error, long updatedAtMillis, @Nullable Long startedAtMillis,
		@Nullable Long clockErrorMillis, @Nullable String scriptOutput) {

	static Delivery of(DeliveryState state, @Nullable String error, long now) {
		return new Delivery(state.slug(), null, "", "", false, null, error, now, null, null, null);
	}

	/** A node reported it started the command. */
	static Delivery started(CommandStarted started, long now) {
		Long error = (started.clockErrorMillis() >= 0) ? started.clockErrorMillis() : null;
		return new Delivery(DeliveryState.RUNNING.slug(), null, "", "", false, null, null, now,
				started.startedAtMillis() + started.clockOffsetMillis(), error, null);
	}

	/** This delivery with the start time of an earlier state of the same node. */
	Delivery withStartOf(Delivery earlier) {
		return new Delivery(this.state, this.exitCode, this.stdout, this.stderr, this.truncated, this.durationMillis,
				this.error, this.updatedAtMillis, earlier.startedAtMillis, earlier.clockErrorMillis, this.scriptOutput);
	}

	static Delivery of(CommandResult result, long now) {
		DeliveryState state = switch (result.outcome()) {
			case SUCCEEDED, STARTED -> DeliveryState.SUCCEEDED;
			case FAILED, ERROR -> DeliveryState.FAILED;
			case TIMED_OUT -> DeliveryState.TIMED_OUT;
			case CANCELLED -> DeliveryState.CANCELLED;
			case REJECTED -> DeliveryState.REJECTED;
		};
		Integer exitCode = (result.exitCode() >= 0) ? result.exitCode() : null;
		return new Delivery(state.slug(), exitCode, result.stdout(), result.stderr(), result.outputTruncated(),
				Math.max(0, result.finishedAtMillis() - result.startedAtMillis()), result.error(), now, null, null,
				result.scriptOutput());
	}

	@JsonIgnore
	DeliveryState deliveryState() {
		return DeliveryState.of(this.state);
	}

}
