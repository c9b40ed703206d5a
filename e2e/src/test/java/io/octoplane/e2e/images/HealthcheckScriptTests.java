package io.octoplane.e2e.images;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * deploy/docker/octoplane-healthcheck, the images' health probe, run for real against
 * loopback servers: a 200 is healthy, a 503 or a closed port is not, and for the tentacle
 * an established connection to the brain's port is.
 */
class HealthcheckScriptTests {

	private static final Path SCRIPT = DockerfileRulesTests.DOCKER.resolve("octoplane-healthcheck");

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/actuator/health/readiness", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.createContext("/actuator/health/liveness", (exchange) -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void http_200_isHealthy() throws Exception {
		assertThat(probe("http", port(), "/actuator/health/readiness").status()).isZero();
	}

	@Test
	void http_503_isUnhealthy() throws Exception {
		Result result = probe("http", port(), "/actuator/health/liveness");
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.output()).contains("503");
	}

	@Test
	void http_closedPort_isUnhealthy() throws Exception {
		assertThat(probe("http", String.valueOf(FreePorts.take()), "/").status()).isEqualTo(1);
	}

	@Test
	void link_establishedConnection_isHealthy() throws Exception {
		assumeThat(Path.of("/proc/net/tcp")).exists();
		try (ServerSocket brain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket tentacle = new Socket(InetAddress.getLoopbackAddress(), brain.getLocalPort());
				Socket accepted = brain.accept()) {
			assertThat(probe("link", String.valueOf(brain.getLocalPort())).status()).isZero();
		}
	}

	@Test
	void link_noConnection_isUnhealthy() throws Exception {
		assumeThat(Path.of("/proc/net/tcp")).exists();
		assertThat(probe("link", String.valueOf(FreePorts.take())).status()).isEqualTo(1);
	}

	@Test
	void wrongUsage_exitsTwo() throws Exception {
		assertThat(probe("http", port()).status()).isEqualTo(2);
	}

	private String port() {
		return String.valueOf(this.server.getAddress().getPort());
	}

	private static Result probe(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the probe ends").isTrue();
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int status, String output) {
	}

}
