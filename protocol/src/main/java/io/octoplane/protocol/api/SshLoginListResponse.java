package io.octoplane.protocol.api;

import java.util.List;

/**
 * The SSH logins of a workgroup, by name.
 *
 * @param logins the logins, sorted by name
 */
public record SshLoginListResponse(List<SshLogin> logins) {

	public SshLoginListResponse {
		logins = List.copyOf(logins);
	}

}
