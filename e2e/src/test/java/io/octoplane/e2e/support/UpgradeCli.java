package io.octoplane.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The upgrade tool of a real executable jar, as the online-upgrade tests run it: the jar
 * from the reactor build ({@code verify -pl e2e -am} packages it first) started with
 * {@code java -jar ... upgrade ...}, as the launcher itself runs releases.
 */
public final class UpgradeCli {

	private UpgradeCli() {
	}

	/**
	 * The executable jar of a module of this build.
	 * @param module {@code tentacle} or {@code brain}
	 * @return its absolute path
	 * @throws IOException if the module's target folder cannot be listed
	 */
	public static Path execJar(String module) throws IOException {
		try (Stream<Path> files = Files.list(Path.of("..", module, "target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"build the " + module + " jar first (mvn package -pl " + module + ")"))
				.toAbsolutePath();
		}
	}

	/**
	 * The command line of the jar's upgrade tool with its leading options.
	 * @param jar the executable jar
	 * @param options the options after {@code upgrade}, such as {@code --home DIR}
	 * @return the command, to extend with an action
	 */
	public static List<String> command(Path jar, String... options) {
		List<String> command = new ArrayList<>(List
			.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "upgrade"));
		command.addAll(List.of(options));
		return List.copyOf(command);
	}

	/**
	 * A command line with more words at the end.
	 * @param head the command so far
	 * @param tail the words to add
	 * @return the longer command
	 */
	public static List<String> concat(List<String> head, String... tail) {
		List<String> all = new ArrayList<>(head);
		all.addAll(List.of(tail));
		return all;
	}

	/**
	 * Runs a command to its end (at most a minute), appending its output to a log.
	 * @param command the command
	 * @param log the log file
	 * @return its exit status, or -1 if it had to be killed
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static int run(List<String> command, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

}
