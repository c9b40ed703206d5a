package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One recorded mutating call. Never holds a secret.
 *
 * @param time when it was answered
 * @param caller who called: an operator certificate CN, {@code password:<path>} or
 * {@code token:<id>}
 * @param workgroup the workgroup it acted in
 * @param source the caller's address
 * @param action HTTP method and path, for example {@code POST /api/v1/commands}
 * @param targets node names it named, if any
 * @param status the HTTP status of the answer
 * @param detail a short description of the outcome, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant time, String caller, String workgroup, String source, String action,
		List<String> targets, int status, @Nullable String detail) {

	public AuditEntry {
		Objects.requireNonNull(time, "time must not be null");
		Objects.requireNonNull(caller, "caller must not be null");
		Objects.requireNonNull(workgroup, "workgroup must not be null");
		Objects.requireNonNull(source, "source must not be null");
		Objects.requireNonNull(action, "action must not be null");
		targets = List.copyOf(targets);
	}

}
