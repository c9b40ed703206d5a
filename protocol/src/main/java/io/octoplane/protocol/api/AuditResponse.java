package io.octoplane.protocol.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code GET /api/v1/audit}: one page of entries of the caller's workgroup and
 * below, newest first.
 *
 * @param entries the entries of this page
 * @param nextCursor the cursor that asks for the next, older page; absent on the last
 * page. A page may hold fewer entries than asked for and still have a next one: entries
 * of other workgroups are skipped, and one call reads only so far back.
 */
public record AuditResponse(List<AuditEntry> entries,
		@JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor) {

	public AuditResponse {
		entries = List.copyOf(entries);
	}

	/**
	 * A page that is the last one.
	 * @param entries the entries
	 */
	public AuditResponse(List<AuditEntry> entries) {
		this(entries, null);
	}

}
