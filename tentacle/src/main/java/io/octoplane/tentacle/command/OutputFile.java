package io.octoplane.tentacle.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.octoplane.protocol.agent.CommandResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file behind {@code $OCTOPODA_OUTPUT} for one run: fresh, readable by the tentacle's
 * user only (a script may write secrets to it), read back capped once the run ended, and
 * removed on {@link #close()}. What a script wrote there is Octopoda's result of the
 * script, so it travels beside stdout and stderr.
 */
final class OutputFile implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(OutputFile.class);

	private final Path path;

	private OutputFile(Path path) {
		this.path = path;
	}

	/**
	 * Creates an empty output file.
	 * @param folder the folder for it, created if missing
	 * @param commandId the run's command id, part of the file's name
	 * @return the file
	 * @throws IOException if it cannot be created
	 */
	static OutputFile create(Path folder, String commandId) throws IOException {
		Files.createDirectories(folder);
		return new OutputFile(Files.createTempFile(folder, "output-" + CommandRunner.safeFileName(commandId) + "-",
				".out", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
	}

	Path path() {
		return this.path;
	}

	/**
	 * Reads what was written, at most {@code limit} bytes. A file the command removed
	 * reads as empty; one that cannot be read gives no contents and says why.
	 * @param limit the most bytes kept
	 * @return the contents
	 */
	Contents read(int limit) {
		try (InputStream in = Files.newInputStream(this.path)) {
			byte[] kept = in.readNBytes(limit);
			boolean truncated = in.read() != -1;
			return new Contents(decode(kept, truncated), truncated, null);
		}
		catch (NoSuchFileException ex) {
			return new Contents("", false, null);
		}
		catch (IOException ex) {
			return new Contents(null, false, "cannot read $OCTOPODA_OUTPUT " + this.path + ": " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			logger.warn("cannot delete output file {}: {}", this.path, ex.getMessage());
		}
	}

	private static String decode(byte[] bytes, boolean truncated) {
		int length = bytes.length;
		if (truncated) {
			// Drop a character cut in half at the limit rather than show a broken one.
			int start = length;
			while (start > 0 && (bytes[start - 1] & 0xC0) == 0x80) {
				start--;
			}
			if (start > 0 && (bytes[start - 1] & 0x80) != 0) {
				int lead = bytes[start - 1] & 0xFF;
				int size = (lead >= 0xF0) ? 4 : (lead >= 0xE0) ? 3 : (lead >= 0xC0) ? 2 : 1;
				if (length - (start - 1) < size) {
					length = start - 1;
				}
			}
		}
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/**
	 * What a run wrote to its output file.
	 *
	 * @param text the contents, or {@code null} when they could not be read
	 * @param truncated whether bytes beyond the limit were dropped
	 * @param problem why the contents could not be read, or {@code null}
	 */
	record Contents(@Nullable String text, boolean truncated, @Nullable String problem) {

		/** The result with these contents as its script output. */
		CommandResult addTo(CommandResult result) {
			String error = (this.problem == null) ? result.error()
					: (result.error() == null) ? this.problem : result.error() + "; " + this.problem;
			return new CommandResult(result.commandId(), result.outcome(), result.exitCode(), result.stdout(),
					result.stderr(), result.outputTruncated() || this.truncated, result.startedAtMillis(),
					result.finishedAtMillis(), error, this.text);
		}

	}

}
