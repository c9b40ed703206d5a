package io.octoplane.brain.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redis-server child process on a loopback port with its data (AOF and RDB) in a folder
 * of ours. The binary is chosen by {@link RedisBinaryLocator}: the system's
 * {@code redis-server} is preferred; the one bundled in the embedded-redis jar is only
 * the fallback, so a newcomer needs nothing installed.
 */
public final class LocalRedisServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisServer.class);

	private final Process process;

	private final int port;

	private final Path logFile;

	private LocalRedisServer(Process process, int port, Path logFile) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
	}

	/**
	 * Starts a redis-server and waits until it answers PING.
	 * @param binary the binary to run, or empty to look it up
	 * @param port the loopback port to listen on
	 * @param dataDir the folder for its data files and log, created if missing
	 * @param password the password clients must give (written to a private config file),
	 * or {@code null} for a server without one (tests and benchmarks)
	 * @param startTimeout how long to wait for it to answer
	 * @return the running server
	 * @throws LocalRedisStartException if no binary is found or it does not come up
	 */
	public static LocalRedisServer start(Optional<Path> binary, int port, Path dataDir, @Nullable String password,
			Duration startTimeout) {
		return start(binary, port, dataDir, password, List.of(), startTimeout);
	}

	/**
	 * Starts a redis-server with extra configuration lines and waits until it answers
	 * PING.
	 * @param binary the binary to run, or empty to look it up
	 * @param port the loopback port to listen on
	 * @param dataDir the folder for its data files and log, created if missing
	 * @param password the password clients must give, or {@code null} for none
	 * @param config further redis.conf lines, such as {@code cluster-enabled yes}
	 * @param startTimeout how long to wait for it to answer
	 * @return the running server
	 * @throws LocalRedisStartException if no binary is found or it does not come up
	 */
	public static LocalRedisServer start(Optional<Path> binary, int port, Path dataDir, @Nullable String password,
			List<String> config, Duration startTimeout) {
		Path executable = RedisBinaryLocator.forThisMachine().locate(binary).path();
		Path logFile = dataDir.resolve("redis.log");
		try {
			Files.createDirectories(dataDir);
			Path configFile = dataDir.resolve("redis.conf");
			StringBuilder lines = new StringBuilder();
			if (password != null) {
				lines.append("requirepass ").append(password).append('\n');
			}
			config.forEach((line) -> lines.append(line).append('\n'));
			LocalRedisPassword.writePrivate(configFile, lines.toString());
			Process process = new ProcessBuilder(List.of(executable.toString(), configFile.toAbsolutePath().toString(),
					"--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "yes", "--daemonize",
					"no", "--dir", dataDir.toAbsolutePath().toString(), "--appendonly", "yes", "--logfile", ""))
				.redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			LocalRedisServer server = new LocalRedisServer(process, port, logFile);
			server.awaitReady(startTimeout);
			logger.info("Started redis-server {} on 127.0.0.1:{} with data in {}", executable, port, dataDir);
			return server;
		}
		catch (IOException ex) {
			throw new LocalRedisStartException("cannot start " + executable + ": " + ex.getMessage(), ex);
		}
	}

	/** The process id of the redis-server. */
	public long pid() {
		return this.process.pid();
	}

	/** The port it listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new LocalRedisStartException("redis-server exited with status " + this.process.exitValue()
						+ " before answering; its output:\n" + logTail(), null);
			}
			if (RedisPing.answers("127.0.0.1", this.port, Duration.ofMillis(500))) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new LocalRedisStartException("redis-server did not answer on 127.0.0.1:" + this.port + " within "
				+ timeout + "; its output:\n" + logTail(), null);
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

	/** Stops the server; SIGTERM lets it flush its append-only file first. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the process is still running. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	static Path findBinary() {
		return RedisBinaryLocator.forThisMachine().locate(Optional.empty()).path();
	}

}
