package io.octoplane.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.octoplane.certs.PemPair;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.BrainSet;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.process.BrainArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three brains share one Redis; the limits hold for the fleet, not per brain: failed
 * logins spread over the brains are throttled as if one brain saw them all, and a job's
 * concurrency limit holds while each brain starts the nodes it holds, counted on the
 * nodes themselves. Subclasses choose the Redis (one server, or a cluster).
 */
abstract class FleetLimitsScenario {

	static final CertFixtures certs = BrainTestSupport.certificates();

	private static final int FAILED_LOGINS_PER_MINUTE = 10;

	/** The brains on the Redis under test, made by {@link #threeLimitedBrains}. */
	abstract BrainSet brains();

	/**
	 * Three brains that allow ten failed logins a minute, as each subclass registers
	 * them.
	 * @param base a brain's arguments for the Redis under test, given its data folder
	 * @return the brains, not started
	 */
	static BrainSet threeLimitedBrains(Function<Path, BrainArgs> base) {
		return BrainSet.of(base, "brain-a", "brain-b", "brain-c")
			.with("octoplane.security.failed-logins-per-minute", FAILED_LOGINS_PER_MINUTE)
			.withSteadyHeartbeats();
	}

	@Test
	void tenWrongPasswordsSpreadOverThreeBrainsAreThrottledAsTen() throws Exception {
		List<BrainArgs> all = IntStream.range(0, brains().size()).mapToObj(brains()::args).toList();
		Throttled first = untilThrottled(all, 40);
		// Ten fail; the allowance refills meanwhile, one login per six seconds, which
		// counts on a machine so busy that the logins took that long.
		assertThat(first.failures()).isBetween(FAILED_LOGINS_PER_MINUTE,
				FAILED_LOGINS_PER_MINUTE + refills(first.started()));
		int more = 0;
		for (BrainArgs brain : all) {
			Throttled again = untilThrottled(List.of(brain), 5);
			more += again.failures();
			assertThat(again.answer().headers().firstValue("Retry-After")).isPresent();
			assertThat(again.answer().body()).contains("\"code\":\"too-many-requests\"");
		}
		// Less than one login was left when the first 429 came.
		assertThat(more).isLessThanOrEqualTo(1 + refills(first.throttledAt()));
	}

	@Test
	void aConcurrencyLimitOfFiveHoldsAcrossThreeBrainsCountedOnTheNodes(@TempDir Path work) throws Exception {
		try (TentacleFleet fleet = new TentacleFleet(certs, work)) {
			List<String> nodes = new ArrayList<>();
			nodes.addAll(fleet.startAll("ca", 20, brains().args(0).agentPort()));
			nodes.addAll(fleet.startAll("cb", 20, brains().args(1).agentPort()));
			nodes.addAll(fleet.startAll("cc", 20, brains().args(2).agentPort()));
			OctoplaneClient viaB = client(brains().args(1));
			// Each node notes when its run began and ended, in nanoseconds of this host.
			CommandRequest request = new CommandRequest(nodes, CommandMode.SHELL,
					"date +%s%N > span.txt; sleep 0.3; date +%s%N >> span.txt", 90L, null, 30L, "5", null, null, null,
					null, null, null);
			JobResponse done = viaB.jobs()
				.await(viaB.jobs().submit(request).id(), Duration.ofSeconds(300), new JobListener() {
				});
			assertThat(done.results()).hasSize(60).extracting(NodeCommandResult::state).containsOnly("succeeded");
			List<long[]> spans = new ArrayList<>();
			for (String node : nodes) {
				List<String> lines = fleet.lines(node, "span.txt");
				assertThat(lines).as(node).hasSize(2);
				spans.add(new long[] { Long.parseLong(lines.get(0).strip()), Long.parseLong(lines.get(1).strip()) });
			}
			assertThat(mostAtOnce(spans)).isBetween(1, 5);
		}
	}

	/**
	 * Sends wrong passwords to the brains in turn until one answers 429.
	 * @param brains the brains to ask, in turn
	 * @param most how many 401s to accept before failing
	 * @return the 429, how many 401s came before it, and when
	 */
	private Throttled untilThrottled(List<BrainArgs> brains, int most) throws Exception {
		long started = System.nanoTime();
		for (int i = 0; i <= most; i++) {
			long sent = System.nanoTime();
			HttpResponse<String> answer = login(brains.get(i % brains.size()), "guess " + i);
			if (answer.statusCode() != 401) {
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
				return new Throttled(answer, i, started, sent);
			}
		}
		throw new AssertionError("no 429 after " + (most + 1) + " wrong passwords");
	}

	/**
	 * How many logins the allowance has refilled since a time of
	 * {@link System#nanoTime()}.
	 */
	private static int refills(long since) {
		return (int) ((System.nanoTime() - since) / (60_000_000_000L / FAILED_LOGINS_PER_MINUTE));
	}

	/**
	 * The first 429 of a run of wrong passwords.
	 *
	 * @param answer the 429
	 * @param failures how many 401s came before it
	 * @param started when the first wrong password was sent
	 * @param throttledAt when the one answered 429 was sent
	 */
	private record Throttled(HttpResponse<String> answer, int failures, long started, long throttledAt) {
	}

	/** The most spans that overlap at one instant. */
	private static int mostAtOnce(List<long[]> spans) {
		List<long[]> edges = new ArrayList<>();
		for (long[] span : spans) {
			edges.add(new long[] { span[0], 1 });
			edges.add(new long[] { span[1], -1 });
		}
		// An end sorts before a start at the same instant: touching spans do not overlap.
		edges.sort((a, b) -> (a[0] != b[0]) ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
		int now = 0;
		int most = 0;
		for (long[] edge : edges) {
			now += (int) edge[1];
			most = Math.max(most, now);
		}
		return most;
	}

	private static HttpResponse<String> login(BrainArgs brain, String password) throws Exception {
		String encoded = Base64.getEncoder().encodeToString(("/:" + password).getBytes(StandardCharsets.UTF_8));
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(PemTls.trustOnly(certs.caCert()))
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(brain.restUri() + "/api/v1/nodes"))
				.header("Authorization", "Basic " + encoded)
				.timeout(Duration.ofSeconds(20))
				.GET()
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private static OctoplaneClient client(BrainArgs brain) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(brain.restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

}
