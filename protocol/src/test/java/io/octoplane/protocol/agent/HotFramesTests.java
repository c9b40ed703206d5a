package io.octoplane.protocol.agent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jackson-free path of {@link FrameCodec} against Jackson itself: whatever it reads
 * or writes, Jackson reads or writes the same, and whatever Jackson refuses, the codec
 * refuses with the same kind of error.
 */
class HotFramesTests {

	private static final String STATUS = "{\"cpuCores\":4,\"load1\":0.5,\"load5\":1.25,\"load15\":-1.0,"
			+ "\"memoryUsedBytes\":536870912,\"memoryTotalBytes\":1073741824,\"diskUsedBytes\":7,"
			+ "\"diskTotalBytes\":10737418240,\"uptimeSeconds\":3600,\"localTimeMillis\":1765000000123}";

	private static final byte[] DAMAGE = " {}[]\":,\\-0123456789.eEtfnulxa\u0000\u00e9"
		.getBytes(StandardCharsets.UTF_8);

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private final JacksonParity parity = new JacksonParity(this.codec);

	@Test
	void heartbeatsJacksonWritesAreReadWithoutIt() throws Exception {
		NodeStatus status = new NodeStatus(2, 0.05, 0.1, 1e-7, 512L << 20, 1L << 30, 0, 10L << 30, 12, 1765000000000L);
		for (Heartbeat heartbeat : List.of(new Heartbeat(0, 1765000000000L, null, -1, 0),
				new Heartbeat(Long.MAX_VALUE / 10, -5, status, 1234, -987654321),
				new Heartbeat(7, 0, new NodeStatus(1, -1, -1, -1, 0, 0, 0, 0, 0, 0), 0, 0))) {
			byte[] json = this.codec.encodeWithJackson(heartbeat);
			assertThat(HotFrames.readAgentMessage(json, 5, json.length)).isEqualTo(heartbeat);
		}
	}

	@Test
	void commandFramesJacksonWritesAreReadWithoutIt() throws Exception {
		for (AgentMessage message : List.of(new CommandStarted("c-1", 1765000000000L),
				new CommandStarted("c-2", 5, -3, 250),
				new CommandResult("c-1", CommandOutcome.FAILED, 2, "out\nput \"quoted\" \\ é €", "", true, 1, 2,
						"why\ttab", "{\"k\":1}"),
				new CommandResult("c-1", CommandOutcome.TIMED_OUT, -1, "", "err", false, 0, 0, null, null))) {
			byte[] json = this.codec.encodeWithJackson(message);
			assertThat(HotFrames.readAgentMessage(json, 5, json.length)).isEqualTo(message);
		}
	}

	@Test
	void everyCombinationOfHeartbeatFieldsInAnyOrderReadsAsJacksonReadsIt() throws Exception {
		List<String> members = List.of("\"seq\":42", "\"sentAtMillis\":1765000000000", "\"status\":" + STATUS,
				"\"rttMicros\":-1", "\"clockOffsetMillis\":-12", "\"future\":\"ignored\"", "\"more\":[1,{\"a\":null}]");
		Random random = new Random(17);
		for (int mask = 0; mask < (1 << members.size()); mask++) {
			List<String> chosen = new ArrayList<>();
			chosen.add("\"type\":\"heartbeat\"");
			for (int i = 0; i < members.size(); i++) {
				if ((mask & (1 << i)) != 0) {
					chosen.add(members.get(i));
				}
			}
			for (int order = 0; order < 3; order++) {
				Collections.shuffle(chosen, random);
				assertRecognised("{" + String.join(",", chosen) + "}");
				assertRecognised(" \n{ " + String.join(" ,\t", chosen).replace(":", " : ") + " }\r\n");
			}
		}
	}

	@Test
	void statusMembersInAnyOrderWithNullsAndUnknownsReadAsJacksonReadsThem() throws Exception {
		List<String> members = new ArrayList<>(List.of(STATUS.substring(1, STATUS.length() - 1).split(",")));
		members.add("\"gpu\":{\"x\":[true,false]}");
		Random random = new Random(3);
		for (int round = 0; round < 200; round++) {
			List<String> chosen = new ArrayList<>();
			for (String member : members) {
				int pick = random.nextInt(4);
				if (pick == 0) {
					chosen.add(member.substring(0, member.indexOf(':') + 1) + "null");
				}
				else if (pick > 1) {
					chosen.add(member);
				}
			}
			Collections.shuffle(chosen, random);
			assertSameAsJackson("{\"type\":\"heartbeat\",\"seq\":1,\"status\":{" + String.join(",", chosen) + "}}");
		}
		assertSameAsJackson("{\"type\":\"heartbeat\",\"status\":null}");
		assertSameAsJackson("{\"type\":\"heartbeat\",\"status\":{}}");
		assertSameAsJackson("{\"type\":\"heartbeat\",\"status\":[]}");
		assertSameAsJackson("{\"type\":\"heartbeat\",\"status\":\"x\"}");
	}

	@Test
	void extremeAndOddNumbersReadAsJacksonReadsThem() throws Exception {
		List<String> numbers = List.of("0", "-0", "1", "-1", "9223372036854775807", "-9223372036854775808",
				"9223372036854775808", "-9223372036854775809", "999999999999999999", "1000000000000000000",
				"2147483647", "2147483648", "-2147483649", "1.0", "1.5", "-0.0", "1e2", "1E+2", "1e-2", "1e400",
				"-1e400", "4.9e-324", "1e-400", "0.1", "123456789012345678901234567890",
				"1.00000000000000000000000000000000000001", "01", "-", "+1", ".5", "1.", "1e", "1e+", "--1", "0x10",
				"NaN", "Infinity", "\"5\"", "\"1.5\"", "true", "false", "null", "[]", "{}", "1 2", "00");
		List<String> fields = List.of("seq", "sentAtMillis", "rttMicros", "clockOffsetMillis");
		List<String> statusFields = List.of("cpuCores", "load1", "load15", "memoryUsedBytes", "localTimeMillis");
		for (String number : numbers) {
			for (String field : fields) {
				assertSameAsJackson("{\"type\":\"heartbeat\",\"" + field + "\":" + number + "}");
			}
			for (String field : statusFields) {
				String status = STATUS.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + number);
				assertSameAsJackson("{\"type\":\"heartbeat\",\"status\":" + status + "}");
			}
			assertSameAsJackson("{\"type\":\"heartbeat\",\"unknown\":" + number + "}");
			assertSameAsJackson("{\"type\":\"command-result\",\"commandId\":\"c\",\"outcome\":\"failed\","
					+ "\"stdout\":\"\",\"stderr\":\"\",\"exitCode\":" + number + ",\"outputTruncated\":" + number
					+ "}");
		}
	}

	@Test
	void hostileStringsReadAsJacksonReadsThem() throws Exception {
		List<String> bodies = List.of("", "plain", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u0000", "\\u00e9",
				"\\uD83D\\uDE00", "\\uD800", "\\uDC00x", "\\u12", "\\u12G4", "\\x", "\\", "é", "€", "😀", "\t",
				"\u0001", "\u007f", "tab\there");
		for (String body : bodies) {
			for (String field : List.of("commandId", "stdout", "stderr", "error", "scriptOutput", "outcome")) {
				StringBuilder result = new StringBuilder("{\"type\":\"command-result\",\"exitCode\":0");
				for (String member : List.of("commandId", "stdout", "stderr", "outcome")) {
					if (!member.equals(field)) {
						result.append(",\"")
							.append(member)
							.append("\":\"")
							.append(member.equals("outcome") ? "succeeded" : "x")
							.append('"');
					}
				}
				result.append(",\"").append(field).append("\":\"").append(body).append("\"}");
				assertSameAsJackson(result.toString());
			}
			assertSameAsJackson("{\"type\":\"heartbeat\",\"note\":\"" + body + "\"}");
			assertSameAsJackson("{\"type\":\"command-started\",\"commandId\":\"" + body + "\"}");
			assertSameAsJackson("{\"type\":\"" + body + "\",\"seq\":1}");
			assertSameAsJackson("{\"" + body + "\":1,\"type\":\"heartbeat\"}");
		}
		byte[][] badUtf8 = { { (byte) 0xC0, (byte) 0x80 }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF },
				{ (byte) 0xE2, (byte) 0x82 }, { (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80 }, { (byte) 0xC3, (byte) 0xA9 } };
		for (byte[] bytes : badUtf8) {
			for (String template : List.of("{\"type\":\"command-started\",\"commandId\":\"a@b\"}",
					"{\"type\":\"heartbeat\",\"x\":\"a@b\"}", "{\"type\":\"heartbeat\",\"a@b\":1}")) {
				byte[] ascii = template.getBytes(StandardCharsets.US_ASCII);
				ByteArrayOutputStream json = new ByteArrayOutputStream();
				for (byte b : ascii) {
					if (b == '@') {
						json.write(bytes, 0, bytes.length);
					}
					else {
						json.write(b);
					}
				}
				assertSameAsJackson(json.toByteArray());
			}
		}
	}

	@Test
	void structuralOddsReadAsJacksonReadsThem() throws Exception {
		List<String> documents = List.of("", " ", "{", "}", "[]", "null", "1", "\"heartbeat\"", "{}",
				"{\"type\":\"heartbeat\"}", "{\"type\":\"heartbeat\"}{}", "{\"type\":\"heartbeat\"} x",
				"{\"type\":\"heartbeat\",}", "{,\"type\":\"heartbeat\"}", "{\"type\":\"heartbeat\" \"seq\":1}",
				"{\"type\":\"heartbeat\",\"seq\":1,\"seq\":2}", "{\"type\":\"heartbeat\",\"type\":\"heartbeat\"}",
				"{\"type\":\"heartbeat\",\"type\":\"hello\"}", "{'type':'heartbeat'}", "{type:\"heartbeat\"}",
				"{\"type\":heartbeat}", "{\"type\":1}", "{\"type\":null}", "{\"type\":\"\"}",
				"{\"type\":\"Heartbeat\"}", "{\"Type\":\"heartbeat\"}", "{\"type\":\"heartbeat\",\"seq\":-5}",
				"{\"type\":\"heartbeat\",\"rttMicros\":-2}", "{\"type\":\"heartbeat\",\"seq\":1 /* c */}",
				"\uFEFF{\"type\":\"heartbeat\"}", "{\"type\":\"heartbeat\",\"deep\":[[[[[[[[[[[[1]]]]]]]]]]]]}",
				"{\"type\":\"heartbeat\",\"x\":tru}", "{\"type\":\"heartbeat\",\"x\":nul}",
				"{\"type\":\"heartbeat\",\"x\":truex}", "{\"type\":\"command-started\"}",
				"{\"type\":\"command-started\",\"commandId\":null}", "{\"type\":\"command-started\",\"commandId\":5}",
				"{\"type\":\"command-result\",\"commandId\":\"c\"}",
				"{\"type\":\"command-result\",\"commandId\":\"c\",\"outcome\":\"exploded\",\"stdout\":\"\",\"stderr\":\"\"}",
				"{\"type\":\"command-result\",\"commandId\":\"c\",\"outcome\":\"SUCCEEDED\",\"stdout\":\"\",\"stderr\":\"\"}",
				"{\"type\":\"command-result\",\"commandId\":\"c\",\"outcome\":1,\"stdout\":\"\",\"stderr\":\"\"}",
				"{\"type\":\"command-result\",\"commandId\":\"c\",\"outcome\":\"failed\",\"stdout\":null,\"stderr\":\"\"}",
				"{\"type\":\"teleport\"}", "{\"type\":\"hello\"}");
		for (String document : documents) {
			assertSameAsJackson(document);
		}
	}

	@Test
	void truncatedAndDamagedFramesFailAsJacksonFails() throws Exception {
		List<byte[]> frames = List.of(
				this.codec.encodeWithJackson(
						new Heartbeat(3, 1765000000000L, new NodeStatus(2, 0.05, 0.1, 0.2, 1, 2, 3, 4, 5, 6), 250, -3)),
				this.codec.encodeWithJackson(new CommandStarted("cmd-1", 5, 1, 2)),
				this.codec.encodeWithJackson(new CommandResult("cmd-1", CommandOutcome.SUCCEEDED, 0, "a\"b\\c\nd é", "",
						false, 1, 2, null, "x")));
		Random random = new Random(11);
		for (byte[] frame : frames) {
			byte[] json = java.util.Arrays.copyOfRange(frame, 5, frame.length);
			for (int cut = 0; cut < json.length; cut++) {
				assertSameAsJackson(java.util.Arrays.copyOf(json, cut));
			}
			for (int round = 0; round < 3000; round++) {
				byte[] damaged = json.clone();
				int changes = 1 + random.nextInt(3);
				for (int i = 0; i < changes; i++) {
					damaged[random.nextInt(damaged.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
				}
				assertSameAsJackson(damaged);
			}
		}
	}

	@Test
	void brainFramesAreWrittenByteForByteAsJacksonWritesThem() throws Exception {
		List<BrainMessage> messages = new ArrayList<>();
		for (long value : new long[] { 0, 1, -1, 9, 10, 99, 100, 123456789, Integer.MAX_VALUE, Long.MAX_VALUE,
				Long.MIN_VALUE, Long.MIN_VALUE + 1, 999999999999999999L, 1000000000000000000L }) {
			messages.add(new HeartbeatAck(value, value, value, value, (value > 0) ? value : 1));
		}
		for (String text : JacksonParity.writtenTexts()) {
			messages.add(new ResultAck(text));
			for (CommandMode mode : CommandMode.values()) {
				messages.add(new RunCommand(text, mode, text, 1, 1));
			}
			messages.add(new RunCommand("id", CommandMode.SCRIPT, text, Long.MAX_VALUE, Integer.MAX_VALUE, true, true,
					Long.MAX_VALUE, 1));
		}
		for (BrainMessage message : messages) {
			this.parity.assertWrittenAsJacksonWrites(message);
		}
		assertThat(HotFrames.frame(new HeartbeatAck(1, 2, 3, 4, 5), 1)).isNotNull();
	}

	@Test
	void tentacleFramesAreWrittenByteForByteAsJacksonWritesThem() {
		double[] doubles = { 0.0, -0.0, 1.0, -1.0, 0.05, 0.1, 1.25, 1e-7, 1e-3, 1e7, 1e21, 123456.789, 4.9e-324,
				Double.MAX_VALUE, Double.MIN_NORMAL, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY,
				Double.NEGATIVE_INFINITY };
		long[] longs = { 0, 1, -1, 9, 10, 123456789, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
				Long.MIN_VALUE, 999999999999999999L, 1000000000000000000L };
		List<AgentMessage> messages = new ArrayList<>();
		for (double load : doubles) {
			messages.add(new Heartbeat(1, 1765000000000L,
					new NodeStatus(4, load, -load, load * 3, 1, 2, 3, 4, 5, 1765000000123L), 250, -3));
		}
		for (long value : longs) {
			messages.add(new Heartbeat(Math.abs(Math.max(value, 0)), value, null, Math.max(value, -1), value));
			long size = Math.abs(Math.max(value, 0));
			messages.add(new Heartbeat(7, value, new NodeStatus((int) Math.clamp(size, 1, Integer.MAX_VALUE), 0.5, 1.5,
					2.5, size, size, size, size, value, value), -1, value));
			messages.add(new CommandStarted("c", value, value, Math.max(value, -1)));
			messages.add(new CommandResult("c", CommandOutcome.FAILED, (int) value, "", "", value > 0, value, value,
					null, null));
		}
		for (String text : JacksonParity.writtenTexts()) {
			messages.add(new CommandStarted(text, 5));
			for (CommandOutcome outcome : CommandOutcome.values()) {
				messages.add(new CommandResult(text, outcome, 0, text, text, false, 1, 2, null, null));
			}
			messages.add(new CommandResult("c", CommandOutcome.SUCCEEDED, 0, "out", "err", true, 1, 2, text, text));
			messages.add(new CommandResult("c", CommandOutcome.ERROR, -1, "", "", false, 0, 0, text, null));
			messages.add(new CommandResult("c", CommandOutcome.SUCCEEDED, 0, "", "", false, 0, 0, null, text));
		}
		for (AgentMessage message : messages) {
			this.parity.assertWrittenAsJacksonWrites(message);
		}
		assertThat(HotFrames.frame(new CommandStarted("c", 5), 1)).isNotNull();
		assertThat(HotFrames.frame(new Heartbeat(1, 2, null, -1, 0), 1)).isNotNull();
	}

	@Test
	void brainFramesJacksonWritesAreReadWithoutIt() throws Exception {
		List<BrainMessage> messages = new ArrayList<>();
		messages.add(new HeartbeatAck(0, 1765000000000L, 1765000000001L, 1765000000002L, 10000));
		messages.add(new HeartbeatAck(Long.MAX_VALUE / 10, -5, 0, -1, 1));
		for (String text : List.of("c-1", "", "out\nput \"quoted\" \\ é €", "😀")) {
			messages.add(new ResultAck(text));
			for (CommandMode mode : CommandMode.values()) {
				messages.add(new RunCommand(text, mode, text, 30000, 1 << 20));
			}
		}
		messages.add(new RunCommand("c", CommandMode.SCRIPT, "echo hi", 5, 7, true, true, 1765000000000L, 25));
		for (BrainMessage message : messages) {
			byte[] frame = this.codec.encodeWithJackson(message);
			assertThat(HotTentacleFrames.readBrainMessage(frame, 5, frame.length)).isEqualTo(message);
		}
	}

	@Test
	void brainFramesInAnyOrderWithOddValuesReadAsJacksonReadsThem() throws Exception {
		List<String> members = List.of("\"commandId\":\"c-9\"", "\"mode\":\"shell\"", "\"command\":\"uname -a\"",
				"\"timeoutMillis\":30000", "\"outputLimitBytes\":1024", "\"continuous\":true", "\"streamOutput\":false",
				"\"startAtMillis\":0", "\"future\":{\"x\":[1,null]}");
		Random random = new Random(23);
		for (int mask = 0; mask < (1 << members.size()); mask++) {
			List<String> chosen = new ArrayList<>();
			chosen.add("\"type\":\"run-command\"");
			for (int i = 0; i < members.size(); i++) {
				if ((mask & (1 << i)) != 0) {
					chosen.add(members.get(i));
				}
			}
			Collections.shuffle(chosen, random);
			assertBrainFrameSameAsJackson("{" + String.join(",", chosen) + "}");
		}
		List<String> values = List.of("0", "-1", "1", "1.5", "1e2", "9223372036854775807", "9223372036854775808",
				"2147483648", "\"5\"", "true", "false", "null", "[]", "{}", "\"\"", "\"shell\"", "\"SHELL\"",
				"\"teleport\"", "\"\\u0073hell\"", "\"http-get\"");
		for (String value : values) {
			for (String field : List.of("commandId", "mode", "command", "timeoutMillis", "outputLimitBytes",
					"continuous", "streamOutput", "startAtMillis", "maxClockErrorMillis")) {
				StringBuilder run = new StringBuilder("{\"type\":\"run-command\"");
				for (String member : List.of("commandId", "mode", "command", "timeoutMillis", "outputLimitBytes")) {
					if (!member.equals(field)) {
						run.append(",\"").append(member).append("\":").append(switch (member) {
							case "mode" -> "\"shell\"";
							case "commandId", "command" -> "\"x\"";
							default -> "5";
						});
					}
				}
				run.append(",\"").append(field).append("\":").append(value).append('}');
				assertBrainFrameSameAsJackson(run.toString());
			}
			for (String field : List.of("seq", "tentacleSentAtMillis", "brainReceivedAtMillis", "brainSentAtMillis",
					"heartbeatIntervalMillis")) {
				assertBrainFrameSameAsJackson("{\"type\":\"heartbeat-ack\",\"heartbeatIntervalMillis\":10000,\"" + field
						+ "\":" + value + "}");
			}
			assertBrainFrameSameAsJackson("{\"type\":\"result-ack\",\"commandId\":" + value + "}");
		}
		for (String document : List.of("", "{}", "{\"type\":\"heartbeat-ack\"}", "{\"type\":\"result-ack\"}",
				"{\"type\":\"run-command\"}", "{\"type\":\"welcome\"}", "{\"type\":\"teleport\"}",
				"{\"type\":\"result-ack\",\"commandId\":\"a\",\"commandId\":\"b\"}",
				"{\"type\":\"result-ack\",\"commandId\":\"a\"} x", "{\"type\":\"heartbeat\",\"seq\":1}")) {
			assertBrainFrameSameAsJackson(document);
		}
	}

	@Test
	void truncatedAndDamagedBrainFramesFailAsJacksonFails() throws Exception {
		List<byte[]> frames = List.of(this.codec.encodeWithJackson(new HeartbeatAck(3, 1765000000000L, 1, 2, 10000)),
				this.codec.encodeWithJackson(new ResultAck("cmd-1")), this.codec.encodeWithJackson(
						new RunCommand("cmd-1", CommandMode.SHELL, "echo \"é\"\n", 30000, 1024, false, true, 0, 0)));
		Random random = new Random(29);
		for (byte[] frame : frames) {
			byte[] json = java.util.Arrays.copyOfRange(frame, 5, frame.length);
			for (int cut = 0; cut < json.length; cut++) {
				this.parity.assertReadAsJacksonReads(java.util.Arrays.copyOf(json, cut), BrainMessage.class);
			}
			for (int round = 0; round < 3000; round++) {
				byte[] damaged = json.clone();
				int changes = 1 + random.nextInt(3);
				for (int i = 0; i < changes; i++) {
					damaged[random.nextInt(damaged.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
				}
				this.parity.assertReadAsJacksonReads(damaged, BrainMessage.class);
			}
		}
	}

	private void assertRecognised(String json) throws Exception {
		assertSameAsJackson(json);
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		assertThat(HotFrames.readAgentMessage(bytes, 0, bytes.length)).as(json).isNotNull();
	}

	private void assertSameAsJackson(String json) throws Exception {
		assertSameAsJackson(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertSameAsJackson(byte[] json) {
		this.parity.assertReadAsJacksonReads(json, AgentMessage.class);
	}

	private void assertBrainFrameSameAsJackson(String json) {
		this.parity.assertReadAsJacksonReads(json.getBytes(StandardCharsets.UTF_8), BrainMessage.class);
	}

}
