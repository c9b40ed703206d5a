package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/** The request is malformed or out of range; retrying it unchanged cannot succeed. */
public class InvalidRequestException extends OctoplaneException {

	public InvalidRequestException(String detail) {
		super(ErrorCode.INVALID_REQUEST, detail);
	}

	public InvalidRequestException(ErrorCode code, String detail) {
		super(code, detail);
	}

}
