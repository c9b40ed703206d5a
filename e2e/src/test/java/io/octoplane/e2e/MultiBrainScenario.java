package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.octoplane.certs.PemPair;
import io.octoplane.client.FileApi;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.BrainSet;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.process.BrainArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two brains share one Redis. Tentacles reach them through a load balancer that sends
 * every connection to brain A; operators talk to brain B. B must see A's nodes, route
 * commands, files, cancels and revocations to them through Redis and its peers, and take
 * the nodes over when A dies, delivering what was queued for them meanwhile. Both brains
 * are real child processes; subclasses choose the Redis (one server, or a cluster).
 */
abstract class MultiBrainScenario {

	static final CertFixtures certs = BrainTestSupport.certificates();

	@TempDir
	Path work;

	/** Brains a and b on the Redis under test, made by {@link #twoBrains}. */
	abstract BrainSet brains();

	/**
	 * Brains a and b with heartbeat timings that two brains, a cluster and the build on a
	 * small machine keep without nodes flapping offline, as each subclass registers them.
	 * @param base a brain's arguments for the Redis under test, given its data folder
	 * @return the brains, not started
	 */
	static BrainSet twoBrains(Function<Path, BrainArgs> base) {
		return BrainSet.of(base, "brain-a", "brain-b").withSteadyHeartbeats();
	}

	@Test
	void brainBReachesTheNodesOfBrainAAndTakesThemOverWhenADies() throws Exception {
		BrainArgs argsA = brains().args(0);
		BrainArgs argsB = brains().args(1);
		try (FaultyLink balancer = FaultyLink.start(argsA.agentPort());
				TentacleFleet fleet = new TentacleFleet(certs, this.work)) {
			List<String> nodes = fleet.startAll("mb", 3, balancer.port());
			OctoplaneClient viaB = client(argsB);

			// B lists the nodes A holds, from the registry they share.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> viaB.nodes().list(nodes, null).nodes().stream().map(NodeInfo::state).toList(),
						(states) -> states.stream().allMatch(NodeState.ONLINE::equals));

			// A command sent to B runs on A's nodes.
			JobResponse ran = viaB.jobs()
				.await(viaB.jobs().submit(shell(nodes, "echo routed", 0L)).id(), Duration.ofSeconds(60),
						new JobListener() {
						});
			assertThat(ran.results()).hasSize(3).allSatisfy((result) -> {
				assertThat(result.state()).as(result.name()).isEqualTo("succeeded");
				assertThat(result.output()).contains("routed");
			});

			// A file uploaded through B reaches nodes A holds: A fetches the blob from B.
			Path local = Files.writeString(this.work.resolve("shared.txt"), "uploaded through brain b\n");
			FileApi.StagedFile staged = viaB.files().stage(local, (done) -> {
			});
			JobResponse installed = viaB.jobs()
				.await(viaB.files()
					.install(staged, "@workspace", List.of("mb01", "mb02"), true, Duration.ofMinutes(1), Duration.ZERO)
					.id(), Duration.ofSeconds(60), new JobListener() {
					});
			assertThat(installed.results()).extracting(NodeCommandResult::state).containsOnly("succeeded");
			assertThat(fleet.lines("mb01", "shared.txt")).containsExactly("uploaded through brain b");

			// A cancel sent to B stops a command running on a node A holds.
			JobResponse sleeping = viaB.jobs()
				.submit(shell(List.of("mb01"), "echo started > started.txt; sleep 60", 60L));
			await().atMost(Duration.ofSeconds(30)).until(() -> !fleet.lines("mb01", "started.txt").isEmpty());
			viaB.jobs().cancel(sleeping.id());
			JobResponse cancelled = viaB.jobs().await(sleeping.id(), Duration.ofSeconds(30), new JobListener() {
			});
			assertThat(cancelled.results().get(0).state()).isIn("cancelled", "failed");

			// A revocation sent to B cuts the node off at A.
			Tentacle revoked = fleet.tentacle("mb03");
			viaB.nodes().revoke("mb03");
			assertThat(revoked.awaitState(TentacleState.STOPPED, Duration.ofSeconds(30))).isTrue();

			// A dies. A command sent now waits in Redis; once the balancer sends the
			// tentacles to B, B delivers it, and nothing is lost or run twice.
			brains().process(0).kill();
			JobResponse queued = viaB.jobs().submit(shell(List.of("mb01", "mb02"), "echo after >> after.txt", 120L));
			balancer.retarget(argsB.agentPort());
			JobResponse after = viaB.jobs().await(queued.id(), Duration.ofSeconds(90), new JobListener() {
			});
			assertThat(after.results()).extracting(NodeCommandResult::state).containsOnly("succeeded");
			assertThat(fleet.lines("mb01", "after.txt")).containsExactly("after");
			assertThat(fleet.lines("mb02", "after.txt")).containsExactly("after");
		}
	}

	private static CommandRequest shell(List<String> targets, String command, long waitOfflineSeconds) {
		return new CommandRequest(targets, CommandMode.SHELL, command, 90L, null, waitOfflineSeconds, null, null, null,
				null);
	}

	private static OctoplaneClient client(BrainArgs args) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(args.restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

}
