package io.octoplane.brain.tunnel;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.OctoplaneException;

/** A tunnel cannot be opened; the code says why, for the operator's tools. */
class TunnelException extends OctoplaneException {

	TunnelException(ErrorCode code, String detail) {
		super(code, detail);
	}

}
