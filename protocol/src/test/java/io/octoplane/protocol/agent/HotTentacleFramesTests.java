package io.octoplane.protocol.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames of a tentacle's connect (hello, facts, welcome) on the Jackson-free path
 * against Jackson itself, as {@link HotFramesTests} does for the frames of every
 * heartbeat and command.
 */
class HotTentacleFramesTests {

	private static final byte[] DAMAGE = " {}[]\":,\\-0123456789.eEtfnulxa\u0000\u00e9"
		.getBytes(StandardCharsets.UTF_8);

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private final JacksonParity parity = new JacksonParity(this.codec);

	@Test
	void helloIsWrittenByteForByteAsJacksonWritesIt() {
		List<AgentMessage> messages = new ArrayList<>();
		for (String text : JacksonParity.writtenTexts()) {
			messages.add(new Hello(text, text, text, text, 1765000000000L));
			messages.add(new Hello("0.1.0", "h", "Linux 6.1", "amd64", 0, Set.of(text), 0));
		}
		messages.add(new Hello("0.1.0", "pi", "Linux", "aarch64", Long.MAX_VALUE,
				Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.GATEWAY, Capabilities.THIN_HEARTBEAT,
						Capabilities.mode(CommandMode.HTTP_GET), Capabilities.COMPRESS_DOWN),
				Long.MAX_VALUE));
		messages.add(new Hello("v", "h", "o", "a", Long.MIN_VALUE, Set.of("a", "b"), 300000));
		for (AgentMessage message : messages) {
			this.parity.assertWrittenAsJacksonWrites(message);
		}
		assertThat(HotFrames.frame(new Hello("v", "h", "o", "a", 1, Set.of("x", "y"), 5), 1)).isNotNull();
	}

	@Test
	void factsAreWrittenByteForByteAsJacksonWritesThem() {
		List<AgentMessage> messages = new ArrayList<>();
		messages.add(new Facts(Map.of(), Map.of(), Map.of(), 0));
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i < Facts.MAX_FACTS; i++) {
			many.put("fact_" + i, "value " + i);
		}
		messages.add(new Facts(many, Map.of("site", "lab", "example.com/role", "camera"),
				Map.of("slow.sh", "timed out after 5s"), Long.MAX_VALUE));
		for (String text : JacksonParity.writtenTexts()) {
			String value = (text.length() > Facts.MAX_VALUE) ? text.substring(0, Facts.MAX_VALUE) : text;
			messages.add(new Facts(Map.of("os.name", value, "x", "1"), Map.of(text, text), Map.of(text, text, "b", ""),
					Long.MIN_VALUE));
		}
		for (AgentMessage message : messages) {
			this.parity.assertWrittenAsJacksonWrites(message);
		}
		assertThat(HotFrames.frame(new Facts(Map.of("a", "b"), Map.of(), Map.of(), 1), 1)).isNotNull();
	}

	@Test
	void welcomesJacksonWritesAreReadWithoutIt() throws Exception {
		List<BrainMessage> messages = new ArrayList<>();
		messages.add(new Welcome("node-1", 10000, "brain-1", "0.1.0"));
		for (LinkCompression compression : new LinkCompression[] { null, LinkCompression.UP, LinkCompression.BOTH }) {
			messages.add(new Welcome("n", Long.MAX_VALUE / 10, "b", "v",
					Set.of(Capabilities.COMPRESS_UPLOAD, Capabilities.GATEWAY, Capabilities.THIN_HEARTBEAT),
					compression));
		}
		for (String text : List.of("", "c-1", "out\nput \"quoted\" \\ é €", "😀")) {
			messages.add(new Welcome(text, 1, text, text, Set.of(text), null));
		}
		for (BrainMessage message : messages) {
			byte[] frame = this.codec.encodeWithJackson(message);
			assertThat(HotTentacleFrames.readBrainMessage(frame, 5, frame.length)).isEqualTo(message);
		}
	}

	@Test
	void welcomeMembersInAnyOrderWithOddValuesReadAsJacksonReadsThem() throws Exception {
		List<String> members = List.of("\"nodeName\":\"n-1\"", "\"heartbeatIntervalMillis\":10000",
				"\"brainName\":\"b\"", "\"brainVersion\":\"0.1.0\"", "\"capabilities\":[\"gateway\",\"x\"]",
				"\"compression\":\"deflate-up\"", "\"future\":{\"x\":[1,null]}");
		Random random = new Random(31);
		for (int mask = 0; mask < (1 << members.size()); mask++) {
			List<String> chosen = new ArrayList<>();
			chosen.add("\"type\":\"welcome\"");
			for (int i = 0; i < members.size(); i++) {
				if ((mask & (1 << i)) != 0) {
					chosen.add(members.get(i));
				}
			}
			Collections.shuffle(chosen, random);
			assertSameAsJackson("{" + String.join(",", chosen) + "}");
			assertSameAsJackson(" {\n" + String.join(" ,\t", chosen).replace(":", " : ") + " } ");
		}
		List<String> values = List.of("0", "-1", "1", "1.5", "1e2", "9223372036854775807", "9223372036854775808",
				"\"5\"", "true", "false", "null", "[]", "{}", "\"\"", "\"deflate\"", "\"deflate-up\"", "\"UP\"",
				"\"BOTH\"", "\"zstd\"", "\"\\u0064eflate\"", "[\"a\"]", "[\"a\",\"a\"]", "[\"a\",\"b\",\"c\"]",
				"[null]", "[\"a\",null]", "[1]", "[true]", "[[\"a\"]]", "[{}]", "[ \"a\" , \"b\" ]", "[\"a\",]",
				"[,\"a\"]", "[\"a\" \"b\"]", "[\"\\u00e9\\n\"]", "[\"é\"]", "\"gateway\"");
		for (String value : values) {
			for (String field : List.of("nodeName", "heartbeatIntervalMillis", "brainName", "brainVersion",
					"capabilities", "compression")) {
				StringBuilder welcome = new StringBuilder("{\"type\":\"welcome\"");
				for (String member : List.of("nodeName", "heartbeatIntervalMillis", "brainName", "brainVersion")) {
					if (!member.equals(field)) {
						welcome.append(",\"")
							.append(member)
							.append("\":")
							.append(member.equals("heartbeatIntervalMillis") ? "5" : "\"x\"");
					}
				}
				welcome.append(",\"").append(field).append("\":").append(value).append('}');
				assertSameAsJackson(welcome.toString());
			}
		}
		for (String document : List.of("{\"type\":\"welcome\"}",
				"{\"type\":\"welcome\",\"nodeName\":\"a\",\"nodeName\":\"b\",\"heartbeatIntervalMillis\":1,"
						+ "\"brainName\":\"b\",\"brainVersion\":\"v\"}",
				"{\"type\":\"welcome\",\"nodeName\":\"a\",\"heartbeatIntervalMillis\":1,\"brainName\":\"b\","
						+ "\"brainVersion\":\"v\"} x",
				"{\"type\":\"Welcome\",\"nodeName\":\"a\",\"heartbeatIntervalMillis\":1,\"brainName\":\"b\","
						+ "\"brainVersion\":\"v\"}")) {
			assertSameAsJackson(document);
		}
	}

	@Test
	void truncatedAndDamagedWelcomesFailAsJacksonFails() throws Exception {
		List<byte[]> frames = List.of(
				this.codec.encodeWithJackson(new Welcome("node-1", 10000, "brain", "0.1.0",
						Set.of(Capabilities.GATEWAY, Capabilities.COMPRESS_UPLOAD), LinkCompression.UP)),
				this.codec.encodeWithJackson(new Welcome("é", 5, "b", "v", Set.of(), null)));
		Random random = new Random(37);
		for (byte[] frame : frames) {
			byte[] json = Arrays.copyOfRange(frame, 5, frame.length);
			for (int cut = 0; cut < json.length; cut++) {
				assertSameAsJackson(Arrays.copyOf(json, cut));
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
	void setsAreWrittenInTheirOwnOrder() {
		Set<String> ordered = new LinkedHashSet<>(List.of("z", "a", "m"));
		JsonOut out = new JsonOut(0, 16).strings(ordered);
		assertThat(new String(out.toBytes(), StandardCharsets.UTF_8)).isEqualTo("[\"z\",\"a\",\"m\"]");
	}

	private void assertSameAsJackson(String json) {
		assertSameAsJackson(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertSameAsJackson(byte[] json) {
		this.parity.assertReadAsJacksonReads(json, BrainMessage.class);
	}

}
