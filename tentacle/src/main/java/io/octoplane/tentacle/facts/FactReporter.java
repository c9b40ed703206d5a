package io.octoplane.tentacle.facts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.host.HostSampler;
import io.octoplane.tentacle.config.FactSettings;
import io.octoplane.tentacle.connection.AgentConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the brain what this node is. On its own thread, so slow fact scripts never delay
 * a heartbeat or a command: it sends the facts on each new connection, collects them
 * again every interval, and sends them only when they changed.
 */
public final class FactReporter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FactReporter.class);

	private final BuiltinFacts builtin;

	private final FactScripts scripts;

	private final FactSettings settings;

	private final Clock clock;

	/** Wakes the thread: a connection to send to, or the end. */
	private final LinkedBlockingQueue<Object> wake = new LinkedBlockingQueue<>();

	private final Object stop = new Object();

	private volatile @Nullable AgentConnection connection;

	private volatile @Nullable Facts last;

	private @Nullable Thread thread;

	/**
	 * Creates the reporter; nothing runs before {@link #start()}.
	 * @param settings labels, fact scripts and interval
	 * @param workspace the workspace, on whose file system the scripts' output is kept
	 * while they run
	 * @param version this tentacle's release
	 * @param clock the node clock
	 */
	public FactReporter(FactSettings settings, Path workspace, String version, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.builtin = new BuiltinFacts(Path.of("/proc"), Path.of("/etc/os-release"),
				new HostSampler(Path.of("/proc"), workspace, clock), version);
		this.scripts = new FactScripts(settings.scripts(), settings.scriptTimeout(), settings.scriptMaxBytes(),
				workspace.resolve(".octoplane/facts"));
	}

	/** Starts the collecting thread. */
	public synchronized void start() {
		if (this.thread == null) {
			this.thread = Thread.ofPlatform().name("octoplane-facts").daemon().start(this::loop);
		}
	}

	/**
	 * Sends the facts on a new connection, once the brain welcomed it.
	 * @param connection the connection
	 */
	public void attach(AgentConnection connection) {
		this.connection = connection;
		this.wake.add(connection);
	}

	/**
	 * Forgets a connection that ended.
	 * @param connection the connection
	 */
	public void detach(AgentConnection connection) {
		if (this.connection == connection) {
			this.connection = null;
		}
	}

	/** The facts last collected, or {@code null} before the first collection. */
	public @Nullable Facts last() {
		return this.last;
	}

	/**
	 * Collects the facts now: built-in ones, then the scripts' (a built-in fact wins over
	 * a script's fact of the same name).
	 * @return the facts, the labels of the configuration and the scripts' errors
	 */
	Facts collect() {
		FactScripts.Output output = this.scripts.run();
		TreeMap<String, String> facts = new TreeMap<>(output.facts());
		facts.putAll(this.builtin.collect());
		while (facts.size() > Facts.MAX_FACTS) {
			facts.remove(facts.lastKey());
		}
		return new Facts(facts, this.settings.labels(), output.errors(), this.clock.millis());
	}

	private void loop() {
		long intervalMillis = this.settings.interval().toMillis();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Object signal = this.wake.poll(intervalMillis, TimeUnit.MILLISECONDS);
				if (signal == this.stop) {
					return;
				}
				Facts previous = this.last;
				if (signal != null && previous != null) {
					send(previous);
					continue;
				}
				Facts current = collect();
				this.last = current;
				if (previous == null || !sameContent(previous, current)) {
					send(current);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// One bad collection must not end the reporting for good.
				logger.warn("cannot collect facts: {}", ex.toString());
			}
		}
	}

	private void send(Facts facts) {
		AgentConnection current = this.connection;
		if (current == null) {
			return;
		}
		try {
			current.send(facts);
		}
		catch (IOException ex) {
			// The connection is going down; the next one is sent the facts again.
			logger.debug("cannot send facts: {}", ex.getMessage());
		}
	}

	private static boolean sameContent(Facts a, Facts b) {
		return a.facts().equals(b.facts()) && a.labels().equals(b.labels()) && a.errors().equals(b.errors());
	}

	@Override
	public void close() {
		Thread running;
		synchronized (this) {
			running = this.thread;
		}
		this.wake.add(this.stop);
		if (running != null) {
			running.interrupt();
		}
	}

}
