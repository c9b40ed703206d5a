package io.octoplane.brain.upgrade;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.OctoplaneException;

/**
 * A brain upgrade action that cannot be carried out: the brain has no launcher, or a
 * release was refused. The code says which, for octl's exit status.
 */
class UpgradeRefusedException extends OctoplaneException {

	UpgradeRefusedException(ErrorCode code, String detail) {
		super(code, detail);
	}

}
