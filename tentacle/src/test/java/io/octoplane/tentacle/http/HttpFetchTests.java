package io.octoplane.tentacle.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.sun.net.httpserver.HttpServer;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.http.HttpGetResult;
import io.octoplane.tentacle.command.RunControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HttpFetchTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpFetch fetch = new HttpFetch(Clock.systemUTC());

	private HttpServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/status", (exchange) -> {
			byte[] body = "all good".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("X-Device", "pump-3");
			exchange.sendResponseHeaders(418, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void answerOfAnyStatusIsASucceededCommandWithStatusHeadersAndBody() {
		CommandResult result = run("{\"url\":\"" + url("/status") + "\",\"maxBodyBytes\":100,\"timeoutMillis\":5000}");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		HttpGetResult answer = this.json.readValue(result.stdout(), HttpGetResult.class);
		assertThat(answer.status()).isEqualTo(418);
		assertThat(answer.headers()).containsEntry("x-device", java.util.List.of("pump-3"));
		assertThat(answer.body()).isEqualTo("all good");
		assertThat(answer.bodyTruncated()).isFalse();
	}

	@Test
	void bodyIsCutAtTheCap() {
		CommandResult result = run("{\"url\":\"" + url("/status") + "\",\"maxBodyBytes\":3,\"timeoutMillis\":5000}");
		HttpGetResult answer = this.json.readValue(result.stdout(), HttpGetResult.class);
		assertThat(answer.body()).isEqualTo("all");
		assertThat(answer.bodyTruncated()).isTrue();
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void unreachableUrlIsAFailedCommandSayingWhy() {
		this.server.stop(0);
		CommandResult result = run("{\"url\":\"" + url("/status") + "\",\"maxBodyBytes\":3,\"timeoutMillis\":5000}");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.error()).startsWith("cannot fetch http://127.0.0.1:");
	}

	@Test
	void malformedRequestIsAFailedCommand() {
		CommandResult result = run("{\"url\":\"file:///etc/passwd\",\"maxBodyBytes\":3,\"timeoutMillis\":5000}");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.error()).contains("http or https");
	}

	private CommandResult run(String spec) {
		return this.fetch.run(new RunCommand("c1", CommandMode.HTTP_GET, spec, 10_000, 64 * 1024),
				new RunControl(null));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

}
