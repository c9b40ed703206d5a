package io.octoplane.brain.file;

import io.octoplane.brain.web.OctoplaneException;
import io.octoplane.protocol.ErrorCode;

/** A blob is longer than {@code octoplane.file.max-blob-size}. */
class BlobTooLargeException extends OctoplaneException {

	BlobTooLargeException(long limit) {
		super(ErrorCode.PAYLOAD_TOO_LARGE,
				"the blob exceeds the limit of " + limit + " bytes (octoplane.file.max-blob-size)");
	}

}
