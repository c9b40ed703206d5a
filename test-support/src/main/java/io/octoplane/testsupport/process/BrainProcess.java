package io.octoplane.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A brain in a child JVM, so that a test can do to it what no in-process
 * {@code @SpringBootTest} allows: kill it with SIGKILL, mid-flight, and start it again on
 * the same ports and the same Redis.
 *
 * <p>
 * The child runs {@code io.octoplane.brain.BrainApplication} with this JVM's {@code java}
 * and this JVM's test class path, which holds the brain and all its dependencies (see
 * {@link ChildJvm}), or, for benchmarks that measure the brain as it runs in production,
 * the brain's executable jar. Its standard output and error go to a log file, appended to
 * across restarts, with a marker line before each start; failures quote the end of it.
 *
 * <p>
 * A brain from the class path runs with a small heap and from an AOT cache of its classes
 * made once per test JVM ({@link BrainAotCache}): tests start dozens of brains, and each
 * start is mostly loading and linking classes on a small, busy machine.
 *
 * <p>
 * Readiness is the brain's own readiness probe on its management port, which the caller
 * passes on the command line ({@code --management.server.port=P}, see {@link BrainArgs}).
 * The management port has no TLS, so polling it needs no certificate.
 *
 * <p>
 * Exit statuses are those of a Unix JVM: 128 plus the signal number for a process ended
 * by a signal. Close it (it is {@link AutoCloseable}) to stop whatever is still running.
 */
public final class BrainProcess implements AutoCloseable {

	private static final String MAIN_CLASS = "io.octoplane.brain.BrainApplication";

	private static final String MANAGEMENT_PORT_ARG = "--management.server.port=";

	/**
	 * A small heap. The C1 compiler alone would start a brain faster, but compiled code
	 * runs slower: Argon2 password checks took three times as long, which tests with
	 * timeouts feel.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

	private static final int SIGKILL_STATUS = 128 + 9;

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final int LOG_TAIL_LINES = 40;

	private final List<String> command;

	private final @Nullable Path workDir;

	private final List<String> args;

	private final Path logFile;

	private final int managementPort;

	private volatile Process process;

	private int starts;

	/** Kills a brain still running when the test JVM exits, so none is left behind. */
	private final Thread reaper = new Thread(() -> this.process.destroyForcibly(), "brain-process-reaper");

	BrainProcess(List<String> command, @Nullable Path workDir, List<String> args, Path logFile, int managementPort) {
		this.command = List.copyOf(command);
		this.workDir = workDir;
		this.args = List.copyOf(args);
		this.logFile = logFile;
		this.managementPort = managementPort;
		this.process = launch();
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/**
	 * Starts a brain; it is not ready yet, see {@link #awaitReady(Duration)}.
	 * @param args the brain's arguments, which must include
	 * {@code --management.server.port=P}; see {@link BrainArgs#toList()}
	 * @param logFile where the brain's output goes, appended to
	 * @return the running brain
	 * @throws IllegalArgumentException if the arguments do not name one management port
	 */
	public static BrainProcess start(List<String> args, Path logFile) {
		return start(args, logFile, managementPortOf(args));
	}

	/**
	 * Starts a brain whose management port is set some other way than by an argument this
	 * class can read.
	 * @param args the brain's arguments
	 * @param logFile where the brain's output goes, appended to
	 * @param managementPort the port whose readiness probe {@link #awaitReady(Duration)}
	 * polls
	 * @return the running brain
	 */
	public static BrainProcess start(List<String> args, Path logFile, int managementPort) {
		String classPath = ChildJvm.serverClassPath();
		List<String> options = new ArrayList<>(JVM_OPTIONS);
		BrainAotCache.get(MAIN_CLASS, JVM_OPTIONS, classPath, args)
			.ifPresent((cache) -> options.add("-XX:AOTCache=" + cache));
		return new BrainProcess(ChildJvm.command(options, classPath, MAIN_CLASS, args), null, args, logFile,
				managementPort);
	}

	/**
	 * Starts a brain from its executable jar, as production runs it, so that its heap,
	 * CPU and resident memory are its own; it is not ready yet, see
	 * {@link #awaitReady(Duration)}.
	 * @param brainJar the brain's executable jar
	 * @param jvmOptions options for the child JVM, such as {@code -Xmx1g}
	 * @param args the brain's arguments
	 * @param workDir the child's working folder, created if missing
	 * @param logFile where its output goes, appended to
	 * @param managementPort the port whose readiness probe {@link #awaitReady(Duration)}
	 * polls
	 * @return the running brain
	 * @throws IllegalArgumentException if there is no jar at {@code brainJar}
	 */
	public static BrainProcess startJar(Path brainJar, List<String> jvmOptions, List<String> args, Path workDir,
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
		return new BrainProcess(command, workDir, args, logFile, managementPort);
	}

	/**
	 * Starts another Spring Boot server of this repository, such as the nameserver, with
	 * the same start, readiness and kill handling as a brain.
	 * @param mainClass the server's main class
	 * @param args its arguments
	 * @param logFile where its output goes, appended to
	 * @param managementPort the port whose readiness probe {@link #awaitReady(Duration)}
	 * polls
	 * @return the running server
	 */
	public static BrainProcess startServer(String mainClass, List<String> args, Path logFile, int managementPort) {
		return new BrainProcess(ChildJvm.command(JVM_OPTIONS, mainClass, args), null, args, logFile, managementPort);
	}

	/**
	 * Waits until the brain's readiness probe answers 200.
	 * @param timeout how long to wait at most
	 * @return this brain
	 * @throws IllegalStateException if the brain exits first or is not ready in time (it
	 * is then killed); the message ends with the end of its log
	 */
	public BrainProcess awaitReady(Duration timeout) {
		Process current = this.process;
		URI probe = readinessProbe();
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastAnswer = "no answer";
		try (HttpClient http = probeClient()) {
			while (true) {
				if (!current.isAlive()) {
					throw new IllegalStateException("brain (pid " + current.pid() + ") exited with status "
							+ current.exitValue() + " before it was ready" + logTailMessage());
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					// Killed so that a failed start cannot outlive the test: a caller
					// chaining start(...).awaitReady(...) never gets to close it.
					current.destroyForcibly().waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
					throw new IllegalStateException(
							"brain (pid " + current.pid() + ") not ready at " + probe + " within " + timeout
									+ " (last answer: " + lastAnswer + "); killed it" + logTailMessage());
				}
				Duration requestTimeout = Duration.ofNanos(Math.min(left, PROBE_TIMEOUT.toNanos()));
				try {
					HttpResponse<String> response = http.send(
							HttpRequest.newBuilder(probe).timeout(requestTimeout).GET().build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return this;
					}
					lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
				}
				catch (IOException ex) {
					// Not listening yet, or the answer took too long: ask again.
					lastAnswer = ex.toString();
				}
				Thread.sleep(Math.max(1, Math.min(POLL_INTERVAL.toMillis(), TimeUnit.NANOSECONDS.toMillis(left))));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the brain to be ready", ex);
		}
	}

	/**
	 * Kills the brain with SIGKILL, which gives it no chance to close a connection, flush
	 * a buffer or run a shutdown hook, and waits until it is gone.
	 * @return its exit status, 137
	 * @throws IllegalStateException if it had already exited (a test that kills a brain
	 * expects it to be running), does not die within ten seconds, or ends with any status
	 * but that of SIGKILL
	 */
	public synchronized int kill() {
		Process current = this.process;
		if (!current.isAlive()) {
			throw new IllegalStateException("brain (pid " + current.pid() + ") already exited with status "
					+ current.exitValue() + ", nothing to kill" + logTailMessage());
		}
		current.destroyForcibly();
		int status = awaitExit(current, KILL_TIMEOUT, "SIGKILL");
		if (status != SIGKILL_STATUS) {
			throw new IllegalStateException("brain (pid " + current.pid() + ") ended with status " + status
					+ ", not the " + SIGKILL_STATUS + " of SIGKILL" + logTailMessage());
		}
		return status;
	}

	/**
	 * Stops the brain with SIGTERM, letting it shut down gracefully, and waits up to
	 * thirty seconds for it.
	 * @return its exit status (143 for a JVM that ended on SIGTERM), or the status it had
	 * already exited with
	 * @throws IllegalStateException if it does not stop in time; it is then killed
	 */
	public int stop() {
		return stop(STOP_TIMEOUT);
	}

	/**
	 * Stops the brain with SIGTERM and waits for it.
	 * @param timeout how long to wait before giving up and killing it
	 * @return its exit status, or the status it had already exited with
	 * @throws IllegalStateException if it does not stop in time; it is then killed
	 */
	public synchronized int stop(Duration timeout) {
		Process current = this.process;
		if (!current.isAlive()) {
			return current.exitValue();
		}
		current.destroy();
		try {
			if (current.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return current.exitValue();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping the brain; killed it", ex);
		}
		current.destroyForcibly();
		awaitExit(current, KILL_TIMEOUT, "SIGKILL");
		throw new IllegalStateException("brain (pid " + current.pid() + ") did not stop within " + timeout
				+ " of SIGTERM; killed it" + logTailMessage());
	}

	/**
	 * Starts the brain again, with the same arguments and the same log file, after it was
	 * killed or stopped; it is not ready yet, see {@link #awaitReady(Duration)}.
	 * @return this brain
	 * @throws IllegalStateException if it is still running: two brains cannot share the
	 * ports
	 */
	public synchronized BrainProcess restart() {
		Process current = this.process;
		if (current.isAlive()) {
			throw new IllegalStateException(
					"brain (pid " + current.pid() + ") is still running; kill() or stop() it first");
		}
		this.process = launch();
		return this;
	}

	/**
	 * Whether the brain is running and its readiness probe answers 200 now; asks once,
	 * waiting at most two seconds for the answer.
	 * @return whether it is ready
	 */
	public boolean isReady() {
		if (!this.process.isAlive()) {
			return false;
		}
		try (HttpClient http = probeClient()) {
			return http
				.send(HttpRequest.newBuilder(readinessProbe()).timeout(PROBE_TIMEOUT).GET().build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Whether the brain's process is running. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** The process id of the current brain; it changes with each {@link #restart()}. */
	public long pid() {
		return this.process.pid();
	}

	/** The file the brain's output goes to. */
	public Path logFile() {
		return this.logFile;
	}

	/** The port whose readiness probe {@link #awaitReady(Duration)} polls. */
	public int managementPort() {
		return this.managementPort;
	}

	/**
	 * The last lines of the log, for a failure message.
	 * @param lines how many lines at most
	 * @return the lines, joined by new lines
	 */
	public String logTail(int lines) {
		// Only the end is read: a brain that logged for minutes has a long log.
		try (SeekableByteChannel channel = Files.newByteChannel(this.logFile)) {
			long size = channel.size();
			int length = (int) Math.min(size, 64 * 1024);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			channel.position(size - length);
			while (buffer.hasRemaining() && channel.read(buffer) != -1) {
				// Keep reading until the window is full.
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
	 * Stops the brain gracefully if it is still running, killing it if it will not stop,
	 * and then any process it started.
	 */
	@Override
	public synchronized void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already; the hook will kill the brain.
		}
		Process current = this.process;
		if (!current.isAlive()) {
			return;
		}
		// Collected first: once the brain is gone its children are no longer its
		// descendants and could not be found.
		List<ProcessHandle> descendants = current.descendants().toList();
		try {
			stop(Duration.ofSeconds(10));
		}
		catch (IllegalStateException ex) {
			// It was killed instead; a test tearing down has nothing to learn here.
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	@Override
	public String toString() {
		return "BrainProcess[pid " + pid() + (isAlive() ? ", running" : ", exited") + ", management port "
				+ this.managementPort + "]";
	}

	private Process launch() {
		try {
			Path parent = this.logFile.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.starts++;
			Files.writeString(this.logFile,
					"---- BrainProcess start #" + this.starts + " at " + Instant.now() + ": "
							+ String.join(" ", this.args) + System.lineSeparator(),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
			if (this.workDir != null) {
				Files.createDirectories(this.workDir);
				builder.directory(this.workDir.toFile());
			}
			Process started = builder.start();
			// The brain reads nothing from its standard input.
			started.getOutputStream().close();
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start a brain logging to " + this.logFile, ex);
		}
	}

	private URI readinessProbe() {
		return URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness");
	}

	private static HttpClient probeClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.proxy(HttpClient.Builder.NO_PROXY)
			.connectTimeout(PROBE_TIMEOUT)
			.build();
	}

	private static int awaitExit(Process process, Duration timeout, String signal) {
		try {
			if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new IllegalStateException(
						"brain (pid " + process.pid() + ") still running " + timeout + " after " + signal);
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the brain to exit", ex);
		}
	}

	private String logTailMessage() {
		return "; " + this.logFile + " ends with:" + System.lineSeparator() + logTail(LOG_TAIL_LINES);
	}

	private static int managementPortOf(List<String> args) {
		List<String> ports = args.stream()
			.filter((arg) -> arg.startsWith(MANAGEMENT_PORT_ARG))
			.map((arg) -> arg.substring(MANAGEMENT_PORT_ARG.length()))
			.toList();
		if (ports.size() != 1) {
			// Twice is as bad as never: Spring Boot would join both with a comma.
			throw new IllegalArgumentException("need exactly one " + MANAGEMENT_PORT_ARG
					+ "P among the arguments to poll the brain's readiness: " + args);
		}
		int port = Integer.parseInt(ports.get(0));
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("not a management port to poll: " + port);
		}
		return port;
	}

}
