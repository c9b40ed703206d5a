package io.octoplane.octl.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an Octopoda {@code octl.yaml} as octl's own config. Its keys map as follows:
 *
 * <pre>
 * httpsNameServer.enable/host/port -> nameserver: https://host:port (only when enabled)
 * brain.name                       -> brainName (the nameserver entry to ask for)
 * brain.ip/port                    -> brain: https://ip:port (when the nameserver is off)
 * ssl.caCert/clientCert/clientKey  -> ca, cert, key
 * workgroup.root/password          -> user: /root with password (root "" is the
 *                                     administrator: the certificate logs in)
 * workgroup.currentPathFile        -> workgroup: its 'current' path, if the file exists
 * git.serveUrl/username            -> scenarioRemote: serveUrl/username
 * </pre>
 *
 * Keys that mean nothing here ({@code jsonFast}, {@code outputPretty},
 * {@code requestInterval}, the default {@code apiPrefix}) are dropped silently; keys this
 * reader does not know, and values it cannot honour, are named in one warning.
 */
final class OctopodaConfig {

	// Top-level keys only Octopoda's file has.
	private static final Set<String> MARKERS = Set.of("httpsNameServer", "ssl", "git", "jsonFast", "outputPretty");

	private static final Map<String, Set<String>> KNOWN = Map.of("httpsNameServer",
			Set.of("enable", "host", "port", "requestInterval"), "brain", Set.of("name", "ip", "port", "apiPrefix"),
			"ssl", Set.of("caCert", "clientCert", "clientKey"), "git", Set.of("serveUrl", "username", "password"),
			"workgroup", Set.of("root", "password", "currentPathFile"), "jsonFast", Set.of(), "outputPretty", Set.of());

	private final Path file;

	private final ObjectNode octoplane = JsonNodeFactory.instance.objectNode();

	private final List<String> unknown = new ArrayList<>();

	private final List<String> unused = new ArrayList<>();

	private OctopodaConfig(Path file) {
		this.file = file;
	}

	/**
	 * Whether a config file is in Octopoda's format rather than octl's own.
	 * @param root the file's top-level mapping
	 * @return {@code true} for Octopoda's
	 */
	static boolean isOctopoda(JsonNode root) {
		for (String marker : MARKERS) {
			if (root.has(marker)) {
				return true;
			}
		}
		return root.path("brain").isObject() || root.path("workgroup").isObject();
	}

	/**
	 * Translates an Octopoda config into octl's keys.
	 * @param root the file's top-level mapping
	 * @param file the file, for messages and relative paths
	 * @param warnings receives one line naming what was not used, if anything
	 * @return the same settings as octl's own config keys
	 * @throws OctlConfigException if a value has the wrong type or range
	 */
	static ObjectNode translate(JsonNode root, Path file, Consumer<String> warnings) {
		OctopodaConfig config = new OctopodaConfig(file);
		config.read(root);
		List<String> notes = new ArrayList<>();
		if (!config.unknown.isEmpty()) {
			notes.add("unknown keys " + String.join(", ", config.unknown));
		}
		if (!config.unused.isEmpty()) {
			notes.add(String.join("; ", config.unused));
		}
		if (!notes.isEmpty()) {
			warnings.accept("Octopoda config " + file + ": " + String.join("; ", notes));
		}
		return config.octoplane;
	}

	private void read(JsonNode root) {
		for (String key : root.propertyNames()) {
			Set<String> known = KNOWN.get(key);
			if (known == null) {
				this.unknown.add(key);
				continue;
			}
			JsonNode section = root.get(key);
			if (section.isObject()) {
				for (String inner : section.propertyNames()) {
					if (!known.contains(inner)) {
						this.unknown.add(key + "." + inner);
					}
				}
			}
			else if (!known.isEmpty() && !section.isNull()) {
				throw new OctlConfigException("octl config " + this.file + ": '" + key + "' must be a mapping of "
						+ String.join(", ", known.stream().sorted().toList()) + " (Octopoda's octl.yaml)");
			}
		}
		nameserverAndBrain(root.path("httpsNameServer"), root.path("brain"));
		JsonNode ssl = root.path("ssl");
		copy(ssl, "caCert", "ca");
		copy(ssl, "clientCert", "cert");
		copy(ssl, "clientKey", "key");
		workgroup(root.path("workgroup"));
		git(root.path("git"));
	}

	private void nameserverAndBrain(JsonNode nameserver, JsonNode brain) {
		String prefix = text(brain, "apiPrefix");
		if (prefix != null && !prefix.replace("/", "").equals("apiv1")) {
			this.unused.add("brain.apiPrefix '" + prefix + "' is not used: the brain's API is at /api/v1");
		}
		String name = text(brain, "name");
		if (name != null) {
			this.octoplane.put("brainName", name);
		}
		if (bool(nameserver, "enable")) {
			String host = text(nameserver, "host");
			if (host == null) {
				throw new OctlConfigException(
						"octl config " + this.file + ": httpsNameServer is enabled but sets no host");
			}
			this.octoplane.put("nameserver", "https://" + host(host) + ":" + port(nameserver, "httpsNameServer", 3455));
			return;
		}
		String ip = text(brain, "ip");
		if (ip != null) {
			this.octoplane.put("brain", "https://" + host(ip) + ":" + port(brain, "brain", 12345));
		}
	}

	private void workgroup(JsonNode workgroup) {
		String root = text(workgroup, "root");
		if (root != null && !root.isBlank()) {
			this.octoplane.put("user", absolute(root));
			copy(workgroup, "password", "password");
			// One way to log in: the workgroup's password, not the certificate.
			this.octoplane.remove("cert");
			this.octoplane.remove("key");
		}
		String pathFile = text(workgroup, "currentPathFile");
		if (pathFile != null) {
			String current = currentPath(Path.of(pathFile));
			if (current != null && !current.isBlank()) {
				this.octoplane.put("workgroup", absolute(current));
			}
		}
	}

	private void git(JsonNode git) {
		String url = text(git, "serveUrl");
		if (url != null) {
			String user = text(git, "username");
			this.octoplane.put("scenarioRemote",
					(user != null && !user.isBlank()) ? url.replaceAll("/+$", "") + "/" + user : url);
		}
		if (text(git, "password") != null) {
			this.unused.add("git.password is not read from octl.yaml: 'octl scen repo' takes git credentials "
					+ "its own way (see 'octl help scen repo')");
		}
	}

	// Octopoda's file holds "current: PATH"; a missing or unreadable one means the root.
	private @Nullable String currentPath(Path pathFile) {
		Path resolved = this.file.toAbsolutePath().getParent().resolve(pathFile);
		if (!Files.isRegularFile(resolved)) {
			return null;
		}
		try {
			JsonNode tree = OctlConfigLoader.tree(resolved);
			return (tree != null) ? text(tree, "current") : null;
		}
		catch (OctlConfigException ex) {
			this.unused.add("workgroup.currentPathFile " + resolved + " is not readable (" + ex.getMessage() + ")");
			return null;
		}
	}

	private void copy(JsonNode section, String from, String to) {
		String value = text(section, from);
		if (value != null && !value.isBlank()) {
			this.octoplane.put(to, value);
		}
	}

	private @Nullable String text(JsonNode section, String key) {
		JsonNode value = section.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw new OctlConfigException("octl config " + this.file + ": '" + key + "' must be a single value");
		}
		return value.asString();
	}

	private boolean bool(JsonNode section, String key) {
		JsonNode value = section.get(key);
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			throw new OctlConfigException("octl config " + this.file + ": httpsNameServer." + key
					+ " must be true or false, not '" + value.asString() + "'");
		}
		return value.booleanValue();
	}

	private int port(JsonNode section, String name, int otherwise) {
		JsonNode value = section.get("port");
		if (value == null || value.isNull()) {
			return otherwise;
		}
		if (!value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 65535) {
			throw new OctlConfigException("octl config " + this.file + ": " + name + ".port must be a port number "
					+ "from 1 to 65535, not '" + value.asString() + "'");
		}
		return value.intValue();
	}

	private static String host(String host) {
		String trimmed = host.strip();
		return (trimmed.contains(":") && !trimmed.startsWith("[")) ? "[" + trimmed + "]" : trimmed;
	}

	private static String absolute(String path) {
		String trimmed = path.strip();
		return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
	}

}
