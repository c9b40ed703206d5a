package io.octoplane.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.TunnelConnection;
import io.octoplane.e2e.support.StreamEnds;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tunnels with real parts: a real brain, a tentacle in this JVM dialling it over mutual
 * TLS, a real TCP service on loopback, and the SDK attaching over a real WebSocket.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
// Two cases wait for it to lapse; the others attach within a second.
@TestPropertySource(properties = "octoplane.tunnel.attach-timeout=5s")
class TunnelIT extends InProcessFleetTest {

	@Autowired
	MeterRegistry meters;

	ServerSocket service;

	@BeforeEach
	void startNodeAndService() throws Exception {
		this.fleet.start("tun01", agentPort());
		assertThat(this.fleet.tentacle("tun01").awaitConnected(WAIT)).isTrue();
		this.service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void stopService() throws IOException {
		this.service.close();
	}

	@Test
	void bytesTravelBothWaysAndHalfClosesPassThrough() throws Exception {
		// The service reads until the client half-closes, then answers with a digest of
		// what it got: only a half-close that really arrives lets it answer.
		Thread server = Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				byte[] all = socket.getInputStream().readAllBytes();
				socket.getOutputStream()
					.write(("got " + all.length + " " + sha256(all)).getBytes(StandardCharsets.UTF_8));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		byte[] payload = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(payload);
		String answer;
		try (TunnelConnection tunnel = this.client.tunnels().open("tun01", "127.0.0.1", this.service.getLocalPort())) {
			try (OutputStream out = tunnel.output()) {
				out.write(payload);
			}
			answer = new String(tunnel.input().readAllBytes(), StandardCharsets.UTF_8);
		}
		server.join(WAIT);
		assertThat(answer).isEqualTo("got " + payload.length + " " + sha256(payload));
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void serviceThatClosesEndsTheTunnelForTheClient() throws Exception {
		Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		try (TunnelConnection tunnel = this.client.tunnels().open("tun01", "127.0.0.1", this.service.getLocalPort())) {
			assertThat(new String(tunnel.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye\n");
		}
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void clientThatClosesEndsTheTunnelForTheService() throws Exception {
		TunnelConnection tunnel = this.client.tunnels().open("tun01", "127.0.0.1", this.service.getLocalPort());
		try (Socket socket = this.service.accept()) {
			tunnel.output().write("hello".getBytes(StandardCharsets.UTF_8));
			tunnel.output().flush();
			byte[] hello = socket.getInputStream().readNBytes(5);
			assertThat(new String(hello, StandardCharsets.UTF_8)).isEqualTo("hello");
			tunnel.close();
			// End of stream, not a hang: the node closed its side when the operator left.
			assertThat(endsInTime(socket.getInputStream())).isTrue();
		}
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void killedNodeEndsTheTunnelWithAnError() throws Exception {
		TunnelConnection tunnel = this.client.tunnels().open("tun01", "127.0.0.1", this.service.getLocalPort());
		try (Socket socket = this.service.accept(); tunnel) {
			this.fleet.stop("tun01");
			// Both ends learn of it, the operator as an error (not a clean end of a cut
			// stream) and the service's connection ends.
			assertThat(StreamEnds.failsWithin(tunnel.input(), WAIT)).isTrue();
			assertThat(endsInTime(socket.getInputStream())).isTrue();
		}
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void serviceThatRefusesIsATunnelFailureWithTheNodesReason() throws IOException {
		int closedPort = this.service.getLocalPort();
		this.service.close();
		assertThatThrownBy(() -> this.client.tunnels().open("tun01", "127.0.0.1", closedPort))
			.isInstanceOfSatisfying(OctoplaneApiException.class, (ex) -> {
				assertThat(ex.errorCode()).contains(ErrorCode.TUNNEL_FAILED);
				assertThat(ex.getMessage()).contains("cannot connect to 127.0.0.1:" + closedPort);
			});
		assertThat(openTunnels()).isZero();
	}

	@Test
	void unknownOfflineAndBadRequestsAreRefusedClearly() throws InterruptedException {
		assertThatThrownBy(() -> this.client.tunnels().open("no-such-node", "127.0.0.1", 22)).isInstanceOfSatisfying(
				OctoplaneApiException.class, (ex) -> assertThat(ex.errorCode()).contains(ErrorCode.NODE_NOT_FOUND));
		this.fleet.stop("tun01");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThatThrownBy(() -> this.client.tunnels().open("tun01", "127.0.0.1", 22))
				.isInstanceOfSatisfying(OctoplaneApiException.class, (ex) -> {
					assertThat(ex.errorCode()).contains(ErrorCode.NODE_OFFLINE);
					assertThat(ex.getMessage()).contains("tun01 is offline");
				}));
		this.fleet.start("tun01", agentPort());
		assertThat(this.fleet.tentacle("tun01").awaitConnected(WAIT)).isTrue();
		assertThatThrownBy(() -> this.client.tunnels().open("tun01", "127.0.0.1;reboot", 22)).isInstanceOfSatisfying(
				OctoplaneApiException.class, (ex) -> assertThat(ex.errorCode()).contains(ErrorCode.INVALID_REQUEST));
		assertThatThrownBy(() -> this.client.tunnels().open("tun01", "127.0.0.1", 70000)).isInstanceOfSatisfying(
				OctoplaneApiException.class, (ex) -> assertThat(ex.errorCode()).contains(ErrorCode.INVALID_REQUEST));
	}

	@Test
	void onlyTheOperatorWhoOpenedATunnelMayAttachToIt() throws Exception {
		PemPair alice = certs.operator("alice");
		PemPair mallory = certs.operator("mallory");
		Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				socket.getOutputStream().write("secret\n".getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				// The test failed elsewhere; nothing to add.
			}
		});
		HttpClient aliceHttp = http(alice);
		String id = openWithoutAttaching(aliceHttp).replaceAll(".*\"id\":\"([0-9a-f]+)\".*", "$1");
		URI attach = URI.create("wss://localhost:" + this.port + ApiPaths.TUNNEL.replace("{id}", id));

		HttpClient malloryHttp = http(mallory);
		assertThatThrownBy(() -> malloryHttp.newWebSocketBuilder().buildAsync(attach, new WebSocket.Listener() {
		}).join()).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(404));

		// Mallory's try did not use the tunnel up: Alice still attaches.
		WebSocket socket = aliceHttp.newWebSocketBuilder().buildAsync(attach, new WebSocket.Listener() {
		}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void claimedTunnelWhoseUpgradeFailsIsClosedAllTheSame() throws Exception {
		HttpClient http = http(certs.operator("alice"));
		String id = openWithoutAttaching(http).replaceAll(".*\"id\":\"([0-9a-f]+)\".*", "$1");
		// A plain GET passes the ownership check but is no WebSocket upgrade.
		HttpResponse<String> plain = http.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + ApiPaths.TUNNEL.replace("{id}", id)))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isGreaterThanOrEqualTo(400);
		try (Socket socket = this.service.accept()) {
			assertThat(endsInTime(socket.getInputStream())).isTrue();
		}
		await().atMost(WAIT).until(() -> openTunnels() == 0);
	}

	@Test
	void openedTunnelThatNobodyAttachesIsClosed() throws Exception {
		// The SDK always attaches; a raw open that never does must not hold the node's
		// connection for ever (the attach timeout is shortened for this test class).
		openWithoutAttaching(http(certs.operator("alice")));
		try (Socket socket = this.service.accept()) {
			assertThat(endsInTime(socket.getInputStream())).isTrue();
		}
		assertThat(openTunnels()).isZero();
	}

	private static HttpClient http(PemPair operator) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

	/** Opens a tunnel to the test service with a plain REST call; returns the answer. */
	private String openWithoutAttaching(HttpClient http) throws Exception {
		HttpResponse<String> opened = http.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + ApiPaths.NODE_TUNNELS.replace("{name}", "tun01")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"host\":\"127.0.0.1\",\"port\":" + this.service.getLocalPort() + "}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return opened.body();
	}

	private double openTunnels() {
		return this.meters.get("octoplane.tunnels.open").gauge().value();
	}

	/**
	 * Whether the stream ends (end of stream or a connection error) within the wait,
	 * rather than hanging.
	 */
	private static boolean endsInTime(InputStream in) throws InterruptedException {
		Thread reader = Thread.ofVirtual().start(() -> {
			try {
				in.readAllBytes();
			}
			catch (IOException ex) {
				// A broken connection is an end too.
			}
		});
		return reader.join(WAIT);
	}

	private static String sha256(byte[] bytes) {
		return Sha256.of(bytes);
	}

}
