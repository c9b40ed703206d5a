package io.octoplane.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.process.BrainProcess;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A named set of brains in child JVMs ({@link BrainProcess}) sharing the test's Redis and
 * PKI, each on free ports of its own, named by {@code octoplane.brain.name}. Register it
 * as a static field with {@code @RegisterExtension}, ordered after the Redis it uses with
 * {@code @Order}: it starts every brain before the class's first test (all at once, then
 * waits until each is ready), stops them after the last, and prints the end of each
 * brain's log when a test fails. Brain {@code i} logs to {@code NAME.log} and keeps its
 * data in {@code NAME/} of a temporary folder, deleted after the class.
 */
public final class BrainSet implements BeforeAllCallback, AfterAllCallback, TestWatcher {

	/** Three brains starting at once on a small, busy machine need this long at most. */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

	private static final int LOG_TAIL_LINES = 60;

	private final List<String> names;

	private final Function<Path, BrainArgs> base;

	private final Map<String, String> properties;

	private final List<BrainArgs> args = new ArrayList<>();

	private final List<BrainProcess> brains = new ArrayList<>();

	private @Nullable Path folder;

	private BrainSet(List<String> names, Function<Path, BrainArgs> base, Map<String, String> properties) {
		this.names = List.copyOf(names);
		this.base = base;
		this.properties = properties;
	}

	/**
	 * A set of brains.
	 * @param base each brain's arguments for its data folder, read when the set starts
	 * (so a Redis port may be read from an extension registered before this one)
	 * @param names the brains' names, in the order {@link #args(int)} numbers them
	 * @return the set, not started
	 */
	public static BrainSet of(Function<Path, BrainArgs> base, String... names) {
		if (names.length == 0) {
			throw new IllegalArgumentException("a brain set needs at least one name");
		}
		return new BrainSet(List.of(names), base, Map.of());
	}

	/**
	 * This set with one more property for every brain.
	 * @param property the property name, such as {@code octoplane.peer.timeout}
	 * @param value its value
	 * @return a new set, not started
	 */
	public BrainSet with(String property, Object value) {
		Map<String, String> more = new LinkedHashMap<>(this.properties);
		more.put(property, value.toString());
		return new BrainSet(this.names, this.base, more);
	}

	/**
	 * This set with heartbeats every 500 ms, a node unstable after 3 s and offline after
	 * 6 s: timings that several brains starting at once on a small machine keep without
	 * nodes flapping offline.
	 * @return a new set, not started
	 */
	public BrainSet withSteadyHeartbeats() {
		return with("octoplane.agent.heartbeat-interval", "500ms").with("octoplane.agent.unstable-after", "3s")
			.with("octoplane.agent.offline-after", "6s");
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		Path root = Files.createTempDirectory("octoplane-brains-");
		this.folder = root;
		try {
			// All launched before any is awaited: their starts overlap.
			for (String name : this.names) {
				BrainArgs brain = this.base.apply(root.resolve(name)).with("octoplane.brain.name", name);
				for (Map.Entry<String, String> property : this.properties.entrySet()) {
					brain = brain.with(property.getKey(), property.getValue());
				}
				this.args.add(brain);
				this.brains
					.add(BrainProcess.start(brain.toList(), root.resolve(name + ".log"), brain.managementPort()));
			}
			this.brains.forEach((brain) -> brain.awaitReady(READY_TIMEOUT));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
		for (int i = 0; i < this.brains.size(); i++) {
			BrainProcess brain = this.brains.get(i);
			System.err.printf("---- %s (%s) failed; %s ends with:%n%s%n", context.getDisplayName(), brain,
					brain.logFile(), brain.logTail(LOG_TAIL_LINES));
		}
	}

	/** How many brains the set has. */
	public int size() {
		return this.names.size();
	}

	/**
	 * A brain's name.
	 * @param brain its number, from 0
	 * @return its name
	 */
	public String name(int brain) {
		return this.names.get(brain);
	}

	/**
	 * A brain's arguments: its ports, data folder and properties.
	 * @param brain its number, from 0
	 * @return its arguments
	 */
	public BrainArgs args(int brain) {
		return started(this.args).get(brain);
	}

	/**
	 * A brain's process, to kill, stop or start again.
	 * @param brain its number, from 0
	 * @return its process
	 */
	public BrainProcess process(int brain) {
		return started(this.brains).get(brain);
	}

	/**
	 * The agent ports of all brains, in order, such as for a balancer in front of them.
	 */
	public int[] agentPorts() {
		return started(this.args).stream().mapToInt(BrainArgs::agentPort).toArray();
	}

	private <T> List<T> started(List<T> list) {
		if (list.size() != this.names.size()) {
			throw new IllegalStateException("the brains " + this.names + " have not started; register the set with"
					+ " @RegisterExtension on a static field");
		}
		return list;
	}

	private void stop() {
		this.brains.forEach(BrainProcess::close);
		this.brains.clear();
		this.args.clear();
		Path root = this.folder;
		this.folder = null;
		if (root != null) {
			delete(root);
		}
	}

	private static void delete(Path root) {
		try (Stream<Path> all = Files.walk(root)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + root, ex);
		}
	}

	@Override
	public String toString() {
		return "BrainSet" + this.names;
	}

}
