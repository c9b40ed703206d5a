package io.octoplane.brain.audit;

import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code octl audit}: the acting workgroup's part of the audit trail, newest first. */
@RestController
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	/**
	 * Reads the audit trail of the acting workgroup and below, newest first, one page at
	 * a time: every mutating call and every refused one. Pass the answer's next_cursor as
	 * cursor for the next page; calls made while paging never shift a later page.
	 * @param limit most entries in the page, 1 to 1000
	 * @param cursor the next_cursor of the page before; absent for the newest entries
	 */
	@GetMapping(ApiPaths.AUDIT)
	AuditResponse recent(@RequestParam(name = "limit", defaultValue = "50") int limit,
			@RequestParam(name = "cursor", required = false) @Nullable String cursor, HttpServletRequest http) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
		}
		return this.log.page(Caller.of(http).workgroup(), limit, cursor);
	}

}
