package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.octoplane.protocol.agent.CommandMode;
import org.jspecify.annotations.Nullable;

/**
 * A command job with the state and result of every target: the answer of
 * {@code POST /api/v1/commands} (just accepted, targets {@code queued}) and of {@code GET
 * /api/v1/jobs/{id}}.
 *
 * <p>
 * Per-node states: {@code queued} (waiting for the node or for a concurrency slot),
 * {@code delivered} (sent to the node), {@code running}, and the final ones
 * {@code succeeded}, {@code failed}, {@code timed-out}, {@code expired} (the node did not
 * come back before the delivery deadline; it never ran), {@code rejected} (the node
 * refused it, or is unknown), {@code cancelled}.
 *
 * @param id the job id
 * @param state the job's state
 * @param mode how the command runs
 * @param command the command line (a script's first line for script mode)
 * @param createdAt when the brain accepted it
 * @param finishedAt when the last target reached a final state, or {@code null}
 * @param results one per target, in the order the targets were given
 * @param pending number of targets not yet in a final state
 * @param success number of targets that succeeded
 * @param communicationError number of targets that never ran or whose result did not come
 * back (expired, rejected)
 * @param processError number of targets where the process failed (failed, timed-out)
 * @param cancelled number of targets cancelled
 * @param startAt for a delayed or time-aligned job, the instant (brain clock) the nodes
 * were told to start; otherwise {@code null}
 * @param startSpreadMillis for a time-aligned job, the time between the first and the
 * last start of the nodes that started, in the brain's clock; {@code null} otherwise or
 * before two nodes started
 * @param clockErrorMillis for a time-aligned job, the largest clock uncertainty among the
 * nodes that started: the true spread is within {@code startSpreadMillis} plus twice this
 * @param selectors the selectors ({@code label:...} targets) the job was started with,
 * expanded once when it was accepted into the nodes of {@code results}; {@code null} when
 * it named no selector
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResponse(String id, JobState state, CommandMode mode, String command,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("finished_at") @Nullable Instant finishedAt,
		List<NodeCommandResult> results, int pending, int success,
		@JsonProperty("communication_error") int communicationError, @JsonProperty("process_error") int processError,
		int cancelled, @JsonProperty("start_at") @Nullable Instant startAt,
		@JsonProperty("start_spread_ms") @Nullable Long startSpreadMillis,
		@JsonProperty("clock_error_ms") @Nullable Long clockErrorMillis, @Nullable List<String> selectors) {

	/**
	 * A job that started at once.
	 * @param id the job id
	 * @param state the job's state
	 * @param mode how the command runs
	 * @param command the command line
	 * @param createdAt when the brain accepted it
	 * @param finishedAt when it finished, or {@code null}
	 * @param results one per target
	 * @param pending targets not final
	 * @param success targets that succeeded
	 * @param communicationError targets that never ran or never reported
	 * @param processError targets whose process failed
	 * @param cancelled targets cancelled
	 */
	public JobResponse(String id, JobState state, CommandMode mode, String command, Instant createdAt,
			@Nullable Instant finishedAt, List<NodeCommandResult> results, int pending, int success,
			int communicationError, int processError, int cancelled) {
		this(id, state, mode, command, createdAt, finishedAt, results, pending, success, communicationError,
				processError, cancelled, null, null, null, null);
	}

	/**
	 * A job started without selectors.
	 * @param id the job id
	 * @param state the job's state
	 * @param mode how the command runs
	 * @param command the command line
	 * @param createdAt when the brain accepted it
	 * @param finishedAt when it finished, or {@code null}
	 * @param results one per target
	 * @param pending targets not final
	 * @param success targets that succeeded
	 * @param communicationError targets that never ran or never reported
	 * @param processError targets whose process failed
	 * @param cancelled targets cancelled
	 * @param startAt when nodes were told to start, or {@code null}
	 * @param startSpreadMillis spread of the starts, or {@code null}
	 * @param clockErrorMillis largest clock uncertainty, or {@code null}
	 */
	public JobResponse(String id, JobState state, CommandMode mode, String command, Instant createdAt,
			@Nullable Instant finishedAt, List<NodeCommandResult> results, int pending, int success,
			int communicationError, int processError, int cancelled, @Nullable Instant startAt,
			@Nullable Long startSpreadMillis, @Nullable Long clockErrorMillis) {
		this(id, state, mode, command, createdAt, finishedAt, results, pending, success, communicationError,
				processError, cancelled, startAt, startSpreadMillis, clockErrorMillis, null);
	}

	public JobResponse {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(command, "command must not be null");
		Objects.requireNonNull(createdAt, "createdAt must not be null");
		results = List.copyOf(results);
		selectors = (selectors != null && !selectors.isEmpty()) ? List.copyOf(selectors) : null;
	}

	/**
	 * Whether every target reached a final state. A cancelled job is done only once its
	 * running targets confirmed they stopped.
	 */
	public boolean done() {
		return this.finishedAt != null;
	}

}
