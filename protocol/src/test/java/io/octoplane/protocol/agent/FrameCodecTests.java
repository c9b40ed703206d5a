package io.octoplane.protocol.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameCodecTests {

	private final FrameCodec codec = new FrameCodec(1024);

	@Test
	void roundTripsEveryMessageOfBothFamilies() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		RunCommand run = new RunCommand("c1", CommandMode.SHELL, "echo hi", 1000, 64);
		CommandResult result = new CommandResult("c1", CommandOutcome.SUCCEEDED, 0, "hi\n", "", false, 1, 2, null);
		this.codec.write(out, run);
		this.codec.write(out, new Goodbye("bye", false));
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThat(this.codec.read(in, BrainMessage.class)).isEqualTo(run);
		assertThat(this.codec.read(in, BrainMessage.class)).isEqualTo(new Goodbye("bye", false));
		ByteArrayOutputStream back = new ByteArrayOutputStream();
		this.codec.write(back, result);
		assertThat(this.codec.read(new ByteArrayInputStream(back.toByteArray()), AgentMessage.class)).isEqualTo(result);
	}

	@Test
	void unknownFieldsAreIgnored() throws IOException {
		byte[] frame = frame(1, "{\"type\":\"goodbye\",\"reason\":\"r\",\"retry\":true,\"future\":42}");
		assertThat(this.codec.read(new ByteArrayInputStream(frame), BrainMessage.class))
			.isEqualTo(new Goodbye("r", true));
	}

	@Test
	void messageTypeOfANewerPeerIsSkippableAndTheNextFrameStillReads() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(frame(1, "{\"type\":\"teleport\",\"to\":\"mars\"}"));
		this.codec.write(out, new Goodbye("after", false));
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThatExceptionOfType(UnknownMessageException.class)
			.isThrownBy(() -> this.codec.read(in, BrainMessage.class))
			.withMessageContaining("'teleport'");
		assertThat(this.codec.read(in, BrainMessage.class)).isEqualTo(new Goodbye("after", false));
	}

	@Test
	void frameWithoutATypeIsMalformedNotANewerPeers() {
		byte[] frame = frame(1, "{\"reason\":\"r\",\"retry\":true}");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(frame), BrainMessage.class))
			.isNotInstanceOf(UnknownMessageException.class);
	}

	@Test
	void commandModeOfANewerBrainIsSkippableToo() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(frame(1, "{\"type\":\"run-command\",\"commandId\":\"c\",\"mode\":\"teleport\","
				+ "\"command\":\"x\",\"timeoutMillis\":5,\"outputLimitBytes\":1}"));
		this.codec.write(out, new Goodbye("after", false));
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThatExceptionOfType(UnknownMessageException.class)
			.isThrownBy(() -> this.codec.read(in, BrainMessage.class))
			.withMessageContaining("'teleport'");
		assertThat(this.codec.read(in, BrainMessage.class)).isEqualTo(new Goodbye("after", false));
	}

	@Test
	void tunnelMessagesRoundTrip() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.codec.write(out, new OpenTunnel("t1", "127.0.0.1", 22));
		this.codec.write(out, new TunnelAttach("t1", "cannot connect"));
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThat(this.codec.read(in, BrainMessage.class)).isEqualTo(new OpenTunnel("t1", "127.0.0.1", 22));
		assertThat(this.codec.read(in, AgentMessage.class)).isEqualTo(new TunnelAttach("t1", "cannot connect"));
	}

	@Test
	void fieldsAnOlderPeerDoesNotSendTakeTheirZeroValue() throws IOException {
		byte[] frame = frame(1,
				"{\"type\":\"run-command\",\"commandId\":\"c\",\"mode\":\"shell\",\"command\":\"x\",\"timeoutMillis\":5,\"outputLimitBytes\":1}");
		assertThat(this.codec.read(new ByteArrayInputStream(frame), BrainMessage.class))
			.isEqualTo(new RunCommand("c", CommandMode.SHELL, "x", 5, 1, false, false));
	}

	@Test
	void oversizedFrameIsRefusedBeforeReadingItsBody() {
		byte[] header = { 0x7f, 0, 0, 0 };
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(header), BrainMessage.class));
	}

	@Test
	void oversizedMessageIsNotWritten() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		RunCommand big = new RunCommand("c", CommandMode.SHELL, "x".repeat(2000), 1, 1);
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> this.codec.write(out, big));
		assertThat(out.size()).isZero();
	}

	@Test
	void otherProtocolVersionIsRefused() {
		byte[] frame = frame(9, "{\"type\":\"goodbye\",\"reason\":\"r\",\"retry\":true}");
		assertThatExceptionOfType(UnsupportedProtocolVersionException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(frame), BrainMessage.class))
			.withMessageContaining("version 9");
	}

	@Test
	void malformedJsonIsAProtocolError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(frame(1, "{not json")), BrainMessage.class));
	}

	@Test
	void invalidValuesAreAProtocolError() {
		byte[] frame = frame(1,
				"{\"type\":\"run-command\",\"commandId\":\"c\",\"mode\":\"shell\",\"command\":\"x\",\"timeoutMillis\":-5,\"outputLimitBytes\":1}");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(frame), BrainMessage.class))
			.withMessageContaining("timeoutMillis");
	}

	@Test
	void agentMessageIsNotAcceptedAsBrainMessage() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.codec.write(out, new Hello("1", "h", "Linux", "amd64", 0));
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(out.toByteArray()), BrainMessage.class));
	}

	@Test
	void cleanEndOfStreamIsEof() {
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> this.codec.read(new ByteArrayInputStream(new byte[0]), BrainMessage.class));
	}

	private static byte[] frame(int version, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		int length = body.length + 1;
		byte[] frame = new byte[4 + length];
		frame[0] = (byte) (length >>> 24);
		frame[1] = (byte) (length >>> 16);
		frame[2] = (byte) (length >>> 8);
		frame[3] = (byte) length;
		frame[4] = (byte) version;
		System.arraycopy(body, 0, frame, 5, body.length);
		return frame;
	}

}
