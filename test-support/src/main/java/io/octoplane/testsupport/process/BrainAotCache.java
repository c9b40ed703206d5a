package io.octoplane.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.octoplane.testsupport.ports.FreePorts;
import io.octoplane.testsupport.redis.RedisProcess;
import org.jspecify.annotations.Nullable;

/**
 * An AOT cache of the brain (JDK 25's {@code -XX:AOTCache}), made once per test JVM and
 * used by every brain {@link BrainProcess} starts from the class path: the classes the
 * brain loads and links while it starts, and their profiles, come from the cache instead
 * of being read, verified and linked again by each of the dozens of brains a test run
 * starts.
 *
 * <p>
 * The cache is made by a training run before the first brain starts: a brain with the
 * first caller's certificates and settings, but its own Redis, ports and data folder (so
 * the test's Redis sees no brain it did not start), started until ready and then stopped;
 * the JVM writes the cache as it exits. Where no cache can be made (a JDK before 25, a
 * class path with folders, as in an IDE, or a failed training run), brains start without
 * one, as they would anyway, and the reason is printed. Set the system property
 * {@value #ENABLED} to {@code false} to start every brain without a cache.
 */
final class BrainAotCache {

	/** The system property that turns the cache off when {@code false}. */
	static final String ENABLED = "octoplane.test.brain-aot";

	/**
	 * A training run is one brain start and stop, and writing the cache, on a busy host.
	 */
	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(4);

	/** The training brain's own values for these properties. */
	private static final Set<String> OWN = Set.of("server.port", "octoplane.agent.port", "management.server.port",
			"spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.cluster.nodes",
			"octoplane.brain.data-dir", "octoplane.brain.name", "octoplane.nameserver.url");

	private static boolean tried;

	private static Optional<Path> cache = Optional.empty();

	private BrainAotCache() {
	}

	/**
	 * The cache, made on the first call.
	 * @param mainClass the brain's main class
	 * @param jvmOptions the options every brain runs with, which the training run uses
	 * too
	 * @param classPath the class path every brain runs with
	 * @param args the first brain's arguments, for its certificates and settings
	 * @return the cache file, or empty where none could be made
	 */
	static synchronized Optional<Path> get(String mainClass, List<String> jvmOptions, String classPath,
			List<String> args) {
		if (!tried) {
			tried = true;
			cache = make(mainClass, jvmOptions, classPath, args);
		}
		return cache;
	}

	private static Optional<Path> make(String mainClass, List<String> jvmOptions, String classPath, List<String> args) {
		String unusable = unusable(classPath);
		if (unusable != null) {
			System.err.println("brains start without an AOT cache: " + unusable);
			return Optional.empty();
		}
		long started = System.nanoTime();
		Path folder = null;
		try {
			folder = Files.createTempDirectory("octoplane-brain-aot-");
			Path file = Files.createTempFile("octoplane-brain-", ".aot");
			file.toFile().deleteOnExit();
			Files.delete(file);
			int redisPort = FreePorts.take();
			int managementPort = FreePorts.take();
			List<String> training = trainingArgs(args, redisPort, managementPort, folder.resolve("brain"));
			List<String> options = new ArrayList<>(jvmOptions);
			options.add("-XX:AOTCacheOutput=" + file);
			String log;
			try (RedisProcess redis = RedisProcess.start(redisPort, folder.resolve("redis"));
					BrainProcess brain = new BrainProcess(ChildJvm.command(options, classPath, mainClass, training),
							null, training, folder.resolve("training.log"), managementPort)) {
				brain.awaitReady(TRAINING_TIMEOUT);
				brain.stop(TRAINING_TIMEOUT);
				log = brain.logTail(20);
			}
			if (!Files.isRegularFile(file) || Files.size(file) == 0) {
				System.err.println("brains start without an AOT cache: the training run wrote none; its log ends with:"
						+ System.lineSeparator() + log);
				return Optional.empty();
			}
			System.err.printf("brain AOT cache %s (%d MiB) made in %d s%n", file, Files.size(file) >> 20,
					Duration.ofNanos(System.nanoTime() - started).toSeconds());
			return Optional.of(file);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("brains start without an AOT cache: " + ex.getMessage());
			return Optional.empty();
		}
		finally {
			if (folder != null) {
				deleteQuietly(folder);
			}
		}
	}

	private static void deleteQuietly(Path folder) {
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// A leftover in the temporary folder harms no test.
		}
	}

	/** Why no cache can be made for this JVM and class path, or null if one can. */
	private static @Nullable String unusable(String classPath) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED, "true"))) {
			return ENABLED + " is false";
		}
		if (Runtime.version().feature() < 25) {
			return "Java " + Runtime.version().feature() + " has no -XX:AOTCacheOutput";
		}
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (!entry.isEmpty() && isNonEmptyFolder(path)) {
				// An AOT cache holds classes from jars only.
				return "the class path has a folder, " + path;
			}
		}
		return null;
	}

	private static boolean isNonEmptyFolder(Path path) {
		if (!Files.isDirectory(path)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(path)) {
			return entries.findAny().isPresent();
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * The first brain's arguments with the training brain's own Redis, ports and folder.
	 */
	private static List<String> trainingArgs(List<String> args, int redisPort, int managementPort, Path dataDir) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 2 && !OWN.contains(arg.substring(2, equals))) {
				properties.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
		properties.put("server.port", Integer.toString(FreePorts.take()));
		properties.put("octoplane.agent.port", Integer.toString(FreePorts.take()));
		properties.put("management.server.port", Integer.toString(managementPort));
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", Integer.toString(redisPort));
		properties.put("octoplane.brain.data-dir", dataDir.toAbsolutePath().toString());
		properties.put("octoplane.brain.name", "aot-training");
		List<String> training = new ArrayList<>();
		properties.forEach((name, value) -> training.add("--" + name + "=" + value));
		return training;
	}

}
