package io.octoplane.protocol.selector;

/**
 * How a selector requirement compares a node's value. {@link #NOT_EQUALS},
 * {@link #NOT_IN} and {@link #NOT_EXISTS} also match nodes without the key, as in
 * Kubernetes; the comparisons match only numeric values.
 */
public enum Operator {

	/** {@code key=value} (also {@code key==value}). */
	EQUALS("="),

	/** {@code key!=value}. */
	NOT_EQUALS("!="),

	/** {@code key in (a,b)}. */
	IN("in"),

	/** {@code key notin (a,b)}. */
	NOT_IN("notin"),

	/** {@code key}: the node has the key. */
	EXISTS(""),

	/** {@code !key}: the node lacks the key. */
	NOT_EXISTS("!"),

	/** {@code key>quantity}. */
	GREATER(">"),

	/** {@code key>=quantity}. */
	GREATER_OR_EQUAL(">="),

	/** {@code key<quantity}. */
	LESS("<"),

	/** {@code key<=quantity}. */
	LESS_OR_EQUAL("<=");

	private final String symbol;

	Operator(String symbol) {
		this.symbol = symbol;
	}

	/** How the operator is written. */
	public String symbol() {
		return this.symbol;
	}

	/** Whether it compares numbers. */
	public boolean isComparison() {
		return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
	}

	/** Whether it matches nodes that lack the key. */
	public boolean matchesAbsent() {
		return this == NOT_EQUALS || this == NOT_IN || this == NOT_EXISTS;
	}

}
