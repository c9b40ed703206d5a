package io.octoplane.client;

import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.AuditResponse;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail of an {@link OctoplaneClient}'s acting workgroup and the workgroups
 * below it, newest first.
 */
public final class AuditApi {

	/** Most entries one page can hold. */
	public static final int MAX_ENTRIES = 1000;

	private final Transport transport;

	AuditApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Reads the newest entries ({@code GET /api/v1/audit}).
	 * @param limit how many entries at most, 1 to {@value #MAX_ENTRIES}
	 * @return the entries
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public AuditResponse page(int limit) {
		return page(limit, null);
	}

	/**
	 * Reads one page of entries ({@code GET /api/v1/audit}); calls made while paging
	 * never shift a later page.
	 * @param limit how many entries at most, 1 to {@value #MAX_ENTRIES}
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @return the page; its {@code nextCursor} is {@code null} on the last one
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public AuditResponse page(int limit, @Nullable String cursor) {
		StringJoiner query = Transport.pageQuery(limit, MAX_ENTRIES, cursor);
		return this.transport.send(this.transport.request(ApiPaths.AUDIT, query).GET(), this.transport.requestTimeout(),
				AuditResponse.class);
	}

}
