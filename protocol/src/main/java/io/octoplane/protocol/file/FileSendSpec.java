package io.octoplane.protocol.file;

import java.util.Objects;

/**
 * What a {@code file-send} command asks a node to do: send a file, or a folder as tar, to
 * the brain's blob store. The result's stdout is a {@link SentFile} as JSON.
 *
 * @param token one-time transfer token for the data connection
 * @param path the file or folder, absolute or starting with an {@code @} alias
 */
public record FileSendSpec(String token, String path) {

	public FileSendSpec {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(path, "path must not be null");
	}

}
