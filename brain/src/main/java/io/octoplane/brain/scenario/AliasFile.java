package io.octoplane.brain.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A scenario's {@code alias.yaml}, as Octopoda's {@code scen create} writes it: each key
 * names a list of node names and {@code @alias} references to other keys. An application
 * names an alias as {@code @alias} in its {@code nodes}. References are expanded here,
 * depth first, and a reference loop is an error. A {@code @name} that is no key of the
 * file is kept as it is: it names a workgroup, which the brain expands when the scenario
 * is applied.
 */
final class AliasFile {

	static final String FILE = "alias.yaml";

	private static final AliasFile NONE = new AliasFile(Map.of());

	/** Alias name to its members, references expanded, in order and without repeats. */
	private final Map<String, List<String>> expanded;

	private AliasFile(Map<String, List<String>> expanded) {
		this.expanded = expanded;
	}

	/** The aliases of a scenario without an {@code alias.yaml}. */
	static AliasFile none() {
		return NONE;
	}

	/**
	 * Reads an alias file.
	 * @param bytes its content
	 * @return the aliases, expanded
	 * @throws InvalidDeploymentException naming the file and the alias if it is not a
	 * mapping of lists of names or its references loop
	 */
	static AliasFile parse(byte[] bytes) {
		JsonNode root = DeploymentParser.readYaml(bytes, FILE);
		if (root == null || root.isMissingNode() || root.isNull()) {
			return NONE;
		}
		if (!root.isObject()) {
			throw new InvalidDeploymentException(FILE, "", "must be a mapping of alias names to lists of node names");
		}
		Map<String, List<String>> raw = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> alias : root.properties()) {
			JsonNode members = alias.getValue();
			if (!members.isArray()) {
				throw new InvalidDeploymentException(FILE, alias.getKey(), "must be a list of node names or @aliases");
			}
			List<String> names = new ArrayList<>();
			for (int i = 0; i < members.size(); i++) {
				JsonNode member = members.get(i);
				if (!member.isString()) {
					throw new InvalidDeploymentException(FILE, alias.getKey() + "[" + i + "]",
							"'" + member + "' is not a node name or @alias");
				}
				if (!member.asString().isBlank()) {
					names.add(member.asString().strip());
				}
			}
			raw.put(alias.getKey(), names);
		}
		Map<String, List<String>> expanded = new HashMap<>();
		for (String alias : raw.keySet()) {
			expand(alias, raw, expanded, new LinkedHashSet<>());
		}
		return new AliasFile(expanded);
	}

	private static List<String> expand(String alias, Map<String, List<String>> raw, Map<String, List<String>> expanded,
			Set<String> path) {
		List<String> done = expanded.get(alias);
		if (done != null) {
			return done;
		}
		if (!path.add(alias)) {
			throw new InvalidDeploymentException(FILE, alias,
					"aliases refer to each other in a loop: " + String.join(" -> @", path) + " -> @" + alias);
		}
		Set<String> members = new LinkedHashSet<>();
		for (String member : raw.get(alias)) {
			String referenced = member.startsWith("@") ? member.substring(1) : null;
			if (referenced != null && raw.containsKey(referenced)) {
				members.addAll(expand(referenced, raw, expanded, path));
			}
			else {
				members.add(member);
			}
		}
		path.remove(alias);
		List<String> result = List.copyOf(members);
		expanded.put(alias, result);
		return result;
	}

	/**
	 * Whether a {@code @name} names an alias of this file.
	 * @param name the name without {@code @}
	 * @return whether it does
	 */
	boolean has(String name) {
		return this.expanded.containsKey(name);
	}

	/**
	 * An alias's members: node names and {@code @workgroup} references.
	 * @param name the name without {@code @}
	 * @return its members, or an empty list if it is no alias
	 */
	List<String> members(String name) {
		return this.expanded.getOrDefault(name, List.of());
	}

}
