package io.octoplane.testsupport.redis;

import java.io.File;
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
import java.util.stream.Stream;

/**
 * A real redis-server in a child process on a 127.0.0.1 port, without a password, with
 * its data (AOF) in a folder of the caller's, for tests and benchmarks. It runs the
 * system's {@code redis-server} (Debian's package, which CI installs), never a bundled
 * binary, so tests see the Redis that production runs.
 */
public final class RedisProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final String READY = "Ready to accept connections";

	private final Process process;

	private final int port;

	private RedisProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a redis-server and waits until it accepts connections.
	 * @param port the 127.0.0.1 port to listen on
	 * @param dataDir the folder for its data, configuration and log, created if missing;
	 * data already there is loaded
	 * @return the running server
	 * @throws IllegalStateException if there is no redis-server or it does not come up
	 * within 20 seconds; the message quotes its log
	 */
	public static RedisProcess start(int port, Path dataDir) {
		return start(port, dataDir, List.of());
	}

	/**
	 * Starts a redis-server with more configuration and waits until it accepts
	 * connections.
	 * @param port the 127.0.0.1 port to listen on
	 * @param dataDir the folder for its data, configuration and log, created if missing
	 * @param config further redis.conf lines, such as {@code cluster-enabled yes}
	 * @return the running server
	 * @throws IllegalStateException if there is no redis-server or it does not come up
	 */
	public static RedisProcess start(int port, Path dataDir, List<String> config) {
		Path log = dataDir.resolve("redis.log");
		try {
			Files.createDirectories(dataDir);
			Path configFile = dataDir.resolve("redis.conf");
			Files.write(configFile, config, StandardCharsets.UTF_8);
			// Appended, not replaced, so that the readiness line of an earlier start
			// cannot be mistaken for this one's.
			long logStart = Files.exists(log) ? Files.size(log) : 0;
			List<String> command = new ArrayList<>(
					List.of(binary("redis-server").toString(), configFile.toAbsolutePath().toString(), "--port",
							Integer.toString(port), "--bind", "127.0.0.1", "--daemonize", "no", "--dir",
							dataDir.toAbsolutePath().toString(), "--appendonly", "yes", "--logfile", ""));
			// Its log goes to standard output, so that an error
			// before it could open a log file is caught too.
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			RedisProcess server = new RedisProcess(process, port);
			server.awaitReady(log, logStart);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start redis-server in " + dataDir, ex);
		}
	}

	/**
	 * The system's binary of this name, such as {@code redis-server} or
	 * {@code redis-cli}, found on the PATH or in the usual folders.
	 * @param name the binary's name
	 * @return its path
	 * @throws IllegalStateException if there is none
	 */
	static Path binary(String name) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream
			.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin", "/usr/local/bin"))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"no " + name + " on the PATH; the tests need a real Redis: install redis-server"
							+ " (Debian: apt-get install redis-server, which brings redis-cli)"));
	}

	/** Whether the process is still running. */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Stops the server with SIGTERM, which lets it flush its append-only file first. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady(Path log, long logStart) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try {
			while (System.nanoTime() - deadline < 0) {
				if (logSince(log, logStart).contains(READY)) {
					return;
				}
				if (!this.process.isAlive()) {
					throw new IllegalStateException("redis-server on 127.0.0.1:" + this.port + " exited with status "
							+ this.process.exitValue() + "; its log:\n" + logSince(log, logStart));
				}
				Thread.sleep(POLL_INTERVAL);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		close();
		throw new IllegalStateException("redis-server on 127.0.0.1:" + this.port + " not ready within " + START_TIMEOUT
				+ "; killed it; its log:\n" + logSince(log, logStart));
	}

	private static String logSince(Path log, long start) throws IOException {
		if (!Files.exists(log)) {
			return "";
		}
		byte[] bytes = Files.readAllBytes(log);
		int from = (int) Math.min(start, bytes.length);
		return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
	}

}
