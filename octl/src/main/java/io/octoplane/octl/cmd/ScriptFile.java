package io.octoplane.octl.cmd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;

/**
 * Reads the local script of {@code octl cmd run -ss}. The content travels inside the JSON
 * request, so it must be UTF-8 text and is capped at {@link #MAX_BYTES}.
 */
final class ScriptFile {

	/** Largest script sent inline: 1 MiB. */
	static final long MAX_BYTES = 1024 * 1024;

	private ScriptFile() {
	}

	static String read(Path script) {
		try {
			if (Files.isDirectory(script)) {
				throw invalid("script " + script + " is a directory, not a file");
			}
			long size = Files.size(script);
			if (size > MAX_BYTES) {
				throw invalid("script " + script + " is " + size + " bytes; the limit is 1 MiB (" + MAX_BYTES
						+ " bytes). Copy large files to the nodes instead");
			}
			byte[] bytes = Files.readAllBytes(script);
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (NoSuchFileException ex) {
			throw invalid("script file " + script.toAbsolutePath() + " does not exist");
		}
		catch (CharacterCodingException ex) {
			throw invalid("script " + script + " is not UTF-8 text");
		}
		catch (IOException ex) {
			throw invalid("cannot read script " + script + ": " + ex);
		}
	}

	private static ExitException invalid(String message) {
		return new ExitException(ExitStatus.INVALID_INPUT, message);
	}

}
