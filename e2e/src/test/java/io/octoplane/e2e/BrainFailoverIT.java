package io.octoplane.e2e;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.TunnelConnection;
import io.octoplane.e2e.support.BrainSet;
import io.octoplane.e2e.support.OneAppScenario;
import io.octoplane.e2e.support.StreamEnds;
import io.octoplane.octl.Octl;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.link.LinkShape;
import io.octoplane.testsupport.metrics.PrometheusScrape;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three brains on one Redis, a TCP balancer in front of their agent ports and one in
 * front of their API ports, octl going through the latter; in each case a brain is killed
 * with SIGKILL in the middle of an operation: a fan-out, a scenario apply, a file upload
 * (while the brain takes the file, and while nodes fetch it) and a tunnel. The operator
 * must get a clear error or a success, nothing may be half done without octl saying so,
 * and the same operation through another brain must finish the work. The killed brain is
 * started again behind the balancers before the next case, so the cases share one set of
 * brains and nodes and run in any order.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrainFailoverIT {

	private static final int NODES = 9;

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = BrainSet
		.of((dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir), "brain-a", "brain-b", "brain-c")
		.withSteadyHeartbeats()
		.with("octoplane.scenario.lock-lease", "6s");

	@TempDir
	static Path work;

	static FaultyLink agents;

	static TentacleFleet fleet;

	static List<String> nodes;

	@BeforeAll
	static void startNodes() throws Exception {
		agents = FaultyLink.balance(brains.agentPorts());
		fleet = new TentacleFleet(certs, work.resolve("fleet"));
		nodes = fleet.startAll("fo", NODES, agents.port());
	}

	@AfterAll
	static void stopNodes() {
		if (fleet != null) {
			fleet.close();
		}
		if (agents != null) {
			agents.close();
		}
	}

	/**
	 * Each case needs two brains: one to kill and one to carry on. A killed brain starts
	 * again at once and joins the agent balancer when it is ready, while the next cases
	 * run on the other two; only if fewer than two are ready does a case wait.
	 */
	@BeforeEach
	void twoBrainsUp() {
		await().atMost(Duration.ofSeconds(240)).until(() -> ready().size() >= 2);
		ready().forEach((brain) -> agents.admit(brains.args(brain).agentPort()));
	}

	@Test
	void fanOutRunsEveryCommandOnceWhenTheBrainThatTookItAndHoldsNodesDies() throws Exception {
		int victim = busiest();
		try (FaultyLink api = api(victim)) {
			Path octl = octl(api, "fan-out");
			List<String> run = new ArrayList<>(List.of("-o", "table", "cmd", "run", "--max-concurrency", "3",
					"--wait-offline", "60s", "--timeout", "60s", "echo ran >> fan-out.txt; sleep 2; echo done"));
			run.addAll(nodes);
			StringWriter rows = new StringWriter();
			CompletableFuture<OctlRun> running = background(octl, rows, run);
			// A first result row shows octl has the job's answer and follows it on
			// the brain that took it; six nodes are still to start.
			await().atMost(WAIT).until(() -> rows.toString().contains("succeeded"));
			long pendingAtKill = nodes.stream().filter((node) -> fleet.lines(node, "fan-out.txt").isEmpty()).count();
			kill(victim, api);

			OctlRun finished = running.get(2, TimeUnit.MINUTES);
			assertThat(finished.exitCode()).as(finished.out() + finished.err()).isZero();
			for (String node : nodes) {
				assertThat(fleet.lines(node, "fan-out.txt")).as("runs on " + node).containsExactly("ran");
				assertThat(finished.out()).containsPattern("(?m)^" + node + " +succeeded +0$");
			}
			OctlRun jobs = InProcessOctl.run(octl, octl.getParent(), "job", "list");
			assertThat(jobs.exitCode()).as(jobs.err()).isZero();
			String id = null;
			for (JsonNode job : jobs.json().get("jobs")) {
				if (job.get("command").asString().contains("fan-out.txt")) {
					id = job.get("id").asString();
				}
			}
			assertThat(id).as(jobs.out()).isNotNull();
			OctlRun job = InProcessOctl.run(octl, octl.getParent(), "job", "get", id);
			assertThat(job.exitCode()).as(job.err()).isZero();
			List<String> states = new ArrayList<>();
			job.json().get("results").forEach((result) -> states.add(result.get("state").asString()));
			assertThat(states).hasSize(NODES).containsOnly("succeeded");
			System.out.printf("fan-out of %d nodes, %s killed with %d not yet started: every node ran it once%n", NODES,
					brains.name(victim), pendingAtKill);
		}
	}

	@Test
	void applyCutOffByAKilledBrainSaysSoAndAnotherApplyThroughAnotherBrainConverges() throws Exception {
		List<String> targets = nodes.subList(0, 4);
		Path scenario = OneAppScenario.write(work, "failover", "slow enough to be killed mid-way", targets,
				"failover.log", "; sleep 2");
		try (FaultyLink api = api(busiest())) {
			Path octl = octl(api, "apply");
			List<Integer> candidates = ready();
			List<Long> logged = candidates.stream().map((brain) -> size(brains.process(brain).logFile())).toList();
			CompletableFuture<OctlRun> applying = background(octl,
					List.of("scen", "apply", scenario.toString(), "-m", "cut off"));
			// octl stages the folder and applies it on connections of their own, so
			// the brain's log tells which one took the apply.
			int victim = await().atMost(WAIT)
				.until(() -> IntStream.range(0, candidates.size())
					.filter((i) -> logSince(candidates.get(i), logged.get(i)).contains("Scenario failover in"))
					.mapToObj(candidates::get)
					.findFirst(), Optional::isPresent)
				.orElseThrow();
			await().atMost(WAIT)
				.until(() -> targets.stream()
					.anyMatch((node) -> fleet.lines(node, "failover.log").contains("prepared")));
			kill(victim, api);

			OctlRun cut = applying.get(30, TimeUnit.SECONDS);
			System.out.printf("apply cut off by killing %s: %s%n", brains.name(victim), cut.err());
			assertThat(cut.exitCode()).as(cut.out() + cut.err()).isEqualTo(4);
			assertThat(cut.err()).contains("the apply of scenario failover was cut off before the brain answered",
					"octl scen version failover", "octoplane.scenario.lock-lease");
			// No version and no nodeapp is claimed for the apply that was cut off.
			OctlRun versions = InProcessOctl.run(octl, octl.getParent(), "scen", "version", "failover");
			assertThat(versions.out()).doesNotContain("cut off");
			OctlRun napps = InProcessOctl.run(octl, octl.getParent(), "napp", "get", targets.get(0));
			assertThat(napps.out()).doesNotContain("app@failover");

			// The dead brain's lock refuses, by name, until its lease lapses; then the
			// same apply through another brain runs every target on every node.
			List<String> refusals = new ArrayList<>();
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				OctlRun again = InProcessOctl.run(octl, octl.getParent(), "scen", "apply", scenario.toString(), "-m",
						"after the kill");
				if (again.exitCode() != 0) {
					assertThat(again.err()).as(again.out()).contains("scenario failover is busy", brains.name(victim));
					refusals.add(again.err());
				}
				return again.exitCode() == 0;
			});
			versions = InProcessOctl.run(octl, octl.getParent(), "scen", "version", "failover");
			assertThat(versions.exitCode()).as(versions.err()).isZero();
			assertThat(versions.out()).contains("after the kill").doesNotContain("cut off");
			for (String node : targets) {
				napps = InProcessOctl.run(octl, octl.getParent(), "napp", "get", node);
				assertThat(napps.out()).as(node).contains("app@failover");
				assertThat(fleet.lines(node, "failover.log")).as(node).endsWith("prepared", "started");
			}
			System.out.printf("apply cut off by killing %s: %d refusals naming the dead lock holder before it lapsed%n",
					brains.name(victim), refusals.size());
		}
	}

	@Test
	void uploadCutOffWhileTheBrainTakesItSaysSoAndARetryDeliversExactlyTheFile() throws Exception {
		int victim = busiest();
		Path file = randomFile("taken.bin", 4 << 20);
		try (FaultyLink api = api(victim)) {
			Path octl = octl(api, "upload-taken");
			// A megabyte a second, so the kill lands while the brain takes the file.
			api.shape(LinkShape.of(Duration.ofMillis(2), 8_000_000));
			Path incoming = brains.args(victim).dataDir().resolve("blobs/incoming");
			List<Path> before = files(incoming);
			CompletableFuture<OctlRun> uploading = background(octl, upload(file));
			await().atMost(WAIT)
				.until(() -> files(incoming).stream()
					.anyMatch((part) -> !before.contains(part) && size(part) > 256 * 1024));
			kill(victim, api);

			OctlRun cut = uploading.get(30, TimeUnit.SECONDS);
			System.out.printf("upload cut off by killing %s: %s%n", brains.name(victim), cut.err());
			assertThat(cut.exitCode()).as(cut.out() + cut.err()).isEqualTo(4);
			assertThat(cut.err())
				.contains("was cut off before the brain answered", "no node was sent anything yet",
						"Uploading again is safe")
				.doesNotContain("TLS");
			for (String node : nodes) {
				assertThat(fleet.workspace(node).resolve("taken.bin")).as(node).doesNotExist();
			}

			api.shape(null);
			OctlRun again = InProcessOctl.run(octl, octl.getParent(), upload(file).toArray(String[]::new));
			assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
			assertEveryNodeHasExactly(file);
		}
	}

	@Test
	void uploadWhoseBrainDiesWhileNodesFetchItEndsClearlyAndARetryDeliversExactlyTheFile() throws Exception {
		int victim = busiest();
		Path file = randomFile("fetched.bin", 4 << 20);
		try (FaultyLink api = api(victim)) {
			Path octl = octl(api, "upload-fetched");
			// Data connections made from now on carry a megabyte a second.
			agents.shape(LinkShape.of(Duration.ofMillis(2), 8_000_000));
			try {
				CompletableFuture<OctlRun> uploading = background(octl, upload(file));
				await().atMost(WAIT)
					.until(() -> nodes.stream()
						.flatMap((node) -> parts(node, file).stream())
						.anyMatch((part) -> size(part) > 256 * 1024));
				kill(victim, api);

				OctlRun ended = uploading.get(2, TimeUnit.MINUTES);
				// Nodes that fetched from the dead brain either resumed elsewhere or
				// failed, each saying why; none is left without a result.
				assertThat(ended.exitCode()).as(ended.out() + ended.err()).isIn(0, 1);
				if (ended.exitCode() == 1) {
					assertThat(ended.out()).contains("failed");
				}
				System.out.printf("upload whose brain %s died while nodes fetched it: octl exit %d%n%s%n",
						brains.name(victim), ended.exitCode(), ended.err());
			}
			finally {
				agents.shape(null);
			}
			OctlRun again = InProcessOctl.run(octl, octl.getParent(), upload(file).toArray(String[]::new));
			assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
			assertEveryNodeHasExactly(file);
		}
	}

	@Test
	void tunnelThroughAKilledBrainEndsWithAnErrorAndTheNodeIsReachedThroughItsNewBrain() throws Exception {
		int holder = busiest();
		int next = ready().stream().filter((brain) -> brain != holder).findFirst().orElseThrow();
		try (FaultyLink link = FaultyLink.start(brains.args(holder).agentPort());
				ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> echo(echo));
			fleet.start("fotun", link.port());
			assertThat(fleet.tentacle("fotun").awaitConnected(WAIT)).isTrue();
			TunnelConnection tunnel = await().atMost(WAIT)
				.ignoreExceptions()
				.until(() -> client(holder).tunnels().open("fotun", "127.0.0.1", echo.getLocalPort()), (open) -> true);
			try (tunnel) {
				assertThat(roundTrip(tunnel, "before")).isEqualTo("before");
				kill(holder);
				// The node redials, as through a balancer, and lands on another brain.
				link.retarget(brains.args(next).agentPort());
				assertThat(StreamEnds.failsWithin(tunnel.input(), WAIT)).as("the tunnel ends with an error, not a hang")
					.isTrue();
			}
			try (TunnelConnection again = await().atMost(WAIT)
				.ignoreExceptions()
				.until(() -> client(next).tunnels().open("fotun", "127.0.0.1", echo.getLocalPort()), (open) -> true)) {
				assertThat(roundTrip(again, "after")).isEqualTo("after");
			}
		}
		finally {
			fleet.stop("fotun");
		}
	}

	/** The live brain holding the most tentacle connections. */
	private static int busiest() {
		return ready().stream().max(Comparator.comparingDouble(BrainFailoverIT::connections)).orElseThrow();
	}

	/** The brains that are running and answer their readiness probe. */
	private static List<Integer> ready() {
		return IntStream.range(0, brains.size()).filter((brain) -> brains.process(brain).isReady()).boxed().toList();
	}

	/** What a brain logged after the given offset of its log file. */
	private static String logSince(int brain, long offset) {
		try (SeekableByteChannel channel = Files.newByteChannel(brains.process(brain).logFile())) {
			channel.position(offset);
			return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double connections(int brain) {
		try {
			return PrometheusScrape.of(brains.args(brain).managementPort()).value("octoplane_agent_connections");
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot scrape " + brains.name(brain), ex);
		}
	}

	/**
	 * A balancer in front of the API of every ready brain whose first connection goes to
	 * the given brain, so that the brain takes octl's first call.
	 */
	private static FaultyLink api(int first) {
		List<Integer> order = new ArrayList<>(List.of(first));
		ready().stream().filter((brain) -> brain != first).forEach(order::add);
		return FaultyLink.balance(order.stream().mapToInt((brain) -> brains.args(brain).restPort()).toArray());
	}

	/**
	 * Kills a brain and takes it out of the balancers, as their health checks would; it
	 * is started again at once and taken back in before the next case.
	 */
	private static void kill(int brain, FaultyLink api) {
		api.drop(brains.args(brain).restPort());
		kill(brain);
	}

	private static void kill(int brain) {
		brains.process(brain).kill();
		agents.drop(brains.args(brain).agentPort());
		brains.process(brain).restart();
	}

	private static Path octl(FaultyLink api, String name) throws IOException {
		Path folder = Files.createDirectories(work.resolve("octl-" + name));
		return OperatorOctlConfig.write(folder, certs, "https://127.0.0.1:" + api.port(), "timeout: 30s");
	}

	private static CompletableFuture<OctlRun> background(Path octl, List<String> arguments) {
		return background(octl, new StringWriter(), arguments);
	}

	/** Runs octl on another thread, its standard output going to a writer to watch. */
	private static CompletableFuture<OctlRun> background(Path octl, StringWriter out, List<String> arguments) {
		CompletableFuture<OctlRun> run = new CompletableFuture<>();
		String[] args = arguments.toArray(String[]::new);
		Octl octlRun = new Octl(Map.of("OCTL_CONFIG", octl.toString()), octl.getParent(), false,
				new ByteArrayInputStream(new byte[0]));
		Thread.ofVirtual().start(() -> {
			try {
				run.complete(OctlRun.execute(octlRun.commandLine(args), out, args));
			}
			catch (Throwable ex) {
				run.completeExceptionally(ex);
			}
		});
		return run;
	}

	private static List<String> upload(Path file) {
		List<String> upload = new ArrayList<>(
				List.of("file", "upload", file.toString(), "@workspace", "--timeout", "60s"));
		upload.addAll(nodes);
		return upload;
	}

	private static Path randomFile(String name, int size) throws IOException {
		byte[] bytes = new byte[size];
		new Random(name.hashCode()).nextBytes(bytes);
		return Files.write(work.resolve(name), bytes);
	}

	private static void assertEveryNodeHasExactly(Path file) throws IOException {
		String sha256 = Sha256.of(file);
		for (String node : nodes) {
			Path copy = fleet.workspace(node).resolve(file.getFileName());
			assertThat(Sha256.of(copy)).as(node).isEqualTo(sha256);
			assertThat(parts(node, file)).as("partial files left on " + node).isEmpty();
		}
	}

	/** The partial files of an upload on a node, which the node resumes from. */
	private static List<Path> parts(String node, Path file) {
		String prefix = "." + file.getFileName() + ".";
		return files(fleet.workspace(node)).stream()
			.filter((path) -> path.getFileName().toString().startsWith(prefix)
					&& path.getFileName().toString().endsWith(".octoplane-part"))
			.toList();
	}

	private static List<Path> files(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file's size, or -1 once it was renamed or removed. */
	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static OctoplaneClient client(int brain) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(brains.args(brain).restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

	private static String roundTrip(TunnelConnection tunnel, String line) throws IOException {
		OutputStream out = tunnel.output();
		out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
		byte[] answer = tunnel.input().readNBytes(line.length() + 1);
		return new String(answer, StandardCharsets.UTF_8).strip();
	}

	/** Answers every line of every connection with the same line. */
	private static void echo(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				Thread.ofVirtual().start(() -> {
					try (socket;
							BufferedReader in = new BufferedReader(
									new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
						String line;
						while ((line = in.readLine()) != null) {
							socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
						}
					}
					catch (IOException ex) {
						// The tunnel broke: the case looks at the operator's end.
					}
				});
			}
			catch (IOException ex) {
				// Closed at the end of the case.
			}
		}
	}

}
