package io.octoplane.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.octoplane.certs.PemPair;
import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.TunnelConnection;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.RelayOpen;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Gateways against a real brain and real tentacles: nodes behind a gateway (and behind a
 * gateway behind a gateway) are served as if they dialled the brain, the brain knows the
 * gateway from the gateway's own certificate, and breaking the gateway loses and repeats
 * nothing.
 */
class GatewayIT extends InProcessFleetTest {

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	@Test
	void nodesTwoGatewaysDeepRunCommandsAndShowTheirGateways() throws Exception {
		Tentacle outer = gateway("gwa", agentPort(), null);
		Tentacle inner = gateway("gwb", agentPort(), outer.gatewayPort());
		behind("deep1", inner.gatewayPort());
		await().atMost(WAIT)
			.ignoreExceptions()
			.until(() -> this.client.nodes().list(List.of("gwa", "gwb", "deep1"), null).online() == 3);
		JobResponse done = awaitDone(
				this.client.jobs().submit(request(List.of("deep1", "gwb"), "echo ran >> runs.txt; echo hi", 0)).id());
		assertThat(done.success()).isEqualTo(2);
		assertThat(done.results()).allSatisfy((result) -> assertThat(result.output()).isEqualTo("hi\n"));
		Map<String, String> gateways = this.client.nodes()
			.list(List.of("gwa", "gwb", "deep1"), null)
			.nodes()
			.stream()
			.collect(Collectors.toMap(NodeInfo::name, (node) -> String.valueOf(node.gateway())));
		assertThat(gateways).containsEntry("gwa", "null").containsEntry("gwb", "gwa").containsEntry("deep1", "gwa/gwb");
		assertThat(this.client.nodes().list(List.of("deep1"), null).nodes().getFirst().addr()).endsWith(" via gwb");
	}

	@Test
	void filesAndTunnelsReachANodeBehindAGateway() throws Exception {
		Tentacle gateway = gateway("gwf", agentPort(), null);
		assertThat(behind("filb1", gateway.gatewayPort()).awaitConnected(WAIT)).isTrue();
		Path file = this.work.resolve("payload.bin");
		byte[] payload = new byte[300_000];
		new Random(3).nextBytes(payload);
		Files.write(file, payload);
		StagedFile staged = this.client.files().stage(file, (done) -> {
		});
		JobResponse installed = awaitDone(
				this.client.files().install(staged, "@workspace/in", List.of("filb1"), true, WAIT, Duration.ZERO).id());
		assertThat(installed.results().getFirst().state()).isEqualTo("succeeded");
		assertThat(Files.mismatch(file, this.fleet.workspace("filb1").resolve("in/payload.bin"))).isEqualTo(-1);
		try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				try (Socket socket = service.accept()) {
					socket.getOutputStream().write("hello from behind\n".getBytes(StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			try (TunnelConnection tunnel = this.client.tunnels().open("filb1", "127.0.0.1", service.getLocalPort())) {
				assertThat(new String(tunnel.input().readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("hello from behind\n");
			}
		}
	}

	@Test
	void revokedNodeBehindAGatewayIsCutOffAndStaysOut() throws Exception {
		Tentacle gateway = gateway("gwr", agentPort(), null);
		Tentacle node = behind("revd1", gateway.gatewayPort());
		assertThat(node.awaitConnected(WAIT)).isTrue();
		this.client.nodes().revoke("revd1");
		assertThat(node.awaitState(TentacleState.STOPPED, WAIT)).isTrue();
		await().atMost(WAIT).until(() -> this.client.nodes().list(List.of("revd1"), null).online() == 0);
		// The gateway itself is untouched.
		assertThat(this.client.nodes().list(List.of("gwr"), null).online()).isEqualTo(1);
	}

	@Test
	void revokedGatewayTakesTheNodesBehindItOffline() throws Exception {
		Tentacle gateway = gateway("gwx", agentPort(), null);
		Tentacle node = behind("behx1", gateway.gatewayPort());
		assertThat(node.awaitConnected(WAIT)).isTrue();
		this.client.nodes().revoke("gwx");
		await().atMost(WAIT).until(() -> this.client.nodes().list(List.of("gwx", "behx1"), null).online() == 0);
	}

	@Test
	void gatewayCannotPassItsOwnCertificateOffAsANodeBehindIt() throws Exception {
		gateway("gwi", agentPort(), null);
		PemPair own = certs.node("gwi");
		SSLContext context = PemTls.clientContext(own.certificate(), own.privateKey(), certs.caCert());
		try (SSLSocket outer = (SSLSocket) context.getSocketFactory().createSocket("localhost", agentPort())) {
			outer.setSoTimeout((int) WAIT.toMillis());
			outer.startHandshake();
			this.codec.write(outer.getOutputStream(), new RelayOpen("10.9.9.9:1234"));
			SSLSocket inner = (SSLSocket) context.getSocketFactory()
				.createSocket(outer, "localhost", agentPort(), true);
			inner.startHandshake();
			this.codec.write(inner.getOutputStream(),
					new Hello("test", "victim", "Linux", "amd64", System.currentTimeMillis()));
			BrainMessage answer = this.codec.read(inner.getInputStream(), BrainMessage.class);
			assertThat(answer).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("through itself"));
		}
		catch (IOException ex) {
			// A reset after the Goodbye is a refusal too.
		}
		assertThatExceptionOfType(OctoplaneApiException.class)
			.isThrownBy(() -> this.client.nodes().list(List.of("victim"), null));
		// Straight to the brain, the certificate still names the gateway, whatever the
		// Hello says.
		try (SSLSocket direct = (SSLSocket) context.getSocketFactory().createSocket("localhost", agentPort())) {
			direct.setSoTimeout((int) WAIT.toMillis());
			this.codec.write(direct.getOutputStream(),
					new Hello("test", "victim", "Linux", "amd64", System.currentTimeMillis()));
			assertThat(this.codec.read(direct.getInputStream(), BrainMessage.class))
				.isInstanceOfSatisfying(Welcome.class, (welcome) -> assertThat(welcome.nodeName()).isEqualTo("gwi"));
		}
	}

	@Test
	void gatewayRestartAndUplinkCutLoseNothingAndRunNothingTwice() throws Exception {
		try (FaultyLink uplink = FaultyLink.start(agentPort())) {
			int listen = FreePorts.take();
			Tentacle gateway = this.fleet.start("gwc", uplink.port(),
					EdgeSettings.DEFAULTS.withGatewayListen(new BrainAddress("127.0.0.1", listen)));
			assertThat(gateway.awaitConnected(WAIT)).isTrue();
			behind("cutb1", listen);
			await().atMost(WAIT)
				.ignoreExceptions()
				.until(() -> this.client.nodes().list(List.of("cutb1"), null).online() == 1);
			JobResponse first = this.client.jobs()
				.submit(request(List.of("cutb1"),
						"while [ ! -e go ]; do sleep 0.1; done; echo ran >> runs.txt; echo out", 120));
			await().atMost(WAIT).until(() -> "running".equals(state(first.id())));
			uplink.cut();
			Files.writeString(this.fleet.workspace("cutb1").resolve("go"), "");
			await().atMost(WAIT).until(() -> this.fleet.lines("cutb1", "runs.txt").size() == 1);
			uplink.restore();
			JobResponse done = awaitDone(first.id());
			assertThat(done.results().getFirst().state()).isEqualTo("succeeded");
			assertThat(done.results().getFirst().output()).isEqualTo("out\n");

			Files.delete(this.fleet.workspace("cutb1").resolve("go"));
			JobResponse second = this.client.jobs()
				.submit(request(List.of("cutb1"),
						"while [ ! -e go ]; do sleep 0.1; done; echo again >> runs.txt; echo out2", 120));
			await().atMost(WAIT).until(() -> "running".equals(state(second.id())));
			this.fleet.stop("gwc");
			Files.writeString(this.fleet.workspace("cutb1").resolve("go"), "");
			await().atMost(WAIT).until(() -> this.fleet.lines("cutb1", "runs.txt").size() == 2);
			this.fleet.start("gwc", uplink.port(),
					EdgeSettings.DEFAULTS.withGatewayListen(new BrainAddress("127.0.0.1", listen)));
			JobResponse again = awaitDone(second.id());
			assertThat(again.results().getFirst().output()).isEqualTo("out2\n");
			assertThat(this.fleet.lines("cutb1", "runs.txt")).containsExactly("ran", "again");
		}
	}

	private Tentacle gateway(String name, int brainPort, Integer via) throws InterruptedException {
		EdgeSettings edge = EdgeSettings.DEFAULTS.withGatewayListen(new BrainAddress("127.0.0.1", FreePorts.take()));
		if (via != null) {
			edge = edge.withGateway(new BrainAddress("127.0.0.1", via));
		}
		Tentacle tentacle = this.fleet.start(name, brainPort, edge);
		assertThat(tentacle.awaitConnected(WAIT)).as(name + " connected").isTrue();
		assertThat(tentacle.gatewayPort()).isPositive();
		return tentacle;
	}

	private Tentacle behind(String name, int gatewayPort) {
		return this.fleet.start(name, agentPort(),
				EdgeSettings.DEFAULTS.withGateway(new BrainAddress("127.0.0.1", gatewayPort)));
	}

	private String state(String id) {
		return this.client.jobs().get(id).results().getFirst().state();
	}

	private static CommandRequest request(List<String> targets, String command, long waitOfflineSeconds) {
		return new CommandRequest(targets, CommandMode.SHELL, command, 60L, null, waitOfflineSeconds, null, null, null,
				null);
	}

}
