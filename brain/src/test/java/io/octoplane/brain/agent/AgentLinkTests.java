package io.octoplane.brain.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocket;

import io.octoplane.brain.metrics.Refusals;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.HeartbeatAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.mockito.Mockito.mock;

class AgentLinkTests {

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

	private final AgentLink link = new AgentLink(mock(SSLSocket.class),
			new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES), this.watchdog, Duration.ofSeconds(30), refusals());

	@AfterEach
	void stopWatchdog() {
		this.watchdog.shutdownNow();
	}

	@Test
	void deadlineDuringTheHandshakeExpiresIt() {
		assertThat(this.link.expire()).isEqualTo(LinkState.HANDSHAKE);
		assertThat(this.link.state()).isEqualTo(LinkState.EXPIRED);
		assertThat(this.link.advance(LinkState.HANDSHAKE, LinkState.GREETING)).isFalse();
	}

	@Test
	void deadlineDuringTheGreetingExpiresIt() {
		this.link.advance(LinkState.HANDSHAKE, LinkState.GREETING);
		assertThat(this.link.expire()).isEqualTo(LinkState.GREETING);
		assertThat(this.link.advance(LinkState.GREETING, LinkState.CONTROL)).isFalse();
	}

	@Test
	void routedLinkNoLongerExpires() {
		this.link.advance(LinkState.HANDSHAKE, LinkState.GREETING);
		this.link.advance(LinkState.GREETING, LinkState.CONTROL);
		assertThat(this.link.expire()).isNull();
		assertThat(this.link.state()).isEqualTo(LinkState.CONTROL);
	}

	@Test
	void linkEndsOnceAndExpiredStaysExpired() {
		assertThat(this.link.markClosed()).isTrue();
		assertThat(this.link.markClosed()).isFalse();
		AgentLink expired = new AgentLink(mock(SSLSocket.class), new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES),
				this.watchdog, Duration.ofSeconds(30), refusals());
		expired.expire();
		assertThat(expired.markClosed()).isFalse();
		assertThat(expired.state()).isEqualTo(LinkState.EXPIRED);
	}

	@Test
	void frameToAClosedLinkFails() {
		this.link.markClosed();
		assertThatIOException().isThrownBy(() -> this.link.send(new HeartbeatAck(1, 1, 1, 1, 10_000)))
			.withMessageContaining("closed");
	}

	private static Refusals refusals() {
		return mock(Refusals.class);
	}

}
