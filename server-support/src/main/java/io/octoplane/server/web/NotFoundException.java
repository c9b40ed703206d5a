package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/** The named thing does not exist, or the caller may not know it exists. */
public class NotFoundException extends OctoplaneException {

	public NotFoundException(ErrorCode code, String detail) {
		super(code, detail);
	}

}
