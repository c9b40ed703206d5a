package io.octoplane.octl.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several brains in one config file. A file with a {@code contexts} mapping names one
 * settings block per brain and picks one with {@code context} ({@code $OCTL_CONTEXT}
 * wins); keys outside the blocks apply to every context unless the context sets them too:
 *
 * <pre>
 * context: lab
 * ca: ca.pem
 * contexts:
 *   lab:  { brain: https://lab-brain:12345, cert: alice.pem, key: alice-key.pem }
 *   prod: { brain: https://brain.example.org:12345, tokenFile: prod.token }
 * </pre>
 *
 * A file without {@code contexts} is read as one context, as before.
 */
final class ConfigContexts {

	static final String CONTEXTS = "contexts";

	static final String CONTEXT = "context";

	private ConfigContexts() {
	}

	/**
	 * The settings of the chosen context, merged over the file's shared keys.
	 * @param root the parsed file
	 * @param override the context named by the environment, or {@code null}
	 * @param file the file, for messages
	 * @return one flat mapping of settings
	 * @throws OctlConfigException if no context is chosen or the chosen one is unknown
	 */
	static ObjectNode select(ObjectNode root, @Nullable String override, Path file) {
		JsonNode contexts = root.get(CONTEXTS);
		ObjectNode shared = root.deepCopy();
		shared.remove(CONTEXTS);
		shared.remove(CONTEXT);
		if (contexts == null) {
			return shared;
		}
		if (!contexts.isObject()) {
			throw new OctlConfigException(
					"octl config " + file + ": 'contexts' must be a mapping of names to settings");
		}
		String name = chosen(root, override);
		if (name == null) {
			throw new OctlConfigException("octl config " + file + " has contexts " + names(root)
					+ " but chooses none: set 'context', or run 'octl config use-context NAME'");
		}
		JsonNode chosen = contexts.get(name);
		if (chosen == null || !chosen.isObject()) {
			throw new OctlConfigException(
					"octl config " + file + " has no context '" + name + "'; it has " + names(root));
		}
		shared.setAll((ObjectNode) chosen);
		return shared;
	}

	/** The names of the file's contexts, in file order; empty without contexts. */
	static List<String> names(JsonNode root) {
		List<String> names = new ArrayList<>();
		JsonNode contexts = root.get(CONTEXTS);
		if (contexts != null && contexts.isObject()) {
			names.addAll(contexts.propertyNames());
		}
		return names;
	}

	/**
	 * The context a run uses.
	 * @param root the parsed file
	 * @param override the context named by the environment, or {@code null}
	 * @return its name, or {@code null} for a file without contexts or a choice
	 */
	static @Nullable String chosen(JsonNode root, @Nullable String override) {
		if (!root.has(CONTEXTS)) {
			return null;
		}
		return (override != null && !override.isBlank()) ? override.strip() : current(root);
	}

	/** The context the file itself chooses, or {@code null}. */
	static @Nullable String current(JsonNode root) {
		JsonNode current = root.get(CONTEXT);
		return (current != null && current.isString() && !current.asString().isBlank()) ? current.asString().strip()
				: null;
	}

}
