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
 * final job, and the two follow the same job side by side. {@code POST
 * /api/v1/commands?follow=true} starts a job and streams the same events, after the job
 * as accepted.
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
				nodes.add(connected(name));
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

	@Test
	void aJobStartedAndFollowedInOneRequestIsAcceptedFirstThenEveryChangeThenDone() throws Exception {
		try (RawAgentClient node = connected("stream1")) {
			CompletableFuture<HttpResponse<String>> started = start("/api/v1/commands?follow=true",
					"{\"targets\":[\"stream1\",\"no-such-node\"],\"mode\":\"shell\",\"command\":\"true\"}");
			RunCommand run = receive(node, RunCommand.class);
			// Counted with the job itself, before its first settle step.
			assertThat(this.redisTemplate.<String, String>opsForHash()
				.multiGet(JobRepository.jobKey(run.commandId()), List.of("followers", "waiters")))
				.containsExactly("1", "0");
			long now = System.currentTimeMillis();
			node.send(new CommandStarted(run.commandId(), now));
			node.send(
					new CommandResult(run.commandId(), CommandOutcome.SUCCEEDED, 0, "ok\n", "", false, now, now, null));

			HttpResponse<String> response = started.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + run.commandId());
			List<Event> events = Event.parse(response.body());
			assertThat(events).first().extracting(Event::name).isEqualTo("accepted");
			JsonNode accepted = json.readTree(events.get(0).data());
			assertThat(accepted.get("id").asString()).isEqualTo(run.commandId());
			assertThat(accepted.get("state").asString()).isEqualTo("running");
			assertThat(accepted.get("finished_at")).isNull();
			assertThat(events).filteredOn((event) -> event.name().equals("node"))
				.extracting((event) -> json.readTree(event.data()).get("name").asString() + " "
						+ json.readTree(event.data()).get("state").asString())
				.containsSubsequence("stream1 queued", "stream1 running", "stream1 succeeded")
				.contains("no-such-node rejected");
			assertThat(events).last().extracting(Event::name).isEqualTo("done");
			assertThat(json.readTree(events.get(events.size() - 1).data()).get("success").asInt()).isEqualTo(1);
			awaitFollowers(run.commandId(), "0", "0");
		}
	}

	@Test
	void aJobStartedAndFollowedForItsEndOnlyStreamsTheAcceptedJobAndTheFinalOne() throws Exception {
		try (RawAgentClient node = connected("stream2")) {
			CompletableFuture<HttpResponse<String>> started = start("/api/v1/commands?follow=true&nodes=false",
					"{\"targets\":[\"stream2\"],\"mode\":\"shell\",\"command\":\"true\"}");
			RunCommand run = receive(node, RunCommand.class);
			assertThat(this.redisTemplate.<String, String>opsForHash()
				.multiGet(JobRepository.jobKey(run.commandId()), List.of("followers", "waiters")))
				.containsExactly("1", "1");
			long now = System.currentTimeMillis();
			node.send(new CommandStarted(run.commandId(), now));
			node.send(new CommandResult(run.commandId(), CommandOutcome.FAILED, 3, "", "no\n", false, now, now, null));

			HttpResponse<String> response = started.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(Event.parse(response.body())).extracting(Event::name).containsExactly("accepted", "done");
			JsonNode done = json.readTree(Event.parse(response.body()).get(1).data());
			assertThat(done.get("process_error").asInt()).isEqualTo(1);
			assertThat(done.get("results").get(0).get("exit_code").asInt()).isEqualTo(3);
			awaitFollowers(run.commandId(), "0", "0");
		}
	}

	@Test
	void aJobWhoseTargetsAllFailAtOnceIsAcceptedAndDoneInTheSameStream() throws Exception {
		HttpResponse<String> response = operator().post("/api/v1/commands?follow=true&nodes=false",
				"{\"targets\":[\"no-such-node\"],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<Event> events = Event.parse(response.body());
		assertThat(events).extracting(Event::name).containsExactly("accepted", "done");
		assertThat(json.readTree(events.get(1).data()).get("results").get(0).get("state").asString())
			.isEqualTo("rejected");
	}

	@Test
	void aStartTheBrainRefusesIsAProblemNotAStreamAndStoresNoJob() throws Exception {
		int jobsBefore = jobCount();
		HttpResponse<String> empty = operator().post("/api/v1/commands?follow=true",
				"{\"targets\":[],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(empty.body()).get("detail").asString()).contains("at least one node");
		HttpResponse<String> fileMode = operator().post("/api/v1/commands?follow=true",
				"{\"targets\":[\"stream1\"],\"mode\":\"file-list\",\"command\":\"/tmp\"}");
		assertThat(fileMode.statusCode()).isEqualTo(400);
		assertThat(fileMode.body()).contains("octl file");
		HttpResponse<String> badJson = operator().post("/api/v1/commands?follow=true", "{\"targets\":[");
		assertThat(badJson.statusCode()).isEqualTo(400);
		assertThat(jobCount()).isEqualTo(jobsBefore);
	}

	private RawAgentClient connected(String name) throws Exception {
		PemPair pair = certs.node(name);
		RawAgentClient node = RawAgentClient.connect(
				PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()), this.agentServer.port());
		node.send(RawAgentClient.hello(name));
		assertThat(node.receive()).isInstanceOf(Welcome.class);
		return node;
	}

	private int jobCount() throws Exception {
		return json.readTree(operator().get("/api/v1/jobs?limit=1000").body()).get("jobs").size();
	}

	private CompletableFuture<HttpResponse<String>> start(String path, String body) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return operator().post(path, body);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private void awaitFollowers(String id, String followers, String waiters) {
		// The stream counts out once it ended, a moment after the last byte.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> List.of(followers, waiters)
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
