package io.octoplane.protocol.agent;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a tentacle reports for a {@link NodeappTask}, as the JSON stdout of its
 * {@link CommandResult} (the result's stderr is the script's stderr).
 *
 * @param output what a script wrote to {@code $OCTOPODA_OUTPUT}; empty otherwise
 * @param stdout the script's standard output; empty otherwise
 * @param head the nodeapp's current commit id after the task, or {@code null} when it has
 * no commit (or was purged)
 * @param log for {@link NodeappTask.Action#LOG}: the history, newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeappReport(String output, String stdout, @Nullable String head, @Nullable List<Commit> log) {

	public NodeappReport {
		Objects.requireNonNull(output, "output must not be null");
		Objects.requireNonNull(stdout, "stdout must not be null");
		log = (log != null) ? List.copyOf(log) : null;
	}

	/**
	 * One commit of a nodeapp.
	 *
	 * @param id the full commit id
	 * @param timeSeconds commit time, epoch seconds
	 * @param message the commit message
	 */
	public record Commit(String id, long timeSeconds, String message) {

		public Commit {
			Objects.requireNonNull(id, "id must not be null");
			Objects.requireNonNull(message, "message must not be null");
		}

	}

}
