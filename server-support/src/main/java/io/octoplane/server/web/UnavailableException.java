package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/**
 * A dependency (Redis, a peer brain, a stored file) is not reachable; retrying later may
 * succeed.
 */
public class UnavailableException extends OctoplaneException {

	public UnavailableException(String detail) {
		super(ErrorCode.UNAVAILABLE, detail);
	}

}
