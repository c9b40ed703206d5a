package io.octoplane.server.blob;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.OctoplaneException;

/** A blob is longer than the limit its store was given. */
public class BlobTooLargeException extends OctoplaneException {

	BlobTooLargeException(long limit, String setting) {
		super(ErrorCode.PAYLOAD_TOO_LARGE, "the content exceeds the limit of " + limit + " bytes (" + setting + ")");
	}

}
