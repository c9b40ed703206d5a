package io.octoplane.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an outside tool (dpkg, lintian, ansible-playbook): its exit status and its
 * output, stdout and stderr together. The output goes through a file, so a chatty tool
 * never blocks on a full pipe, and a run that outlives its timeout is killed and fails.
 *
 * @param status the exit status
 * @param output stdout and stderr, interleaved
 */
public record ToolRun(int status, String output) {

	/**
	 * Runs a command and waits for it.
	 * @param command the command and its arguments
	 * @param env variables added to this JVM's environment
	 * @param timeout how long it may take
	 * @return the run
	 * @throws IOException if it cannot start, or takes longer than the timeout
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static ToolRun run(List<String> command, Map<String, String> env, Duration timeout)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("octoplane-tool", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(env);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(command.get(0) + " still running after " + timeout + ": "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			return new ToolRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/**
	 * Runs a command with this JVM's environment, for at most a minute.
	 * @param command the command and its arguments
	 * @return the run
	 * @throws IOException if it cannot start, or takes longer than a minute
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static ToolRun run(String... command) throws IOException, InterruptedException {
		return run(List.of(command), Map.of(), Duration.ofMinutes(1));
	}

	/**
	 * Whether a command is on the PATH (or is an executable file).
	 * @param name a command name or path
	 * @return whether it can be run
	 */
	public static boolean available(String name) {
		if (name.contains("/")) {
			return Files.isExecutable(Path.of(name));
		}
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		for (String dir : path.split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
				return true;
			}
		}
		return false;
	}

}
