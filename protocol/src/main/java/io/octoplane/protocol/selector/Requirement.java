package io.octoplane.protocol.selector;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One comma-separated part of a selector: a key, how it compares, and the values it
 * compares with.
 *
 * @param key a label key, or {@code facts.NAME} for a fact
 * @param operator how the node's value is compared
 * @param values one value for {@code =}, {@code !=} and the comparisons, one or more for
 * {@code in} and {@code notin}, none for {@code key} and {@code !key}
 */
public record Requirement(String key, Operator operator, List<String> values) {

	/** The key prefix that names a fact rather than a label. */
	public static final String FACT_PREFIX = "facts.";

	private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	public Requirement {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(operator, "operator must not be null");
		values = List.copyOf(values);
		int expected = switch (operator) {
			case EXISTS, NOT_EXISTS -> 0;
			case IN, NOT_IN -> -1;
			default -> 1;
		};
		if ((expected >= 0 && values.size() != expected) || (expected < 0 && values.isEmpty())) {
			throw new InvalidSelectorException("'" + key + " " + operator.symbol() + "' takes "
					+ ((expected < 0) ? "at least one value" : (expected == 0) ? "no value" : "one value") + ", got "
					+ values.size());
		}
		if (operator.isComparison() && Quantity.parse(values.get(0)).isEmpty()) {
			throw new InvalidSelectorException("'" + key + operator.symbol() + values.get(0)
					+ "': a comparison needs a number, optionally with a unit such as 512MiB or 2G");
		}
	}

	/** Whether the key names a fact explicitly ({@code facts.NAME}). */
	public boolean isFact() {
		return this.key.startsWith(FACT_PREFIX);
	}

	/** The key without the {@code facts.} prefix. */
	public String name() {
		return isFact() ? this.key.substring(FACT_PREFIX.length()) : this.key;
	}

	/** The number a comparison compares with. */
	public double number() {
		return Quantity.parse(this.values.get(0)).orElseThrow();
	}

	/**
	 * Whether a node's value for the key satisfies the requirement.
	 * @param value the node's value, or {@code null} when it lacks the key
	 * @return whether it matches
	 */
	public boolean matches(@Nullable String value) {
		if (value == null) {
			return this.operator.matchesAbsent();
		}
		return switch (this.operator) {
			case EQUALS, IN -> this.values.contains(value);
			case NOT_EQUALS, NOT_IN -> !this.values.contains(value);
			case EXISTS -> true;
			case NOT_EXISTS -> false;
			case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> compares(value);
		};
	}

	private boolean compares(String value) {
		// A node's value compares only as a plain number (facts report sizes in bytes),
		// which is what the brain's numeric indexes hold.
		if (!PLAIN_NUMBER.matcher(value).matches()) {
			return false;
		}
		int order = Double.compare(Double.parseDouble(value), number());
		return switch (this.operator) {
			case GREATER -> order > 0;
			case GREATER_OR_EQUAL -> order >= 0;
			case LESS -> order < 0;
			default -> order <= 0;
		};
	}

	@Override
	public String toString() {
		return switch (this.operator) {
			case EXISTS -> this.key;
			case NOT_EXISTS -> "!" + this.key;
			case IN, NOT_IN -> this.key + " " + this.operator.symbol() + " (" + String.join(",", this.values) + ")";
			default -> this.key + this.operator.symbol() + this.values.get(0);
		};
	}

}
