package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/** The request cannot be carried out in the current state. */
public class ConflictException extends OctoplaneException {

	public ConflictException(String detail) {
		super(ErrorCode.CONFLICT, detail);
	}

	public ConflictException(ErrorCode code, String detail) {
		super(code, detail);
	}

}
