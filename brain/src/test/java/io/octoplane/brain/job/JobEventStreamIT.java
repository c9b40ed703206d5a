package io.octoplane.brain.job;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/jobs/{id}/events}: a follower of every node sees each state change
 * as its own {@code node} event, one of the end only ({@code nodes=false}) sees just the
 * final job, and the two follow the same job side by side.
 */
class JobEventStreamIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> NODES = List.of("stream1", "stream2");

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Test
	void followersOfNodesAndOfTheEndOnlySeeWhatTheyAskedFor() throws Exception {
		List<RawAgentClient> nodes = new ArrayList<>();
		try {
			for (String name : NODES) {
				PemPair pair = certs.node(name);
				RawAgentClient node = RawAgentClient.connect(
						PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()),
						this.agentServer.port());
				nodes.add(node);
				node.send(RawAgentClient.hello(name));
				assertThat(node.receive()).isInstanceOf(Welcome.class);
			}
			HttpResponse<String> accepted = operator().post("/api/v1/commands",
					"{\"targets\":[\"stream1\",\"stream2\"],\"mode\":\"shell\",\"command\":\"true\"}");
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			String id = json.readTree(accepted.body()).get("id").asString();
			CompletableFuture<String> everything = follow("/api/v1/jobs/" + id + "/events");
			CompletableFuture<String> endOnly = follow("/api/v1/jobs/" + id + "/events?nodes=false");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> List.of("2", "1")
					.equals(this.redisTemplate.<String, String>opsForHash()
						.multiGet(JobRepository.jobKey(id), List.of("followers", "waiters"))));
			for (RawAgentClient node : nodes) {
				RunCommand run = receive(node, RunCommand.class);
				long now = System.currentTimeMillis();
				node.send(new CommandStarted(run.commandId(), now));
				node.send(new CommandResult(run.commandId(), CommandOutcome.SUCCEEDED, 0, "ok\n", "", false, now, now,
						null));
			}

			List<Event> all = Event.parse(everything.get(20, TimeUnit.SECONDS));
			assertThat(all).filteredOn((event) -> event.name().equals("node"))
				.extracting((event) -> json.readTree(event.data()).get("name").asString() + " "
						+ json.readTree(event.data()).get("state").asString())
				.contains("stream1 running", "stream1 succeeded", "stream2 running", "stream2 succeeded");
			assertThat(all).last().extracting(Event::name).isEqualTo("done");

			List<Event> end = Event.parse(endOnly.get(20, TimeUnit.SECONDS));
			assertThat(end).singleElement().extracting(Event::name).isEqualTo("done");
			JsonNode done = json.readTree(end.get(0).data());
			assertThat(done.get("success").asInt()).isEqualTo(2);
			assertThat(done.get("results")).hasSize(2);
		}
		finally {
			for (RawAgentClient node : nodes) {
				node.close();
			}
		}
	}

	@Test
	void aFollowerOfTheEndOnlyOfAFinishedJobGetsItAtOnce() throws Exception {
		HttpResponse<String> accepted = operator().post("/api/v1/commands",
				"{\"targets\":[\"no-such-node\"],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> json.readTree(operator().get("/api/v1/jobs/" + id).body()).get("finished_at") != null);
		List<Event> end = Event.parse(follow("/api/v1/jobs/" + id + "/events?nodes=false").get(20, TimeUnit.SECONDS));
		assertThat(end).singleElement().extracting(Event::name).isEqualTo("done");
		assertThat(json.readTree(end.get(0).data()).get("results").get(0).get("state").asString())
			.isEqualTo("rejected");
		// The stream counts out once it ended, a moment after the last byte.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> List.of("0", "0")
				.equals(this.redisTemplate.<String, String>opsForHash()
					.multiGet(JobRepository.jobKey(id), List.of("followers", "waiters"))));
	}

	private CompletableFuture<String> follow(String path) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				HttpResponse<String> response = operator().get(path);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				return response.body();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static <T extends BrainMessage> T receive(RawAgentClient node, Class<T> type) throws IOException {
		for (int i = 0; i < 100; i++) {
			BrainMessage message = node.receive();
			if (type.isInstance(message)) {
				return type.cast(message);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " within 100 frames");
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

	/** One event of a stream: its name and data. */
	private record Event(String name, String data) {

		static List<Event> parse(String stream) {
			List<Event> events = new ArrayList<>();
			for (String block : stream.split("\n\n")) {
				String name = null;
				StringBuilder data = new StringBuilder();
				for (String line : block.split("\n")) {
					if (line.startsWith("event:")) {
						name = line.substring("event:".length());
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring("data:".length()));
					}
				}
				if (name != null) {
					events.add(new Event(name, data.toString()));
				}
			}
			return events;
		}

	}

}
