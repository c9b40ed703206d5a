package io.octoplane.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.octoplane.testsupport.ports.FreePorts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis Cluster of three masters on free 127.0.0.1 ports, made with
 * {@code redis-cli --cluster create}: local redis-server processes, or one container
 * where {@link RedisMode} says so. Like {@link RedisServerExtension} it lives as long as
 * the test JVM. Processes need the {@code redis-cli} that comes with redis-server (7 or
 * newer, for {@code cluster-port}).
 */
public final class RedisClusterExtension implements BeforeAllCallback {

	private static final int MASTERS = 3;

	private static final int STATE_CHECKS = 200;

	private final List<Integer> ports = new ArrayList<>();

	private final List<RedisProcess> servers = new ArrayList<>();

	private final @Nullable GenericContainer<?> container;

	public RedisClusterExtension() {
		if (RedisMode.selected() == RedisMode.CONTAINER) {
			for (int i = 0; i < MASTERS; i++) {
				this.ports.add(FreePorts.take());
			}
			GenericContainer<?> started = RedisContainers.cluster(this.ports);
			this.container = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
			return;
		}
		this.container = null;
		try {
			Path base = Files.createTempDirectory("octoplane-redis-cluster-");
			for (int i = 0; i < MASTERS; i++) {
				int port = FreePorts.take();
				// The bus port is taken too: by default it
				// is port + 10000, which nobody reserved.
				int busPort = FreePorts.take();
				this.ports.add(port);
				this.servers.add(RedisProcess.start(port, base.resolve("node-" + port), List.of("cluster-enabled yes",
						"cluster-config-file nodes.conf", "cluster-node-timeout 5000", "cluster-port " + busPort)));
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> this.servers.forEach(RedisProcess::close)));
			create(base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The seed nodes, as {@code spring.data.redis.cluster.nodes} takes them. */
	public String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.container != null && !this.container.isRunning()) {
			throw new IllegalStateException("the Redis Cluster container has stopped");
		}
		this.servers.forEach((server) -> {
			if (!server.isAlive()) {
				throw new IllegalStateException("a Redis Cluster node has stopped");
			}
		});
	}

	private void create(Path base) throws IOException {
		String cli = RedisProcess.binary("redis-cli").toString();
		List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
		this.ports.forEach((port) -> command.add("127.0.0.1:" + port));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		run(command, base.resolve("create.log"), "redis-cli --cluster create");
		Path infoLog = base.resolve("info.log");
		for (int check = 0; check < STATE_CHECKS; check++) {
			run(List.of(cli, "-p", Integer.toString(this.ports.get(0)), "cluster", "info"), infoLog,
					"redis-cli cluster info");
			if (Files.readString(infoLog, StandardCharsets.UTF_8).contains("cluster_state:ok")) {
				return;
			}
			sleep(50);
		}
		throw new IllegalStateException("the Redis Cluster on " + nodes() + " did not reach cluster_state:ok");
	}

	private static void run(List<String> command, Path log, String what) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted during " + what, ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
