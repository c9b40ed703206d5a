package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.protocol.agent.LinkSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSpliceTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private ServerSocket listener;

	@BeforeEach
	void listen() throws IOException {
		this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void close() throws IOException {
		this.listener.close();
	}

	@Test
	void bytesAndHalfClosesPassBothWays() throws Exception {
		Pair left = pair();
		Pair right = pair();
		CompletableFuture<Boolean> clean = CompletableFuture
			.supplyAsync(() -> LinkSplice.run(link(left.inner), link(right.inner), "test"));
		left.outer.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
		left.outer.shutdownOutput();
		assertThat(right.outer.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("ping");
		right.outer.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
		right.outer.shutdownOutput();
		assertThat(left.outer.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("pong");
		assertThat(clean.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aBreakOnOneSideResetsTheOther() throws Exception {
		Pair left = pair();
		Pair right = pair();
		CompletableFuture<Boolean> clean = CompletableFuture
			.supplyAsync(() -> LinkSplice.run(link(left.inner), link(right.inner), "test"));
		LinkSockets.reset(left.outer);
		assertThat(clean.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
		InputStream in = right.outer.getInputStream();
		assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
	}

	private Pair pair() throws IOException {
		Socket outer = new Socket(this.listener.getInetAddress(), this.listener.getLocalPort());
		Socket inner = this.listener.accept();
		outer.setSoTimeout((int) WAIT.toMillis());
		return new Pair(outer, inner);
	}

	private static Link link(Socket socket) {
		return new Link() {

			@Override
			public InputStream in() throws IOException {
				return socket.getInputStream();
			}

			@Override
			public OutputStream out() throws IOException {
				return socket.getOutputStream();
			}

			@Override
			public void shutdownOutput() throws IOException {
				socket.shutdownOutput();
			}

			@Override
			public void close() {
				LinkSockets.reset(socket);
			}

			@Override
			public void abort() {
				LinkSockets.reset(socket);
			}

		};
	}

	private record Pair(Socket outer, Socket inner) {
	}

}
