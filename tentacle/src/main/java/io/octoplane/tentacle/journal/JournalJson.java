package io.octoplane.tentacle.journal;

import java.nio.charset.StandardCharsets;

import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.JsonOut;
import io.octoplane.protocol.agent.JsonSpans;
import org.jspecify.annotations.Nullable;

/**
 * Journal entries read and written without Jackson, byte for byte as Jackson writes them
 * (the result embedded as its frame's JSON), so a tentacle that runs plain commands never
 * loads Jackson's classes. Anything outside the plain forms (a damaged file, a character
 * the writer leaves to Jackson) returns {@code null}, and {@link JournalJackson} does it
 * as before, errors included.
 */
final class JournalJson {

	private static final byte[] FORMAT = ascii("format");

	private static final byte[] COMMAND_ID = ascii("commandId");

	private static final byte[] STARTED_AT_MILLIS = ascii("startedAtMillis");

	private static final byte[] CANCELLED_AT_MILLIS = ascii("cancelledAtMillis");

	private static final byte[] CANCEL_REASON = ascii("cancelReason");

	private static final byte[] RESULT = ascii("result");

	private static final byte[] RESULT_SEQ = ascii("resultSeq");

	private static final byte[] ACKNOWLEDGED_AT_MILLIS = ascii("acknowledgedAtMillis");

	private static final byte[] NULL = ascii("null");

	private JournalJson() {
	}

	/**
	 * Reads an entry.
	 * @param bytes the file's content
	 * @return the entry, or {@code null} to let Jackson read it
	 */
	static @Nullable JournalEntry read(byte[] bytes) {
		try {
			JsonSpans entry = JsonSpans.document(bytes, 0, bytes.length);
			long format = entry.requiredLong(FORMAT);
			if (format != (int) format) {
				return null;
			}
			return new JournalEntry((int) format, entry.stringValue(COMMAND_ID), entry.nullableLong(STARTED_AT_MILLIS),
					entry.nullableLong(CANCELLED_AT_MILLIS), entry.stringValue(CANCEL_REASON),
					entry.commandResult(RESULT), entry.requiredLong(RESULT_SEQ),
					entry.nullableLong(ACKNOWLEDGED_AT_MILLIS));
		}
		catch (JsonSpans.NotRecognised | IllegalArgumentException | NullPointerException ex) {
			// Jackson reads it again and says what is wrong, if anything.
			return null;
		}
	}

	/**
	 * Writes an entry.
	 * @param entry the entry
	 * @return its JSON, or {@code null} to let Jackson write it
	 */
	static byte @Nullable [] write(JournalEntry entry) {
		CommandResult result = entry.result();
		int capacity = 256 + ((result != null) ? 320 + result.stdout().length() + result.stderr().length() : 0);
		try {
			JsonOut out = new JsonOut(0, capacity).raw(Names.FORMAT)
				.number(entry.format())
				.raw(Names.COMMAND_ID)
				.string(entry.commandId())
				.raw(Names.STARTED_AT_MILLIS);
			nullable(out, entry.startedAtMillis()).raw(Names.CANCELLED_AT_MILLIS);
			nullable(out, entry.cancelledAtMillis()).raw(Names.CANCEL_REASON);
			if (entry.cancelReason() != null) {
				out.string(entry.cancelReason());
			}
			else {
				out.raw(NULL);
			}
			out.raw(Names.RESULT);
			if (result != null) {
				out.commandResult(result);
			}
			else {
				out.raw(NULL);
			}
			out.raw(Names.RESULT_SEQ).number(entry.resultSeq()).raw(Names.ACKNOWLEDGED_AT_MILLIS);
			return nullable(out, entry.acknowledgedAtMillis()).raw(Names.END).toBytes();
		}
		catch (JsonSpans.NotRecognised ex) {
			return null;
		}
	}

	private static JsonOut nullable(JsonOut out, @Nullable Long value) {
		return (value != null) ? out.number(value) : out.raw(NULL);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The fixed parts of the JSON written, each up to a value. */
	private static final class Names {

		static final byte[] FORMAT = ascii("{\"format\":");

		static final byte[] COMMAND_ID = ascii(",\"commandId\":");

		static final byte[] STARTED_AT_MILLIS = ascii(",\"startedAtMillis\":");

		static final byte[] CANCELLED_AT_MILLIS = ascii(",\"cancelledAtMillis\":");

		static final byte[] CANCEL_REASON = ascii(",\"cancelReason\":");

		static final byte[] RESULT = ascii(",\"result\":");

		static final byte[] RESULT_SEQ = ascii(",\"resultSeq\":");

		static final byte[] ACKNOWLEDGED_AT_MILLIS = ascii(",\"acknowledgedAtMillis\":");

		static final byte[] END = ascii("}");

	}

}
