package io.octoplane.protocol.agent;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a node is, sent after the brain's Welcome and again whenever it changes: built-in
 * facts (OS, kernel, CPU, memory, disks, addresses, ...), the output of the node's custom
 * fact scripts, and the labels its configuration gives it. Sizes are bytes, times epoch
 * seconds, so selectors can compare them ({@code facts.memory_total>2GiB}).
 *
 * @param facts fact name to value; names are 1 to 63 of {@code [A-Za-z0-9_.-]}, values at
 * most {@value #MAX_VALUE} characters, at most {@value #MAX_FACTS} facts
 * @param labels the labels of the node's configuration file (already checked against the
 * label syntax by the tentacle; the brain checks them again)
 * @param errors fact script name to what went wrong with it (timed out, failed, output
 * too large); such a script contributes no facts
 * @param collectedAtMillis node clock when collected, epoch milliseconds
 */
public record Facts(Map<String, String> facts, Map<String, String> labels, Map<String, String> errors,
		long collectedAtMillis) implements AgentMessage {

	/** The most facts one node reports. */
	public static final int MAX_FACTS = 256;

	/** The longest fact value, characters. */
	public static final int MAX_VALUE = 1024;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][-A-Za-z0-9_.]{0,62}");

	public Facts {
		facts = Map.copyOf(Objects.requireNonNull(facts, "facts must not be null"));
		labels = Map.copyOf(Objects.requireNonNull(labels, "labels must not be null"));
		errors = Map.copyOf(Objects.requireNonNull(errors, "errors must not be null"));
		if (facts.size() > MAX_FACTS) {
			throw new IllegalArgumentException("at most " + MAX_FACTS + " facts, got " + facts.size());
		}
		facts.forEach((name, value) -> {
			if (!isName(name)) {
				throw new IllegalArgumentException("fact name '" + name + "' must be 1 to 63 of [A-Za-z0-9_.-]");
			}
			if (value.length() > MAX_VALUE) {
				throw new IllegalArgumentException("fact " + name + " is longer than " + MAX_VALUE + " characters");
			}
		});
	}

	/**
	 * Whether a text may name a fact.
	 * @param name the text
	 * @return whether it is 1 to 63 of {@code [A-Za-z0-9_.-]}, not starting with - or .
	 */
	public static boolean isName(String name) {
		return NAME.matcher(name).matches();
	}

}
