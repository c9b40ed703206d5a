package io.octoplane.tentacle.file;

/** A file command failed for a reason the operator should read as it is. */
final class TransferFailedException extends Exception {

	TransferFailedException(String message) {
		super(message);
	}

	TransferFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
