package io.octoplane.octl.node;

import java.util.Locale;

import io.octoplane.protocol.api.NodeState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code -sf online|offline}, the two filters the brain accepts.
 */
final class StateFilterConverter implements ITypeConverter<NodeState> {

	@Override
	public NodeState convert(String value) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "online" -> NodeState.ONLINE;
			case "offline" -> NodeState.OFFLINE;
			default ->
				throw new TypeConversionException("'" + value + "' is not a state filter; use online or offline");
		};
	}

}
