package io.octoplane.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.FleetTls;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.PemFiles;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.ports.FreePorts;
import io.octoplane.testsupport.process.BrainProcess;
import io.octoplane.testsupport.redis.RedisProcess;

/**
 * Everything one benchmark runs against, started in order and stopped in reverse: a
 * redis-server on a free loopback port, a brain in a child JVM trusting a fresh CA, an
 * operator client (octl's SDK with an operator certificate) and a fleet simulator with no
 * nodes yet.
 *
 * <p>
 * The brain runs with its production defaults except for what a one-machine benchmark
 * needs: loopback ports, the heartbeat interval of the settings, the metrics endpoint
 * exposed on the management port, and no per-address connection limit worth the name,
 * since every simulated node dials from 127.0.0.1.
 */
public final class BenchFleet implements AutoCloseable {

	private static final Duration BRAIN_START_TIMEOUT = Duration.ofMinutes(5);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final FleetTls tls;

	private final BrainProcess brain;

	private final FleetSettings settings;

	private final OctoplaneClient client;

	private final FleetSimulator simulator;

	private final int agentPort;

	private final int redisPort;

	private BenchFleet(FleetSettings settings) throws IOException {
		this.settings = settings;
		Files.createDirectories(settings.workDir());
		this.tls = FleetTls.create();
		Path certs = Files.createDirectories(settings.workDir().resolve("certs"));
		IssuedCertificate brainCert = this.tls.issue(CertificateRole.BRAIN, "bench-brain", "localhost", "127.0.0.1");
		brainCert.writeTo(certs.resolve("brain.pem"), certs.resolve("brain-key.pem"), true);
		PemFiles.writeCertificates(certs.resolve("ca.pem"), List.of(this.tls.ca().certificate()), true);

		int redisPort = FreePorts.take();
		this.redisPort = redisPort;
		RedisProcess redis = RedisProcess.start(redisPort, settings.workDir().resolve("redis"));
		this.resources.add(redis);

		try {
			int restPort = FreePorts.take();
			this.agentPort = FreePorts.take();
			int managementPort = FreePorts.take();
			Path brainDir = Files.createDirectories(settings.workDir().resolve("brain"));
			List<String> args = new ArrayList<>(List.of(
					"--octoplane.tls.certificate=file:" + certs.resolve("brain.pem"),
					"--octoplane.tls.private-key=file:" + certs.resolve("brain-key.pem"),
					"--octoplane.tls.ca=file:" + certs.resolve("ca.pem"), "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redisPort, "--server.port=" + restPort, "--server.address=127.0.0.1",
					"--octoplane.agent.port=" + this.agentPort, "--octoplane.agent.address=127.0.0.1",
					"--management.server.port=" + managementPort,
					"--management.endpoints.web.exposure.include=health,info,metrics",
					"--octoplane.agent.heartbeat-interval=" + settings.heartbeatInterval().toMillis() + "ms",
					"--octoplane.agent.unstable-after=" + settings.heartbeatInterval().multipliedBy(3).toMillis()
							+ "ms",
					"--octoplane.agent.offline-after=" + settings.heartbeatInterval().multipliedBy(5).toMillis() + "ms",
					"--octoplane.agent.max-connections-per-address=50000", "--octoplane.brain.name=bench-brain",
					"--octoplane.brain.data-dir=" + brainDir));
			args.addAll(settings.brainArgs());
			List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + settings.brainHeap()));
			jvmOptions.addAll(settings.brainJvmOptions());
			this.brain = BrainProcess.startJar(settings.brainJar(), jvmOptions, args, brainDir,
					settings.workDir().resolve("brain.log"), managementPort);
			this.resources.add(this.brain);
			this.brain.awaitReady(BRAIN_START_TIMEOUT);

			this.client = OctoplaneClient.builder()
				.baseUri(URI.create("https://127.0.0.1:" + restPort))
				.sslContext(this.tls.clientContext(CertificateRole.OPERATOR, "bench-operator"))
				.requestTimeout(Duration.ofMinutes(2))
				.build();
			this.simulator = new FleetSimulator(this.tls, new InetSocketAddress("127.0.0.1", this.agentPort),
					settings.dialConcurrency(), TentacleConfig.DEFAULT_BACKOFF_INITIAL,
					TentacleConfig.DEFAULT_BACKOFF_MAX, settings.sparseAcks());
			this.resources.add(this.simulator);
		}
		catch (RuntimeException | IOException ex) {
			// Nobody gets a half-started fleet to close, so it is stopped here.
			close();
			throw ex;
		}
	}

	/**
	 * Starts Redis and the brain and waits until the brain is ready.
	 * @param settings how
	 * @return the running fleet, without nodes
	 * @throws IllegalStateException if the brain does not come up; the message quotes its
	 * log
	 */
	public static BenchFleet start(FleetSettings settings) {
		try {
			return new BenchFleet(settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The brain's agent port on 127.0.0.1, where real tentacles dial. */
	public int agentPort() {
		return this.agentPort;
	}

	/** The fleet's CA, which issues node certificates for real tentacles. */
	public FleetTls tls() {
		return this.tls;
	}

	/** The CA certificate file. */
	public Path caFile() {
		return this.settings.workDir().resolve("certs/ca.pem");
	}

	/** The loopback port of the redis-server this fleet started. */
	public int redisPort() {
		return this.redisPort;
	}

	/**
	 * The process id of the redis-server this fleet started, or -1 if it cannot be found.
	 */
	public long redisPid() {
		return ProcessHandle.current()
			.descendants()
			// Debian's redis-server is a link to redis-check-rdb, and Redis rewrites its
			// own command line, so only "redis" is sure to be in the name.
			.filter((child) -> child.info().command().orElse("").contains("redis"))
			.mapToLong(ProcessHandle::pid)
			.findFirst()
			.orElse(-1);
	}

	/**
	 * Kills the brain with SIGKILL and starts it again on the same ports, Redis and data.
	 * @return the brain, running again and ready
	 */
	public BrainProcess restartBrain() {
		this.brain.kill();
		return this.brain.restart().awaitReady(BRAIN_START_TIMEOUT);
	}

	/** The brain process. */
	public BrainProcess brain() {
		return this.brain;
	}

	/** An operator client of the brain's REST API. */
	public OctoplaneClient client() {
		return this.client;
	}

	/** The simulator, whose nodes dial this brain. */
	public FleetSimulator simulator() {
		return this.simulator;
	}

	/** Stops the nodes, then the brain, then Redis. */
	@Override
	public void close() {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				// Tearing down: the rest must still stop.
			}
		}
	}

}
