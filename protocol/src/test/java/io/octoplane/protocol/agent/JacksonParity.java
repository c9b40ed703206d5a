package io.octoplane.protocol.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.octoplane.protocol.ProtocolVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference the codec's hand-written paths are held to: whatever they read or write,
 * Jackson reads or writes the same, and whatever Jackson refuses, the codec refuses with
 * the same kind of error.
 */
final class JacksonParity {

	private final FrameCodec codec;

	JacksonParity(FrameCodec codec) {
		this.codec = codec;
	}

	/**
	 * Texts that test a writer's escapes: every character below U+3000, pairs, lone
	 * halves.
	 */
	static List<String> writtenTexts() {
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x3000; c++) {
			if (!Character.isSurrogate(c)) {
				every.append(c);
			}
		}
		return List.of("", "c-1", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080", every.toString(), "😀 pair", "\uD800 lone",
				"lone \uDC00", "\uFFFF\uFFFE");
	}

	/**
	 * Decodes a frame's JSON with and without Jackson and expects the same message or the
	 * same kind of error.
	 */
	void assertReadAsJacksonReads(byte[] json, Class<?> family) {
		byte[] frame = new byte[json.length + 1];
		frame[0] = (byte) ProtocolVersion.CURRENT;
		System.arraycopy(json, 0, frame, 1, json.length);
		Object expected = outcome(() -> this.codec.decodeWithJackson(frame, family));
		Object actual = outcome(() -> this.codec.decode(frame, family));
		assertThat(actual).as("%s", new String(json, StandardCharsets.UTF_8)).isEqualTo(expected);
	}

	/** Encodes a message with and without Jackson and expects the same bytes or error. */
	void assertWrittenAsJacksonWrites(Object message) {
		Object expected = outcome(() -> List.of(this.codec.encodeWithJackson(message)));
		Object actual = outcome(() -> List.of(this.codec.encode(message)));
		assertThat(actual).as("%s", message).usingRecursiveComparison().isEqualTo(expected);
	}

	private static Object outcome(Coding coding) {
		try {
			return coding.run();
		}
		catch (ProtocolException ex) {
			return ex.getClass();
		}
	}

	@FunctionalInterface
	private interface Coding {

		Object run() throws ProtocolException;

	}

}
