package io.octoplane.brain.scenario;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.OctoplaneException;

/**
 * A scenario folder or its deployment file is invalid; the detail names the file, the
 * field and what is wrong, and nothing has run.
 */
class InvalidDeploymentException extends OctoplaneException {

	InvalidDeploymentException(String file, String field, String problem) {
		super(ErrorCode.INVALID_DEPLOYMENT, file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
	}

}
