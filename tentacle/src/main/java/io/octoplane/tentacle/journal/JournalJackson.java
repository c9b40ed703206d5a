package io.octoplane.tentacle.journal;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journal entries read and written with Jackson, for what {@link JournalJson} leaves to
 * it: damaged or hand-edited files, whose errors Jackson words, and texts its writer does
 * not cover. Only such an entry loads this class and Jackson's.
 */
final class JournalJackson {

	// Newer tentacles may add fields; an older one reading its journal after a downgrade
	// must skip them rather than call the entry corrupt.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private JournalJackson() {
	}

	/**
	 * Reads an entry.
	 * @param bytes the file's content
	 * @return the entry
	 * @throws IOException if it is not a journal entry
	 */
	static JournalEntry read(byte[] bytes) throws IOException {
		JournalEntry entry;
		try {
			entry = MAPPER.readValue(bytes, JournalEntry.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new IOException("not a journal entry: " + firstLine(ex.getMessage()), ex);
		}
		if (entry == null) {
			throw new IOException("not a journal entry: empty");
		}
		return entry;
	}

	/**
	 * Writes an entry.
	 * @param entry the entry
	 * @return its JSON
	 * @throws IOException if it cannot be encoded
	 */
	static byte[] write(JournalEntry entry) throws IOException {
		try {
			return MAPPER.writeValueAsBytes(entry);
		}
		catch (JacksonException ex) {
			throw new IOException("cannot encode the journal entry of command " + entry.commandId(), ex);
		}
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
