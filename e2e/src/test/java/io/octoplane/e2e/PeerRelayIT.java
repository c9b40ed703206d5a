package io.octoplane.e2e;

import java.io.ByteArrayOutputStream;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.TunnelConnection;
import io.octoplane.e2e.support.BrainSet;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.TunnelStream;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Calls that need one brain's parts answered through another, over the peer port: three
 * brain processes on one Redis, a tentacle held by brain a (through a link the test can
 * point at another brain, as a balancer would), and the operator talking to brain b.
 * Tunnels: the node's data connection lands on a or c and is relayed; an operator's
 * WebSocket may land on yet another brain. Logs and file stores: {@code brain:NAME}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PeerRelayIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String NODE = "relay1";

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = BrainSet
		.of((dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir), "brain-a", "brain-b", "brain-c")
		.with("octoplane.peer.timeout", "3s")
		// Announced once: a test may rewrite an address without a race.
		.with("octoplane.peer.announce-interval", "1h")
		.with("octoplane.tunnel.attach-timeout", "10s");

	@TempDir
	static Path work;

	static FaultyLink agentLink;

	static TentacleFleet fleet;

	ServerSocket service;

	@BeforeAll
	static void startNode() throws Exception {
		agentLink = FaultyLink.start(brains.args(0).agentPort());
		fleet = new TentacleFleet(certs, work.resolve("fleet"));
		fleet.start(NODE, agentLink.port());
		assertThat(fleet.tentacle(NODE).awaitConnected(WAIT)).isTrue();
	}

	@AfterAll
	static void stopNode() {
		if (fleet != null) {
			fleet.close();
		}
		if (agentLink != null) {
			agentLink.close();
		}
	}

	@BeforeEach
	void startService() throws IOException {
		this.service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		// New connections of the node reach brain a, which holds its control connection.
		agentLink.retarget(brains.args(0).agentPort());
	}

	@AfterEach
	void stopService() throws IOException {
		this.service.close();
	}

	@Test
	void bytesTravelBothWaysThroughABrainThatDoesNotHoldTheNode() throws Exception {
		assertDigestEcho(client(1));
	}

	@Test
	void theNodesDataConnectionMayLandOnAThirdBrain() throws Exception {
		agentLink.retarget(brains.args(2).agentPort());
		assertDigestEcho(client(1));
		Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		try (TunnelConnection tunnel = client(1).tunnels().open(NODE, "127.0.0.1", this.service.getLocalPort())) {
			assertThat(new String(tunnel.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye\n");
		}
	}

	@Test
	void anOperatorMayAttachThroughYetAnotherBrain() throws Exception {
		agentLink.retarget(brains.args(2).agentPort());
		Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				byte[] hello = socket.getInputStream().readNBytes(5);
				socket.getOutputStream().write(("got " + new String(hello, StandardCharsets.UTF_8)).getBytes());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		HttpClient http = http(certs.operator("alice"));
		// Opened through brain b, attached through brain c, node held by brain a.
		HttpResponse<String> opened = http.send(HttpRequest
			.newBuilder(URI.create(brains.args(1).restUri() + ApiPaths.NODE_TUNNELS.replace("{name}", NODE)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"host\":\"127.0.0.1\",\"port\":" + this.service.getLocalPort() + "}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		String id = opened.body().replaceAll(".*\"id\":\"([0-9a-f]+)\".*", "$1");
		Collector received = new Collector();
		URI attach = URI
			.create(brains.args(2).restUri().replace("https:", "wss:") + ApiPaths.TUNNEL.replace("{id}", id));
		WebSocket socket = http.newWebSocketBuilder()
			.buildAsync(attach, received)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		socket.sendBinary(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), true)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		socket.sendText(TunnelStream.EOF, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(received.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("got hello");
	}

	@Test
	void aBrainThatCannotBeReachedIsNamedInTheRefusal() throws Exception {
		String key = "octoplane:peers";
		RedisClient redisClient = RedisClient.create("redis://127.0.0.1:" + redis.port());
		try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			String announced = commands.hget(key, "brain-a");
			try {
				// Brain a announces an address nobody listens on (a firewall between
				// brains).
				commands.hset(key, "brain-a", "tls://localhost:1 " + (System.currentTimeMillis() + 60_000));
				assertThatThrownBy(() -> client(1).tunnels().open(NODE, "127.0.0.1", this.service.getLocalPort()))
					.isInstanceOfSatisfying(OctoplaneApiException.class, (ex) -> {
						assertThat(ex.errorCode()).contains(ErrorCode.UNAVAILABLE);
						assertThat(ex.getMessage()).contains("brain brain-a at tls://localhost:1 cannot be reached");
					});
			}
			finally {
				commands.hset(key, "brain-a", announced);
			}
		}
		finally {
			redisClient.shutdown();
		}
		fleet.stop(NODE);
		try {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThatThrownBy(
						() -> client(1).tunnels().open(NODE, "127.0.0.1", this.service.getLocalPort()))
					.isInstanceOfSatisfying(OctoplaneApiException.class,
							(ex) -> assertThat(ex.errorCode()).contains(ErrorCode.NODE_OFFLINE)));
		}
		finally {
			fleet.start(NODE, agentLink.port());
			assertThat(fleet.tentacle(NODE).awaitConnected(WAIT)).isTrue();
		}
	}

	@Test
	void aSlowReaderHoldsTheServiceBackInsteadOfFillingTheBrains() throws Exception {
		agentLink.retarget(brains.args(2).agentPort());
		long offered = 1L << 30;
		AtomicLong written = new AtomicLong();
		Thread writer = Thread.ofVirtual().start(() -> {
			byte[] chunk = new byte[64 * 1024];
			try (Socket socket = this.service.accept(); OutputStream out = socket.getOutputStream()) {
				while (written.get() < offered) {
					out.write(chunk);
					written.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				// The operator left; the tunnel was reset.
			}
		});
		try (TunnelConnection tunnel = client(1).tunnels().open(NODE, "127.0.0.1", this.service.getLocalPort())) {
			// The operator reads nothing: the service must stall once the socket buffers
			// on the way are full, far below what it offers.
			long[] last = { -1 };
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				long now = written.get();
				boolean stalled = now > 0 && now == last[0];
				last[0] = now;
				return stalled;
			});
			long stalledAt = written.get();
			assertThat(stalledAt).isLessThan(offered / 4);
			// Reading lets the service go on.
			InputStream in = tunnel.input();
			assertThat(in.readNBytes((int) Math.min(stalledAt, 8L << 20))).isNotEmpty();
			await().atMost(WAIT).until(() -> written.get() > stalledAt);
			tunnel.abort();
		}
		assertThat(writer.join(WAIT)).isTrue();
	}

	@Test
	void aNamedBrainsLogAndFileStoreAreReadThroughAnother() throws Exception {
		Path octlHome = Files.createDirectories(work.resolve("octl-b"));
		Path octl = OperatorOctlConfig.write(octlHome, certs, brains.args(1).restUri(), "timeout: 30s");
		Path store = Files.createDirectories(brains.args(0).dataDir().resolve("fstore/relayed"));
		Files.writeString(store.resolve("hello.txt"), "from brain a\n");

		OctlRun log = InProcessOctl.run(octl, octlHome, "log", "get", "brain:brain-a", "-l", "20");
		assertThat(log.exitCode()).as(log.err()).isZero();
		String line = log.out().lines().filter((each) -> !each.isBlank()).findFirst().orElseThrow();
		assertThat(Files.readString(brains.args(0).dataDir().resolve("logs/brain.log"))).contains(line);
		assertThat(Files.readString(brains.args(1).dataDir().resolve("logs/brain.log"))).doesNotContain(line);

		OctlRun listed = InProcessOctl.run(octl, octlHome, "file", "ls", "relayed", "brain:brain-a", "-o", "table");
		assertThat(listed.exitCode()).as(listed.err()).isZero();
		assertThat(listed.out()).contains("hello.txt");
		OctlRun own = InProcessOctl.run(octl, octlHome, "file", "ls", "relayed", "brain");
		assertThat(own.exitCode()).isNotZero();

		Path into = work.resolve("from-a");
		OctlRun file = InProcessOctl.run(octl, octlHome, "file", "download", "relayed/hello.txt", into.toString(),
				"brain:brain-a");
		assertThat(file.exitCode()).as(file.err()).isZero();
		assertThat(into.resolve("hello.txt")).hasContent("from brain a\n");
		OctlRun folder = InProcessOctl.run(octl, octlHome, "file", "download", "relayed", into.toString(),
				"brain:brain-a");
		assertThat(folder.exitCode()).as(folder.err()).isZero();
		assertThat(into.resolve("relayed/hello.txt")).hasContent("from brain a\n");

		OctlRun unknown = InProcessOctl.run(octl, octlHome, "log", "get", "brain:brain-z");
		assertThat(unknown.exitCode()).isNotZero();
		assertThat(unknown.err()).contains("brain-z");
	}

	private void assertDigestEcho(OctoplaneClient client) throws Exception {
		// The service reads until the client half-closes, then answers with a digest of
		// what it got: only a half-close that really arrives lets it answer.
		Thread server = Thread.ofVirtual().start(() -> {
			try (Socket socket = this.service.accept()) {
				byte[] all = socket.getInputStream().readAllBytes();
				socket.getOutputStream()
					.write(("got " + all.length + " " + Sha256.of(all)).getBytes(StandardCharsets.UTF_8));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		byte[] payload = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(payload);
		String answer;
		try (TunnelConnection tunnel = client.tunnels().open(NODE, "127.0.0.1", this.service.getLocalPort())) {
			try (OutputStream out = tunnel.output()) {
				out.write(payload);
			}
			answer = new String(tunnel.input().readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(server.join(WAIT)).isTrue();
		assertThat(answer).isEqualTo("got " + payload.length + " " + Sha256.of(payload));
	}

	private static OctoplaneClient client(int brain) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(brains.args(brain).restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

	private static HttpClient http(PemPair operator) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

	/** Gathers a tunnel WebSocket's bytes until the other side's end of stream. */
	private static final class Collector implements WebSocket.Listener {

		final CompletableFuture<String> ended = new CompletableFuture<>();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
			byte[] piece = new byte[data.remaining()];
			data.get(piece);
			this.bytes.writeBytes(piece);
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			if (TunnelStream.EOF.contentEquals(data)) {
				this.ended.complete(this.bytes.toString(StandardCharsets.UTF_8));
			}
			socket.request(1);
			return null;
		}

	}

}
