package io.octoplane.brain.redis;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * Chooses the redis-server binary for a local Redis: the configured one, else the one
 * installed on the machine, else the copy bundled in the embedded-redis jar. The bundled
 * one is an old Redis that no longer gets fixes, so it is only the zero-setup fallback of
 * a first trial, and choosing it logs a warning that names its version and how to use a
 * real Redis instead.
 */
final class RedisBinaryLocator {

	private static final Logger logger = LoggerFactory.getLogger(RedisBinaryLocator.class);

	/**
	 * Where Debian, RPM and source installs put redis-server, also when not on the PATH.
	 */
	private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin");

	private static final Pattern NAMED_VERSION = Pattern.compile("redis-server-(\\d+(?:\\.\\d+)*)");

	private static final Pattern REPORTED_VERSION = Pattern.compile("\\bv=(\\d+(?:\\.\\d+)*)");

	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

	private final List<Path> searchDirs;

	private final Bundled bundled;

	RedisBinaryLocator(List<Path> searchDirs, Bundled bundled) {
		this.searchDirs = List.copyOf(searchDirs);
		this.bundled = bundled;
	}

	/**
	 * A locator for this machine: the folders of the {@code PATH} environment variable
	 * and the usual system folders, then the binary bundled for this OS and architecture.
	 * @return the locator
	 */
	static RedisBinaryLocator forThisMachine() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		List<Path> dirs = Stream.concat(Stream.of(path.split(File.pathSeparator)), SYSTEM_DIRS.stream())
			.filter((dir) -> !dir.isEmpty())
			.map(Path::of)
			.distinct()
			.toList();
		return new RedisBinaryLocator(dirs, RedisBinaryLocator::extractBundled);
	}

	/**
	 * Chooses the binary to run.
	 * @param configured the binary the operator named, if any; it wins unconditionally
	 * @return the chosen binary and where it came from
	 * @throws LocalRedisStartException if nothing is configured, none is installed and
	 * the bundled one does not exist for this OS and architecture
	 */
	RedisBinary locate(Optional<Path> configured) {
		if (configured.isPresent()) {
			return new RedisBinary(configured.get(), RedisBinary.Source.CONFIGURED);
		}
		Optional<Path> system = this.searchDirs.stream()
			.map((dir) -> dir.resolve("redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
		if (system.isPresent()) {
			return new RedisBinary(system.get(), RedisBinary.Source.SYSTEM);
		}
		Path path;
		try {
			path = this.bundled.extract();
		}
		catch (IOException | RuntimeException ex) {
			throw new LocalRedisStartException(
					"no redis-server on the PATH and the bundled one does not run on this OS/architecture ("
							+ System.getProperty("os.name") + "/" + System.getProperty("os.arch")
							+ "): install Redis (e.g. apt-get install redis-server) or set spring.data.redis.host",
					ex);
		}
		logger.warn(bundledWarning(path));
		return new RedisBinary(path, RedisBinary.Source.BUNDLED);
	}

	/**
	 * The warning logged when the bundled binary is chosen.
	 * @param binary the extracted bundled binary
	 * @return the warning text
	 */
	static String bundledWarning(Path binary) {
		return "No redis-server installed (searched the PATH and " + String.join(", ", SYSTEM_DIRS)
				+ "): starting the Redis " + versionOf(binary) + " bundled in the embedded-redis jar, which is past"
				+ " its end of life and meant only for a first trial. To use a real Redis, install one"
				+ " (e.g. apt-get install redis-server) and restart, or point the brain at yours with"
				+ " spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url).";
	}

	/**
	 * The Redis version a binary reports ({@code v=6.2.11} in the output of
	 * {@code redis-server --version}), else the one in its file name, such as
	 * {@code 6.2.6} in {@code redis-server-6.2.6-v5-linux-amd64}. The bundled binaries'
	 * names are not always their versions, so asking the binary comes first.
	 */
	static String versionOf(Path binary) {
		return reportedVersion(binary).orElseGet(() -> {
			Matcher matcher = NAMED_VERSION.matcher(binary.getFileName().toString());
			return matcher.find() ? matcher.group(1) : "of unknown version";
		});
	}

	private static Optional<String> reportedVersion(Path binary) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
			try {
				if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					return Optional.empty();
				}
				// One short line: it fits the pipe, so
				// reading after the exit cannot block.
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				Matcher matcher = REPORTED_VERSION.matcher(output);
				return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
			}
			finally {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static Path extractBundled() throws IOException {
		// Written to a temporary folder under its
		// resource name, which carries the version.
		return ExecutableProvider.newJarResourceProvider().get().toPath();
	}

	/** Extracts the bundled binary; a seam so tests need not unpack a real one. */
	@FunctionalInterface
	interface Bundled {

		Path extract() throws IOException;

	}

}
