package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.octoplane.client.JobListener;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobState;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.testsupport.link.FaultyLink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Steward's promise against a real brain and real tentacles: delivery to nodes that come
 * back, deadlines, links cut mid-run, and the fan-out controls, each checked by counting
 * real executions on the nodes rather than by timing.
 */
class DeliveryIT extends InProcessFleetTest {

	@Test
	void commandWaitsForOfflineNodeAndRunsOnceWhenItReturns() throws Exception {
		this.fleet.startAll("late", 1, agentPort());
		this.fleet.stop("late01");
		awaitOffline("late01");
		JobResponse accepted = this.client.jobs()
			.submit(request(List.of("late01"), "echo ran >> runs.txt; echo hello", 60));
		assertThat(accepted.results().get(0).state()).isEqualTo("queued");
		this.fleet.start("late01", agentPort());
		JobResponse done = awaitDone(accepted.id());
		NodeCommandResult result = done.results().get(0);
		assertThat(result.state()).isEqualTo("succeeded");
		assertThat(result.output()).isEqualTo("hello\n");
		// A restart replays nothing: the command is final and its journal entry stays.
		this.fleet.start("late01", agentPort());
		awaitFollowUpRuns("late01");
		assertThat(this.fleet.lines("late01", "runs.txt")).containsExactly("ran");
	}

	@Test
	void commandPastItsDeliveryDeadlineExpiresAndNeverRuns() throws Exception {
		this.fleet.startAll("gone", 1, agentPort());
		this.fleet.stop("gone01");
		awaitOffline("gone01");
		JobResponse accepted = this.client.jobs().submit(request(List.of("gone01"), "echo ran >> runs.txt", 1));
		JobResponse done = awaitDone(accepted.id());
		assertThat(done.results().get(0).state()).isEqualTo("expired");
		assertThat(done.communicationError()).isEqualTo(1);
		this.fleet.start("gone01", agentPort());
		// Queues are replayed in order, so once a later command ran, an earlier one would
		// have run first.
		awaitFollowUpRuns("gone01");
		assertThat(this.fleet.lines("gone01", "runs.txt")).isEmpty();
	}

	@Test
	void resultProducedWhileTheLinkIsCutArrivesAfterReconnect() throws Exception {
		try (FaultyLink link = FaultyLink.start(agentPort())) {
			this.fleet.start("cut01", link.port());
			await().atMost(WAIT).until(() -> this.client.nodes().list(List.of("cut01"), null).online() == 1);
			JobResponse accepted = this.client.jobs()
				.submit(request(List.of("cut01"),
						"while [ ! -e go ]; do sleep 0.1; done; echo ran >> runs.txt; echo out", 0));
			await().atMost(WAIT).until(() -> "running".equals(state(accepted.id())));
			link.cut();
			Files.writeString(this.fleet.workspace("cut01").resolve("go"), "");
			await().atMost(WAIT).until(() -> this.fleet.lines("cut01", "runs.txt").size() == 1);
			assertThat(state(accepted.id())).isEqualTo("running");
			link.restore();
			JobResponse done = awaitDone(accepted.id());
			assertThat(done.results().get(0).state()).isEqualTo("succeeded");
			assertThat(done.results().get(0).output()).isEqualTo("out\n");
			assertThat(this.fleet.lines("cut01", "runs.txt")).containsExactly("ran");
		}
	}

	@Test
	void maxConcurrencyBoundsHowManyNodesRunAtOnce() throws Exception {
		List<String> nodes = this.fleet.startAll("conc", 6, agentPort());
		Path shared = Files.createDirectories(this.work.resolve("shared"));
		String command = "node=$(basename \"$PWD\"); mkdir -p " + shared + "/running; touch " + shared
				+ "/running/$node; ls " + shared + "/running | wc -l > seen.txt; sleep 0.3; rm " + shared
				+ "/running/$node";
		JobResponse done = awaitDone(this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, command, 30L, null, null, "2", null, null, null))
			.id());
		assertThat(done.success()).isEqualTo(6);
		List<Integer> seen = new ArrayList<>();
		for (String node : nodes) {
			seen.add(Integer.parseInt(this.fleet.lines(node, "seen.txt").get(0).trim()));
		}
		assertThat(Collections.max(seen)).isLessThanOrEqualTo(2);
	}

	@Test
	void nodesComingBackTogetherStillRespectMaxConcurrency() throws Exception {
		List<String> nodes = this.fleet.startAll("back", 6, agentPort());
		nodes.forEach(this.fleet::stop);
		nodes.forEach(this::awaitOffline);
		Path shared = Files.createDirectories(this.work.resolve("shared-back"));
		String command = "node=$(basename \"$PWD\"); mkdir -p " + shared + "/running; touch " + shared
				+ "/running/$node; ls " + shared + "/running | wc -l > seen.txt; sleep 0.3; rm " + shared
				+ "/running/$node";
		String id = this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, command, 30L, null, 120L, "2", null, null, null))
			.id();
		// Each returning node is served from the job's counters alone, not a scan of all
		// targets; the limit must hold all the same.
		nodes.forEach((node) -> this.fleet.start(node, agentPort()));
		JobResponse done = awaitDone(id);
		assertThat(done.success()).isEqualTo(6);
		List<Integer> seen = new ArrayList<>();
		for (String node : nodes) {
			seen.add(Integer.parseInt(this.fleet.lines(node, "seen.txt").get(0).trim()));
		}
		assertThat(Collections.max(seen)).isLessThanOrEqualTo(2);
	}

	@Test
	void maxErrorsStopsStartingNewNodes() throws Exception {
		List<String> nodes = this.fleet.startAll("err", 6, agentPort());
		Path runs = this.work.resolve("error-runs.txt");
		JobResponse done = awaitDone(this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, "echo x >> " + runs + "; exit 1", 30L, null, null, "1",
					"2", null, null))
			.id());
		assertThat(Files.readAllLines(runs)).hasSize(3);
		assertThat(done.processError()).isEqualTo(3);
		assertThat(done.cancelled()).isEqualTo(3);
		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void cancelKillsTheRunningNodeAndSkipsTheQueuedOnes() throws Exception {
		List<String> nodes = this.fleet.startAll("stop", 3, agentPort());
		JobResponse accepted = this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, "echo started >> runs.txt; sleep 60", 120L, null, null,
					"1", null, null, null));
		await().atMost(WAIT)
			.until(() -> this.client.jobs()
				.get(accepted.id())
				.results()
				.stream()
				.anyMatch((result) -> "running".equals(result.state())));
		this.client.jobs().cancel(accepted.id());
		JobResponse done = awaitDone(accepted.id());
		assertThat(done.state()).isEqualTo(JobState.CANCELLED);
		assertThat(done.cancelled()).isEqualTo(3);
		int started = 0;
		for (String node : nodes) {
			started += this.fleet.lines(node, "runs.txt").size();
		}
		assertThat(started).isEqualTo(1);
	}

	@Test
	void continuousCommandStreamsOutputUntilItsTimeLimit() throws Exception {
		this.fleet.startAll("tail", 1, agentPort());
		List<String> live = Collections.synchronizedList(new ArrayList<>());
		JobResponse accepted = this.client.jobs()
			.submit(new CommandRequest(List.of("tail01"), CommandMode.SHELL,
					"i=0; while true; do i=$((i+1)); echo line$i; sleep 0.2; done", 2L, null, null, null, null, true,
					true));
		JobResponse done = this.client.jobs().await(accepted.id(), WAIT, new JobListener() {
			@Override
			public void onOutput(NodeOutputEvent output) {
				live.add(output.data());
			}
		});
		NodeCommandResult result = done.results().get(0);
		assertThat(result.state()).isEqualTo("succeeded");
		assertThat(result.output()).startsWith("line1\nline2\n");
		assertThat(String.join("", live)).startsWith("line1\n");
	}

	private CommandRequest request(List<String> targets, String command, long waitOfflineSeconds) {
		return new CommandRequest(targets, CommandMode.SHELL, command, 30L, null, waitOfflineSeconds, null, null, null,
				null);
	}

	private String state(String id) {
		return this.client.jobs().get(id).results().get(0).state();
	}

	private void awaitOffline(String name) {
		await().atMost(WAIT).until(() -> this.client.nodes().list(List.of(name), null).offline() == 1);
	}

	private void awaitFollowUpRuns(String name) throws Exception {
		await().atMost(WAIT).until(() -> this.client.nodes().list(List.of(name), null).online() == 1);
		JobResponse followUp = awaitDone(this.client.jobs().submit(request(List.of(name), "echo follow-up", 0)).id());
		assertThat(followUp.results().get(0).state()).isEqualTo("succeeded");
	}

}
