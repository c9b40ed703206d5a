package io.octoplane.testsupport.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.ports.FreePorts;

/**
 * The command line of a brain run by {@link BrainProcess}: the test PKI, the test Redis,
 * fixed loopback ports and fast heartbeats, like
 * {@code io.octoplane.brain.BrainTestSupport} gives an in-process brain.
 *
 * <p>
 * The ports are fixed rather than random because a brain that is killed and started again
 * must come back where its tentacles and octl expect it.
 *
 * <p>
 * Spring Boot joins a property given twice on the command line with a comma instead of
 * letting the last one win, so {@link #with(String, Object)} and
 * {@link #withArgs(String...)} replace a property rather than repeat it.
 *
 * @param certificate the brain's certificate PEM
 * @param privateKey the brain's private key PEM
 * @param ca the CA certificate PEM, the trust anchor for nodes and operators
 * @param redisPort the loopback port of the test Redis
 * @param restPort the REST API port ({@code server.port})
 * @param agentPort the port tentacles dial ({@code octoplane.agent.port})
 * @param managementPort the actuator port ({@code management.server.port})
 * @param dataDir the brain's own folder ({@code octoplane.brain.data-dir})
 * @param extra further properties, by name without the leading {@code --}, which win over
 * this class's defaults (but may not name a property that has a component above)
 */
public record BrainArgs(Path certificate, Path privateKey, Path ca, int redisPort, int restPort, int agentPort,
		int managementPort, Path dataDir, Map<String, String> extra) {

	/** Properties that have a component of their own, so that its accessor stays true. */
	private static final Set<String> COMPONENTS = Set.of("octoplane.tls.certificate", "octoplane.tls.private-key",
			"octoplane.tls.ca", "spring.data.redis.port", "server.port", "octoplane.agent.port",
			"management.server.port", "octoplane.brain.data-dir");

	public BrainArgs {
		Objects.requireNonNull(certificate, "certificate must not be null");
		Objects.requireNonNull(privateKey, "privateKey must not be null");
		Objects.requireNonNull(ca, "ca must not be null");
		Objects.requireNonNull(dataDir, "dataDir must not be null");
		for (String name : extra.keySet()) {
			if (COMPONENTS.contains(name)) {
				throw new IllegalArgumentException(name + " has a component of its own; set it there");
			}
		}
		// Copied into an insertion-ordered map so the command line reads in the order
		// the properties were added; Map.copyOf would shuffle them.
		extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	/**
	 * Arguments for a brain with the given ports.
	 * @param certs the test PKI; the brain presents {@link CertFixtures#brain()}
	 * @param redisPort the loopback port of the test Redis
	 * @param restPort the REST API port
	 * @param agentPort the port tentacles dial
	 * @param managementPort the actuator port, which {@link BrainProcess#awaitReady}
	 * polls
	 * @param dataDir the brain's own folder
	 * @return the arguments
	 */
	public static BrainArgs of(CertFixtures certs, int redisPort, int restPort, int agentPort, int managementPort,
			Path dataDir) {
		return new BrainArgs(certs.brain().certificate(), certs.brain().privateKey(), certs.caCert(), redisPort,
				restPort, agentPort, managementPort, dataDir, Map.of());
	}

	/**
	 * Arguments for a brain on three free ports, each different, see
	 * {@link FreePorts#take()}.
	 * @param certs the test PKI; the brain presents {@link CertFixtures#brain()}
	 * @param redisPort the loopback port of the test Redis
	 * @param dataDir the brain's own folder
	 * @return the arguments; read the chosen ports from them
	 */
	public static BrainArgs withFreePorts(CertFixtures certs, int redisPort, Path dataDir) {
		return of(certs, redisPort, FreePorts.take(), FreePorts.take(), FreePorts.take(), dataDir);
	}

	/**
	 * These arguments with one more property, or with a new value for one already set
	 * (including the defaults this class sets, such as the heartbeat timings). Ports,
	 * certificates and the data folder are components: pass them to
	 * {@link #of(CertFixtures, int, int, int, int, Path)} instead.
	 * @param property the property name, such as {@code octoplane.agent.offline-after}
	 * @param value its value; {@link Object#toString()} gives its text
	 * @return new arguments
	 */
	public BrainArgs with(String property, Object value) {
		String name = property.startsWith("--") ? property.substring(2) : property;
		if (name.isEmpty() || name.contains("=")) {
			throw new IllegalArgumentException("not a property name: " + property);
		}
		Map<String, String> extra = new LinkedHashMap<>(this.extra);
		extra.remove(name);
		extra.put(name, value.toString());
		return new BrainArgs(this.certificate, this.privateKey, this.ca, this.redisPort, this.restPort, this.agentPort,
				this.managementPort, this.dataDir, extra);
	}

	/**
	 * These arguments with more {@code --name=value} arguments, each replacing any
	 * earlier value of the same property.
	 * @param args arguments of the form {@code --name=value}
	 * @return new arguments
	 */
	public BrainArgs withArgs(String... args) {
		BrainArgs result = this;
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("not a --name=value argument: " + arg);
			}
			result = result.with(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return result;
	}

	/** The command line, one {@code --name=value} argument per property. */
	public List<String> toList() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("octoplane.tls.certificate", "file:" + this.certificate.toAbsolutePath());
		properties.put("octoplane.tls.private-key", "file:" + this.privateKey.toAbsolutePath());
		properties.put("octoplane.tls.ca", "file:" + this.ca.toAbsolutePath());
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", Integer.toString(this.redisPort));
		properties.put("server.port", Integer.toString(this.restPort));
		properties.put("octoplane.agent.port", Integer.toString(this.agentPort));
		properties.put("octoplane.agent.address", "127.0.0.1");
		properties.put("octoplane.peer.address", "127.0.0.1");
		properties.put("octoplane.peer.advertised-host", "localhost");
		properties.put("management.server.port", Integer.toString(this.managementPort));
		properties.put("octoplane.agent.heartbeat-interval", "200ms");
		properties.put("octoplane.agent.unstable-after", "700ms");
		properties.put("octoplane.agent.offline-after", "1500ms");
		properties.put("octoplane.agent.handshake-timeout", "3s");
		properties.put("octoplane.brain.name", "test-brain");
		properties.put("octoplane.brain.data-dir", this.dataDir.toAbsolutePath().toString());
		properties.putAll(this.extra);
		List<String> args = new ArrayList<>(properties.size());
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		return List.copyOf(args);
	}

	/** The REST API's base URI, for octl's configuration. */
	public String restUri() {
		return "https://127.0.0.1:" + this.restPort;
	}

}
