package io.octoplane.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A tentacle installed by {@code deploy/install-tentacle.sh --root DIR --no-start} and
 * started as its systemd unit would start it: the unit's {@code ExecStart} with its
 * {@code Environment=} lines and working folder, the installed paths moved under the root
 * (in the command and in the written configuration). Only the user, the sandboxing and
 * the cgroup are systemd's alone; stopping sends SIGTERM to every process of the node, as
 * systemd's control-group kill does.
 */
public final class InstalledTentacle {

	private static final List<String> INSTALLED_PATHS = List.of("/etc/octoplane", "/opt/octoplane",
			"/var/lib/octoplane");

	private final Path root;

	private final List<String> command;

	private final Map<String, String> environment;

	private InstalledTentacle(Path root, List<String> command, Map<String, String> environment) {
		this.root = root;
		this.command = command;
		this.environment = environment;
	}

	/**
	 * Runs the install script into a root folder.
	 * @param script the install script
	 * @param jar the tentacle's exec jar
	 * @param root the folder installed into
	 * @param name the node name
	 * @param brain the brain's agent address
	 * @param ca the fleet CA certificate
	 * @param javaOptions JVM options instead of the unit's {@code JAVA_OPTS}, or
	 * {@code null} for the unit's
	 * @return the installed tentacle, not started
	 * @throws IOException if the script fails or its unit cannot be read
	 * @throws InterruptedException if interrupted while it runs
	 */
	public static InstalledTentacle install(Path script, Path jar, Path root, String name, String brain, Path ca,
			@Nullable String javaOptions) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder("bash", script.toString(), "--root", root.toString(), "--no-start",
				"--token", "unused-the-certificate-exists", "--name", name, "--brain", brain, "--brain-api",
				"https://127.0.0.1:1", "--ca", ca.toString(), "--jar", jar.toString(), "--java", java)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IOException("install script failed: " + output);
		}
		Path config = root.resolve("etc/octoplane/tentacle.yaml");
		Files.writeString(config, underRoot(Files.readString(config), root));
		List<String> command = null;
		Map<String, String> environment = new LinkedHashMap<>();
		for (String line : Files.readAllLines(root.resolve("etc/systemd/system/octoplane-tentacle.service"))) {
			if (line.startsWith("ExecStart=")) {
				command = words(underRoot(line.substring("ExecStart=".length()), root));
			}
			else if (line.startsWith("Environment=")) {
				for (String assignment : words(line.substring("Environment=".length()))) {
					int equals = assignment.indexOf('=');
					environment.put(assignment.substring(0, equals), underRoot(assignment.substring(equals + 1), root));
				}
			}
		}
		if (javaOptions != null) {
			environment.put("JAVA_OPTS", javaOptions);
		}
		if (command == null) {
			throw new IOException("the installed unit has no ExecStart");
		}
		return new InstalledTentacle(root, new ArrayList<>(command), environment);
	}

	/**
	 * An installed path, under the root.
	 * @param installed the path as installed, such as {@code /etc/octoplane/ca.pem}
	 * @return where it is
	 */
	public Path path(String installed) {
		return Path.of(underRoot(installed, this.root));
	}

	/**
	 * Adds an option to the supervisor's command line, before its {@code --}.
	 * @param option the option
	 * @param value its value
	 * @throws IllegalStateException if the unit does not run the supervisor
	 */
	public void addSupervisorOption(String option, String value) {
		int separator = this.command.indexOf("--");
		if (separator < 0 || this.command.stream().noneMatch((word) -> word.endsWith("octoplane-supervise.sh"))) {
			throw new IllegalStateException("the unit does not run octoplane-supervise.sh: " + this.command);
		}
		this.command.add(separator, value);
		this.command.add(separator, option);
	}

	/** The JVM options the node runs with. */
	public String javaOptions() {
		return this.environment.getOrDefault("JAVA_OPTS", "");
	}

	/**
	 * Starts the unit's command.
	 * @param log the file its output is appended to
	 * @return the running node
	 * @throws IOException if it cannot start
	 */
	public Running start(Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(this.command)
			.directory(path("/var/lib/octoplane/tentacle").toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(this.environment);
		return new Running(builder.start());
	}

	private static String underRoot(String text, Path root) {
		String result = text;
		for (String installed : INSTALLED_PATHS) {
			result = result.replace(installed, root + installed);
		}
		return result;
	}

	// The words of a unit line, with systemd's double and single quotes.
	private static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		char quote = 0;
		boolean inWord = false;
		for (char c : line.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				inWord = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

	/** A started node; closing it stops every process of it. */
	public static final class Running implements AutoCloseable {

		private final Process process;

		Running(Process process) {
			this.process = process;
		}

		/** The node's processes: the unit's main process and all it started. */
		public List<ProcessHandle> processes() {
			return Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants()).toList();
		}

		@Override
		public void close() throws InterruptedException {
			List<ProcessHandle> all = processes();
			all.forEach(ProcessHandle::destroy);
			for (ProcessHandle handle : all) {
				try {
					handle.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					handle.destroyForcibly();
				}
			}
		}

	}

}
