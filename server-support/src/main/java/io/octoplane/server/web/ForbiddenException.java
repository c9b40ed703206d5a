package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/** The caller is known but may not do this. */
public class ForbiddenException extends OctoplaneException {

	public ForbiddenException(String detail) {
		super(ErrorCode.FORBIDDEN, detail);
	}

}
