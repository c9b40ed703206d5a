package io.octoplane.client;

/**
 * A file job ended without success on its node (no such file, not writable, disk full,
 * refused transfer); the message carries the node's own explanation.
 */
public final class FileTransferException extends RuntimeException {

	FileTransferException(String message) {
		super(message);
	}

}
