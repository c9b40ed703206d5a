package io.octoplane.protocol.selector;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A parsed node selector: every requirement must hold. Written as in Kubernetes
 * ({@code site=lab,role!=camera,arch in (arm64,armv7),!gpu,ssd}) plus numeric comparisons
 * ({@code facts.memory_total>2GiB}).
 *
 * @param requirements the requirements, at least one
 */
public record Selector(List<Requirement> requirements) {

	/**
	 * The prefix that marks a target list entry as a selector, as in deployment.yaml's
	 * {@code nodes: ['label:site=lab']} and the {@code -l} option of octl.
	 */
	public static final String TARGET_PREFIX = "label:";

	public Selector {
		requirements = List.copyOf(requirements);
		if (requirements.isEmpty()) {
			throw new InvalidSelectorException("a selector needs at least one requirement");
		}
	}

	/**
	 * Parses a selector.
	 * @param text the selector as typed
	 * @return the selector
	 * @throws InvalidSelectorException saying where the text breaks the syntax
	 */
	public static Selector parse(String text) {
		return new SelectorParser(text).parse();
	}

	/**
	 * Whether a target list entry is a selector ({@code label:...}).
	 * @param target the entry
	 * @return whether it starts with {@code label:}
	 */
	public static boolean isTarget(String target) {
		return target.strip().startsWith(TARGET_PREFIX);
	}

	/**
	 * The target list entry that stands for the nodes a selector matches.
	 * @param selector the selector as typed
	 * @return {@code label:} and the selector
	 */
	public static String toTarget(String selector) {
		return TARGET_PREFIX + selector.strip();
	}

	/**
	 * Parses a target list entry of the form {@code label:SELECTOR}.
	 * @param target the entry
	 * @return the selector
	 * @throws InvalidSelectorException if the entry has no selector or a bad one
	 */
	public static Selector ofTarget(String target) {
		String text = target.strip();
		if (!text.startsWith(TARGET_PREFIX)) {
			throw new InvalidSelectorException("'" + target + "' is no selector target (label:...)");
		}
		return parse(text.substring(TARGET_PREFIX.length()));
	}

	/**
	 * Whether a node matches, given its labels and facts.
	 * @param labels the node's labels
	 * @param facts the node's facts
	 * @return whether every requirement holds
	 */
	public boolean matches(Map<String, String> labels, Map<String, String> facts) {
		return matches(labels::get, facts::get);
	}

	/**
	 * Whether a node matches, given lookups of its labels and facts.
	 * @param labels a node's label by key, {@code null} when absent
	 * @param facts a node's fact by name, {@code null} when absent
	 * @return whether every requirement holds
	 */
	public boolean matches(Function<String, @Nullable String> labels, Function<String, @Nullable String> facts) {
		for (Requirement requirement : this.requirements) {
			String value;
			if (requirement.isFact()) {
				value = facts.apply(requirement.name());
			}
			else {
				value = labels.apply(requirement.key());
				if (value == null) {
					value = facts.apply(requirement.key());
				}
			}
			if (!requirement.matches(value)) {
				return false;
			}
		}
		return true;
	}

	/** The canonical spelling, which parses back to an equal selector. */
	@Override
	public String toString() {
		return String.join(",", this.requirements.stream().map(Requirement::toString).toList());
	}

}
