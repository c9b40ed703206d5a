package io.octoplane.octl.node;

import io.octoplane.protocol.api.NodeState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code -sf}: every state the brain knows, by the names it shows ({@code online},
 * {@code unstable}, {@code offline}) or by Octopoda's ({@code ready}, {@code disconn},
 * {@code dead}).
 */
final class StateFilterConverter implements ITypeConverter<NodeState> {

	@Override
	public NodeState convert(String value) {
		try {
			return NodeState.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a state filter; use " + NodeState.SPELLINGS);
		}
	}

}
