package io.octoplane.brain.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster of three masters on random 127.0.0.1 ports, made with
 * {@code redis-cli --cluster create}. Like {@link RedisServerExtension} it lives as long
 * as the test JVM. Needs the {@code redis-cli} that comes with redis-server.
 */
public final class RedisClusterExtension implements BeforeAllCallback {

	private static final int MASTERS = 3;

	private final List<Integer> ports = new ArrayList<>();

	private final List<LocalRedisServer> servers = new ArrayList<>();

	public RedisClusterExtension() {
		try {
			Path base = Files.createTempDirectory("octoplane-redis-cluster-");
			for (int i = 0; i < MASTERS; i++) {
				int port = RedisServerExtension.freePort();
				this.ports.add(port);
				this.servers.add(LocalRedisServer.start(Optional.empty(), port, base.resolve("node-" + port), null,
						List.of("cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 5000"),
						Duration.ofSeconds(20)));
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> this.servers.forEach(LocalRedisServer::close)));
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
		this.servers.forEach((server) -> {
			if (!server.isAlive()) {
				throw new IllegalStateException("a Redis Cluster node has stopped");
			}
		});
	}

	private void create(Path base) throws IOException {
		List<String> command = new ArrayList<>(List.of(redisCli().toString(), "--cluster", "create"));
		this.ports.forEach((port) -> command.add("127.0.0.1:" + port));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Path log = base.resolve("create.log");
		run(command, log, "redis-cli --cluster create");
		for (int attempt = 0; attempt < 200; attempt++) {
			List<String> info = List.of(redisCli().toString(), "-p", Integer.toString(this.ports.get(0)), "cluster",
					"info");
			Path infoLog = base.resolve("info.log");
			run(info, infoLog, "redis-cli cluster info");
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

	private static Path redisCli() {
		Path cli = LocalRedisServer.findBinary().resolveSibling("redis-cli");
		if (!Files.isExecutable(cli)) {
			throw new IllegalStateException("no redis-cli next to " + LocalRedisServer.findBinary()
					+ "; install Debian's redis-server (it brings redis-tools)");
		}
		return cli;
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
