package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code POST /api/v1/commands} once every target has a result.
 *
 * @param id the command's id
 * @param results one per target, in the order the targets were given
 * @param success number of nodes where the command succeeded
 * @param communicationError number of nodes the command could not reach or report from
 * @param processError number of nodes where the process failed
 */
public record CommandResponse(String id, List<NodeCommandResult> results, int success,
		@JsonProperty("communication_error") int communicationError, @JsonProperty("process_error") int processError) {

	public CommandResponse {
		Objects.requireNonNull(id, "id must not be null");
		results = List.copyOf(results);
	}

	/**
	 * Builds the response and its totals from per-node results.
	 * @param id the command id
	 * @param results per-node results
	 * @return the response
	 */
	public static CommandResponse of(String id, List<NodeCommandResult> results) {
		int success = count(results, ErrorKind.NONE);
		return new CommandResponse(id, results, success, count(results, ErrorKind.COMMUNICATION),
				count(results, ErrorKind.PROCESS));
	}

	private static int count(List<NodeCommandResult> results, ErrorKind kind) {
		return (int) results.stream().filter((result) -> result.errorKind() == kind).count();
	}

}
