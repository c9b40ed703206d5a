package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.octoplane.protocol.agent.CommandMode;
import org.jspecify.annotations.Nullable;

/**
 * One job in {@code GET /api/v1/jobs}: its counters without per-node output.
 *
 * @param id the job id
 * @param state the job's state
 * @param mode how the command runs
 * @param command the command line, at most 200 characters
 * @param createdAt when the brain accepted it
 * @param finishedAt when it completed, or {@code null}
 * @param total number of targets
 * @param pending targets not yet final
 * @param success targets that succeeded
 * @param communicationError targets that never ran or did not report
 * @param processError targets where the process failed
 * @param cancelled targets cancelled
 * @param selectors the selectors the job was started with, or {@code null} when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSummary(String id, JobState state, CommandMode mode, String command,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("finished_at") @Nullable Instant finishedAt,
		int total, int pending, int success, @JsonProperty("communication_error") int communicationError,
		@JsonProperty("process_error") int processError, int cancelled, @Nullable List<String> selectors) {

	/**
	 * A job started without selectors.
	 * @param id the job id
	 * @param state the job's state
	 * @param mode how the command runs
	 * @param command the command line
	 * @param createdAt when the brain accepted it
	 * @param finishedAt when it completed, or {@code null}
	 * @param total number of targets
	 * @param pending targets not yet final
	 * @param success targets that succeeded
	 * @param communicationError targets that never ran or did not report
	 * @param processError targets where the process failed
	 * @param cancelled targets cancelled
	 */
	public JobSummary(String id, JobState state, CommandMode mode, String command, Instant createdAt,
			@Nullable Instant finishedAt, int total, int pending, int success, int communicationError, int processError,
			int cancelled) {
		this(id, state, mode, command, createdAt, finishedAt, total, pending, success, communicationError, processError,
				cancelled, null);
	}

	public JobSummary {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(command, "command must not be null");
		Objects.requireNonNull(createdAt, "createdAt must not be null");
		selectors = (selectors != null && !selectors.isEmpty()) ? List.copyOf(selectors) : null;
	}

}
