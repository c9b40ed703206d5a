package io.octoplane.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.tentacle.config.FactSettings;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.certs.CertFixtures;

/**
 * Real tentacles in this JVM, each with its own node certificate and workspace
 * ({@code <root>/<name>}), dialling a brain on loopback with short backoff so tests that
 * break links or brains do not wait long for reconnects.
 */
final class TentacleFleet implements AutoCloseable {

	private final CertFixtures certs;

	private final Path root;

	private final Map<String, Tentacle> running = new LinkedHashMap<>();

	TentacleFleet(CertFixtures certs, Path root) {
		this.certs = certs;
		this.root = root;
	}

	/** Starts a tentacle (again, on the same workspace and journal, if it ran before). */
	Tentacle start(String name, int agentPort) {
		return start(name, agentPort, Clock.systemUTC());
	}

	/** Starts a tentacle whose clock may be set apart from the brain's. */
	Tentacle start(String name, int agentPort, Clock clock) {
		return start(name, agentPort, clock, FactSettings.defaults(), EdgeSettings.DEFAULTS);
	}

	/** Starts a tentacle with labels and fact scripts of its own. */
	Tentacle start(String name, int agentPort, FactSettings facts) {
		return start(name, agentPort, Clock.systemUTC(), facts, EdgeSettings.DEFAULTS);
	}

	/** Starts a tentacle with thin-link or gateway settings. */
	Tentacle start(String name, int agentPort, EdgeSettings edge) {
		return start(name, agentPort, Clock.systemUTC(), FactSettings.defaults(), edge);
	}

	private Tentacle start(String name, int agentPort, Clock clock, FactSettings facts, EdgeSettings edge) {
		PemPair pair = this.certs.node(name);
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("localhost", agentPort), pair.certificate(), pair.privateKey(), this.certs.caCert(),
					workspace(name))
			.withTimings(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(5))
			.withFacts(facts)
			.withEdge(edge);
		Tentacle tentacle = new Tentacle(config, clock);
		Tentacle previous = this.running.put(name, tentacle);
		if (previous != null) {
			previous.close();
		}
		tentacle.start();
		return tentacle;
	}

	/** Starts tentacles and waits until every one is connected. */
	List<String> startAll(String prefix, int count, int agentPort) throws InterruptedException {
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String name = String.format("%s%02d", prefix, i);
			names.add(name);
			start(name, agentPort);
		}
		for (String name : names) {
			if (!this.running.get(name).awaitConnected(Duration.ofSeconds(30))) {
				throw new IllegalStateException("tentacle " + name + " did not connect");
			}
		}
		return names;
	}

	/** The running tentacle of that name. */
	Tentacle tentacle(String name) {
		Tentacle tentacle = this.running.get(name);
		if (tentacle == null) {
			throw new IllegalArgumentException("no tentacle " + name + " is running");
		}
		return tentacle;
	}

	/** Stops a tentacle; its workspace and journal stay. */
	void stop(String name) {
		Tentacle tentacle = this.running.remove(name);
		if (tentacle != null) {
			tentacle.close();
		}
	}

	Path workspace(String name) {
		return this.root.resolve(name);
	}

	/** Lines of a file in a node's workspace; none if it does not exist. */
	List<String> lines(String name, String file) {
		Path path = workspace(name).resolve(file);
		try {
			return Files.exists(path) ? Files.readAllLines(path) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		List.copyOf(this.running.keySet()).forEach(this::stop);
	}

}
