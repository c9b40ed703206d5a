package io.octoplane.protocol.agent;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilitiesTests {

	@Test
	void tentacleThatAnnouncesNothingRunsTheModesOfVersionOne() {
		assertThat(Capabilities.runs(Set.of(), CommandMode.SHELL)).isTrue();
		assertThat(Capabilities.runs(Set.of(), CommandMode.LOG_READ)).isTrue();
		assertThat(Capabilities.runs(Set.of(), CommandMode.HTTP_GET)).isFalse();
	}

	@Test
	void newerModeNeedsItsCapability() {
		assertThat(Capabilities.mode(CommandMode.HTTP_GET)).isEqualTo("mode:http-get");
		assertThat(Capabilities.runs(Set.of("mode:http-get"), CommandMode.HTTP_GET)).isTrue();
	}

	@Test
	void helloOfAnOlderTentacleReadsWithNoCapabilities() throws Exception {
		String json = "{\"type\":\"hello\",\"agentVersion\":\"0.1.0\",\"hostname\":\"h\",\"os\":\"Linux\","
				+ "\"arch\":\"amd64\",\"startedAtMillis\":1}";
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[5 + payload.length];
		int length = payload.length + 1;
		frame[0] = (byte) (length >>> 24);
		frame[1] = (byte) (length >>> 16);
		frame[2] = (byte) (length >>> 8);
		frame[3] = (byte) length;
		frame[4] = 1;
		System.arraycopy(payload, 0, frame, 5, payload.length);
		Hello hello = (Hello) new FrameCodec(1024).read(new ByteArrayInputStream(frame), AgentMessage.class);
		assertThat(hello.capabilities()).isEmpty();
		assertThat(hello.heartbeatIntervalMillis()).isZero();
	}

	@Test
	void welcomeOfAnOlderBrainReadsWithNoCompression() throws Exception {
		FrameCodec codec = new FrameCodec(1024);
		byte[] frame = codec.encode(new Welcome("n", 1000, "b", "0.1.0"));
		Welcome welcome = (Welcome) codec.read(new ByteArrayInputStream(frame), BrainMessage.class);
		assertThat(welcome.compression()).isNull();
		assertThat(welcome.capabilities()).isEmpty();
	}

}
