package io.octoplane.tentacle.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journal entries on the Jackson-free path against Jackson itself: written byte for byte
 * as Jackson writes them, and whatever is read, Jackson reads the same.
 */
class JournalJsonTests {

	// Written by the release before this path, with Jackson.
	private static final List<String> PREVIOUS_RELEASE = List.of(
			"{\"format\":1,\"commandId\":\"c-1\",\"startedAtMillis\":5,\"cancelledAtMillis\":null,"
					+ "\"cancelReason\":null,\"result\":null,\"resultSeq\":0,\"acknowledgedAtMillis\":null}",
			"{\"format\":1,\"commandId\":\"c-1\",\"startedAtMillis\":5,\"cancelledAtMillis\":7,"
					+ "\"cancelReason\":\"why\",\"result\":{\"type\":\"command-result\",\"commandId\":\"c-1\","
					+ "\"outcome\":\"succeeded\",\"exitCode\":0,\"stdout\":\"hi\\n\",\"stderr\":\"\","
					+ "\"outputTruncated\":false,\"startedAtMillis\":1,\"finishedAtMillis\":2,\"error\":null,"
					+ "\"scriptOutput\":null},\"resultSeq\":3,\"acknowledgedAtMillis\":9}",
			"{\"format\":1,\"commandId\":\"c-1\",\"startedAtMillis\":null,\"cancelledAtMillis\":null,"
					+ "\"cancelReason\":null,\"result\":{\"type\":\"command-result\",\"commandId\":\"c-1\","
					+ "\"outcome\":\"succeeded\",\"exitCode\":0,\"stdout\":\"hi\\n\",\"stderr\":\"\","
					+ "\"outputTruncated\":false,\"startedAtMillis\":1,\"finishedAtMillis\":2,\"error\":null,"
					+ "\"scriptOutput\":null},\"resultSeq\":1,\"acknowledgedAtMillis\":null}");

	private static final byte[] DAMAGE = " {}[]\":,\\-0123456789.eEtfnulxa\u0000\u00e9"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void entriesOfThePreviousReleaseAreReadWithoutJackson() {
		CommandResult result = new CommandResult("c-1", CommandOutcome.SUCCEEDED, 0, "hi\n", "", false, 1, 2, null,
				null);
		List<JournalEntry> expected = List.of(JournalEntry.started("c-1", 5),
				JournalEntry.started("c-1", 5).withResult(result, 3).withCancel(7, "why").withAcknowledged(9),
				JournalEntry.finished(result, 1));
		for (int i = 0; i < PREVIOUS_RELEASE.size(); i++) {
			byte[] bytes = PREVIOUS_RELEASE.get(i).getBytes(StandardCharsets.UTF_8);
			assertThat(JournalJson.read(bytes)).isEqualTo(expected.get(i));
			assertThat(JournalJson.write(expected.get(i))).isEqualTo(bytes);
		}
	}

	@Test
	void entriesAreWrittenByteForByteAsJacksonWritesThem() throws IOException {
		for (JournalEntry entry : entries()) {
			byte[] written = JournalJson.write(entry);
			byte[] jackson = JournalJackson.write(entry);
			if (written != null) {
				assertThat(written).as("%s", entry).isEqualTo(jackson);
				assertThat(JournalJson.read(written)).as("%s", entry).isEqualTo(entry);
			}
			assertSameAsJackson(jackson);
		}
		assertThat(JournalJson.write(JournalEntry.started("c", 1))).isNotNull();
	}

	@Test
	void oddEntriesReadAsJacksonReadsThem() throws IOException {
		String base = PREVIOUS_RELEASE.get(1);
		List<String> values = List.of("0", "1", "-1", "2", "1.0", "1e0", "\"1\"", "null", "true", "[]", "{}", "\"\"",
				"\"x\"", "9223372036854775807", "99999999999999999999", "2147483648");
		for (String field : List.of("format", "commandId", "startedAtMillis", "cancelledAtMillis", "cancelReason",
				"result", "resultSeq", "acknowledgedAtMillis", "exitCode", "outcome", "stdout", "outputTruncated",
				"finishedAtMillis", "error", "type")) {
			String member = "\"" + field + "\":";
			for (String value : values) {
				assertSameAsJackson(base.replaceFirst(member + "(\"[^\"]*\"|[^,}]*)", member + value));
			}
			assertSameAsJackson(base.replaceFirst(member + "(\"[^\"]*\"|[^,}]*),?", ""));
		}
		for (String document : List.of("", "{}", "null", "[]", base + " ", " " + base, base + "x", base + "{}",
				base.replace("{\"format\":1,", "{\"format\":1,\"format\":1,"),
				base.replace("{\"format\":1,", "{\"format\":1,\"future\":[1,{\"a\":null}],"),
				base.replace("\"c-1\"", "\"c-2\""), base.replace("\"command-result\"", "\"command-started\""))) {
			assertSameAsJackson(document);
		}
	}

	@Test
	void truncatedAndDamagedEntriesFailAsJacksonFails() throws IOException {
		Random random = new Random(41);
		for (String entry : PREVIOUS_RELEASE) {
			byte[] json = entry.getBytes(StandardCharsets.UTF_8);
			for (int cut = 0; cut < json.length; cut++) {
				assertSameAsJackson(Arrays.copyOf(json, cut));
			}
			for (int round = 0; round < 2000; round++) {
				byte[] damaged = json.clone();
				int changes = 1 + random.nextInt(3);
				for (int i = 0; i < changes; i++) {
					damaged[random.nextInt(damaged.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
				}
				assertSameAsJackson(damaged);
			}
		}
	}

	private static List<JournalEntry> entries() {
		List<JournalEntry> entries = new ArrayList<>();
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x3000; c++) {
			if (!Character.isSurrogate(c)) {
				every.append(c);
			}
		}
		for (String text : List.of("", "c-1", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080", every.toString(), "😀 pair",
				"\uD800 lone")) {
			entries.add(JournalEntry.started(text, 1765000000000L));
			entries.add(JournalEntry.started(text, -1).withCancel(Long.MAX_VALUE / 10, text));
			for (CommandOutcome outcome : CommandOutcome.values()) {
				CommandResult result = new CommandResult(text, outcome, -1, text, text, true, Long.MIN_VALUE / 10,
						Long.MAX_VALUE / 10, text, text);
				entries.add(JournalEntry.finished(result, 7));
				entries.add(JournalEntry.started(text, 3).withResult(result, 8).withAcknowledged(0));
				entries.add(JournalEntry.finished(result, 9).withoutOutput());
			}
		}
		return entries;
	}

	private static void assertSameAsJackson(String json) {
		assertSameAsJackson(json.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertSameAsJackson(byte[] json) {
		JournalEntry read = JournalJson.read(json);
		if (read == null) {
			return;
		}
		try {
			assertThat(read).as("%s", new String(json, StandardCharsets.UTF_8)).isEqualTo(JournalJackson.read(json));
		}
		catch (IOException ex) {
			throw new AssertionError("read without Jackson, refused by it: " + new String(json, StandardCharsets.UTF_8),
					ex);
		}
	}

}
