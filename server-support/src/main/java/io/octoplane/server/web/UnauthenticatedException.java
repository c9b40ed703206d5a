package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;

/** The credentials in the request are missing, wrong, expired or used up. */
public class UnauthenticatedException extends OctoplaneException {

	public UnauthenticatedException(String detail) {
		super(ErrorCode.UNAUTHENTICATED, detail);
	}

}
