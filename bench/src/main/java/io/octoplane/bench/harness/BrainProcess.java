package io.octoplane.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A brain in a child JVM, run from its executable jar exactly as in production, so that
 * its heap, CPU and resident memory are its own and can be read from {@code /proc}. Its
 * output goes to a log file; readiness is its own readiness probe on the management port,
 * which has no TLS. Close it to stop it.
 *
 * <p>
 * Adapted from the end-to-end tests' launcher, which lives in a test source set and runs
 * the brain from a test class path instead of its jar.
 */
public final class BrainProcess implements AutoCloseable {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final int LOG_TAIL_LINES = 30;

	private final Process process;

	private final Path logFile;

	private final int managementPort;

	private final Thread reaper;

	private BrainProcess(Process process, Path logFile, int managementPort) {
		this.process = process;
		this.logFile = logFile;
		this.managementPort = managementPort;
		this.reaper = new Thread(process::destroyForcibly, "brain-process-reaper");
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/**
	 * Starts a brain; it is not ready yet, see {@link #awaitReady(Duration)}.
	 * @param brainJar the brain's executable jar
	 * @param jvmOptions options for the child JVM, such as {@code -Xmx1g}
	 * @param args the brain's arguments
	 * @param workDir the child's working folder
	 * @param logFile where its output goes
	 * @param managementPort the port of its actuator, whose readiness probe is polled
	 * @return the running brain
	 */
	public static BrainProcess start(Path brainJar, List<String> jvmOptions, List<String> args, Path workDir,
			Path logFile, int managementPort) {
		if (!Files.isRegularFile(brainJar)) {
			throw new IllegalArgumentException("no brain jar at " + brainJar.toAbsolutePath()
					+ "; build it with ./mvnw -pl bench -am package -DskipTests, or pass --brain-jar");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(brainJar.toAbsolutePath().toString());
		command.addAll(args);
		try {
			Files.createDirectories(workDir);
			Process process = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			process.getOutputStream().close();
			return new BrainProcess(process, logFile, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start a brain logging to " + logFile, ex);
		}
	}

	/**
	 * A port on 127.0.0.1 that nobody listened on a moment ago.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until the brain's readiness probe answers 200.
	 * @param timeout how long at most
	 * @return this brain
	 * @throws IllegalStateException if it exits first or is not ready in time (it is then
	 * killed); the message quotes the end of its log
	 */
	public BrainProcess awaitReady(Duration timeout) {
		URI probe = URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastAnswer = "no answer";
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.proxy(HttpClient.Builder.NO_PROXY)
			.connectTimeout(PROBE_TIMEOUT)
			.build()) {
			while (System.nanoTime() - deadline < 0) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("brain exited with status " + this.process.exitValue()
							+ " before it was ready" + logTailMessage());
				}
				try {
					HttpResponse<String> response = http.send(
							HttpRequest.newBuilder(probe).timeout(PROBE_TIMEOUT).GET().build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return this;
					}
					lastAnswer = "HTTP " + response.statusCode();
				}
				catch (IOException ex) {
					// Not listening yet: ask again.
					lastAnswer = ex.toString();
				}
				Thread.sleep(POLL_INTERVAL);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the brain", ex);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("brain not ready within " + timeout + " (last answer: " + lastAnswer
				+ "); killed it" + logTailMessage());
	}

	/** The brain's process id. */
	public long pid() {
		return this.process.pid();
	}

	/** Whether it is still running. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** The port of its actuator. */
	public int managementPort() {
		return this.managementPort;
	}

	/** The file its output goes to. */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * The last lines of its log.
	 * @param lines how many at most
	 * @return the lines
	 */
	public String logTail(int lines) {
		try (SeekableByteChannel channel = Files.newByteChannel(this.logFile)) {
			long size = channel.size();
			int length = (int) Math.min(size, 64 * 1024);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			channel.position(size - length);
			while (buffer.hasRemaining() && channel.read(buffer) != -1) {
				// Fill the window.
			}
			String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).stripTrailing();
			List<String> all = Arrays.asList(text.split("\n"));
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.logFile + ": " + ex.getMessage() + ")";
		}
	}

	/**
	 * Kills it with SIGKILL, as a crash or an OOM killer would, and waits for it to be
	 * gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops it with SIGTERM, killing it if it does not stop within 20 seconds. */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// Shutting down already; the hook kills it.
		}
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private String logTailMessage() {
		return "; " + this.logFile + " ends with:\n" + logTail(LOG_TAIL_LINES);
	}

}
