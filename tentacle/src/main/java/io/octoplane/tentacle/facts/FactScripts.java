package io.octoplane.tentacle.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.octoplane.protocol.agent.Facts;
import org.jspecify.annotations.Nullable;

/**
 * Runs the custom fact scripts of one folder: every executable file not starting with a
 * dot, in name order, each with a time limit and an output limit. A script prints
 * {@code key=value} lines (blank lines and {@code #} comments are skipped). A script that
 * times out, fails, prints too much or prints a bad line contributes no facts; what went
 * wrong is reported as its error instead, and the tentacle carries on.
 */
final class FactScripts {

	private final @Nullable Path folder;

	private final Duration timeout;

	private final int maxBytes;

	private final Path scratch;

	/**
	 * Creates the runner.
	 * @param folder the scripts' folder, or {@code null} for none
	 * @param timeout how long one script may run
	 * @param maxBytes the most output one script may print
	 * @param scratch a folder for the scripts' output while they run
	 */
	FactScripts(@Nullable Path folder, Duration timeout, int maxBytes, Path scratch) {
		this.folder = folder;
		this.timeout = timeout;
		this.maxBytes = maxBytes;
		this.scratch = scratch;
	}

	/**
	 * What the scripts printed and what went wrong.
	 *
	 * @param facts the facts of every script that succeeded
	 * @param errors script file name to what went wrong with it
	 */
	record Output(Map<String, String> facts, Map<String, String> errors) {
	}

	/** Runs every script once. */
	Output run() {
		Map<String, String> facts = new TreeMap<>();
		Map<String, String> errors = new TreeMap<>();
		for (Path script : scripts(errors)) {
			String name = script.getFileName().toString();
			try {
				facts.putAll(runOne(script));
			}
			catch (FactScriptException ex) {
				errors.put(name, ex.getMessage());
			}
			catch (IOException ex) {
				errors.put(name, "cannot run: " + ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return new Output(facts, errors);
	}

	private List<Path> scripts(Map<String, String> errors) {
		if (this.folder == null || !Files.isDirectory(this.folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.folder)) {
			return files
				.filter((file) -> Files.isRegularFile(file) && Files.isExecutable(file)
						&& !file.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			errors.put(this.folder.toString(), "cannot list fact scripts: " + ex.getMessage());
			return List.of();
		}
	}

	private Map<String, String> runOne(Path script) throws IOException, InterruptedException {
		Files.createDirectories(this.scratch);
		Path output = Files.createTempFile(this.scratch, "fact-", ".out");
		try {
			Process process = new ProcessBuilder(script.toAbsolutePath().toString())
				.directory(script.toAbsolutePath().getParent().toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				List<ProcessHandle> descendants = process.descendants().toList();
				descendants.forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new FactScriptException("timed out after " + this.timeout.toMillis() + "ms");
			}
			if (process.exitValue() != 0) {
				throw new FactScriptException("exited with status " + process.exitValue());
			}
			long size = Files.size(output);
			if (size > this.maxBytes) {
				throw new FactScriptException(
						"printed " + size + " bytes, more than the limit of " + this.maxBytes + " bytes");
			}
			return parse(Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	static Map<String, String> parse(String text) {
		Map<String, String> facts = new TreeMap<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			String name = (equals > 0) ? line.substring(0, equals).strip() : "";
			if (!Facts.isName(name)) {
				throw new FactScriptException("line " + (i + 1) + " is not name=value with a name of 1 to 63 of "
						+ "[A-Za-z0-9_.-]: " + cut(line));
			}
			String value = line.substring(equals + 1).strip();
			if (value.length() > Facts.MAX_VALUE) {
				throw new FactScriptException("line " + (i + 1) + ": the value of " + name + " is longer than "
						+ Facts.MAX_VALUE + " characters");
			}
			facts.put(name, value);
		}
		return facts;
	}

	private static String cut(String line) {
		return (line.length() > 80) ? line.substring(0, 80) + "..." : line;
	}

	/** What went wrong with one script, reported as its error. */
	static final class FactScriptException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		FactScriptException(String message) {
			super(message);
		}

	}

}
