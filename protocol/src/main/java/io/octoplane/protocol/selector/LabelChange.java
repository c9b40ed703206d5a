package io.octoplane.protocol.selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code octl node label NODE key=value key-} asks for: labels to set and keys to
 * remove, in kubectl's spelling. A key may not be both set and removed.
 *
 * @param set labels to add or overwrite
 * @param remove keys to remove
 */
public record LabelChange(Map<String, String> set, List<String> remove) {

	public LabelChange {
		set = Map.copyOf(set);
		remove = List.copyOf(remove);
		LabelSyntax.requireLabels(set);
		for (String key : remove) {
			LabelSyntax.requireKey(key);
			if (set.containsKey(key)) {
				throw new InvalidSelectorException("label " + key + " is both set and removed");
			}
		}
	}

	/**
	 * Reads {@code key=value} and {@code key-} arguments.
	 * @param arguments the arguments as typed
	 * @return the change
	 * @throws InvalidSelectorException for an argument of neither form or bad syntax
	 */
	public static LabelChange parse(List<String> arguments) {
		Map<String, String> set = new LinkedHashMap<>();
		List<String> remove = new ArrayList<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			if (equals >= 0) {
				set.put(argument.substring(0, equals), argument.substring(equals + 1));
			}
			else if (argument.endsWith("-")) {
				remove.add(argument.substring(0, argument.length() - 1));
			}
			else {
				throw new InvalidSelectorException(
						"'" + argument + "' is neither key=value (to set a label) nor key- (to remove one)");
			}
		}
		if (set.isEmpty() && remove.isEmpty()) {
			throw new InvalidSelectorException("name at least one key=value or key- change");
		}
		return new LabelChange(set, remove);
	}

}
