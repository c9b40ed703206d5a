package io.octoplane.protocol.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkCompressionTests {

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	@Test
	void framesWrittenThroughADeflateStreamReadBackOneByOne() throws Exception {
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		OutputStream out = LinkCompression.deflating(wire);
		for (int seq = 0; seq < 50; seq++) {
			this.codec.write(out, new Heartbeat(seq, 1_765_000_000_000L + seq * 10_000, null, 1200, -3));
		}
		InputStream in = LinkCompression.inflating(new ByteArrayInputStream(wire.toByteArray()));
		for (int seq = 0; seq < 50; seq++) {
			Heartbeat heartbeat = (Heartbeat) this.codec.read(in, AgentMessage.class);
			assertThat(heartbeat.seq()).isEqualTo(seq);
		}
	}

	@Test
	void repeatedHeartbeatsShrinkThroughTheSharedWindow() throws Exception {
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		OutputStream out = LinkCompression.deflating(wire);
		for (int seq = 0; seq < 50; seq++) {
			Heartbeat heartbeat = new Heartbeat(seq, 1_765_000_000_000L + seq * 10_000, null, 1200, -3);
			this.codec.write(plain, heartbeat);
			this.codec.write(out, heartbeat);
		}
		assertThat(wire.size()).isLessThan(plain.size() / 3);
	}

	@Test
	void eachFlushedFrameIsReadableBeforeTheNextIsWritten() throws Exception {
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		OutputStream out = LinkCompression.deflating(wire);
		this.codec.write(out, new CommandStarted("c1", 5));
		InputStream in = LinkCompression.inflating(new ByteArrayInputStream(wire.toByteArray()));
		assertThat(this.codec.read(in, AgentMessage.class)).isEqualTo(new CommandStarted("c1", 5));
	}

	@Test
	void brainAgreesOnlyToWhatTheTentacleAnnounced() {
		assertThat(LinkCompression.agreed(Set.of(), true)).isNull();
		assertThat(LinkCompression.agreed(Set.of(Capabilities.COMPRESS_DEFLATE), true)).isEqualTo(LinkCompression.UP);
		assertThat(LinkCompression.agreed(Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.COMPRESS_DOWN), true))
			.isEqualTo(LinkCompression.BOTH);
		assertThat(LinkCompression.agreed(Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.COMPRESS_DOWN), false))
			.isEqualTo(LinkCompression.UP);
	}

}
