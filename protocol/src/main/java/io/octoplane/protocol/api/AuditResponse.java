package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/audit}: entries of the caller's workgroup and below,
 * newest first.
 *
 * @param entries the entries
 */
public record AuditResponse(List<AuditEntry> entries) {

	public AuditResponse {
		entries = List.copyOf(entries);
	}

}
