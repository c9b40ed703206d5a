package io.octoplane.octl.output;

import java.util.List;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What {@code -o name} prints: the names of the items an answer lists, one per line. The
 * items are the answer's first list member ({@code nodes}, {@code jobs},
 * {@code scenarios}, {@code tokens}...), or the answer itself when it is one item or a
 * bare list; an item's name is its {@code name}, else its {@code id}, else its
 * {@code path}.
 */
final class NameList {

	private static final List<String> NAME_MEMBERS = List.of("name", "id", "path");

	private NameList() {
	}

	/**
	 * The lines for an answer.
	 * @param answer the answer as a JSON tree
	 * @return one name per line, each ending in a line break
	 * @throws ExitException with {@link ExitStatus#INVALID_INPUT} if the answer has no
	 * names to print
	 */
	static String of(JsonNode answer) {
		JsonNode items = items(answer);
		StringBuilder out = new StringBuilder();
		if (items.isArray()) {
			for (JsonNode item : items) {
				out.append(nameOf(item)).append('\n');
			}
		}
		else {
			out.append(nameOf(items)).append('\n');
		}
		return out.toString();
	}

	private static JsonNode items(JsonNode answer) {
		if (answer.isArray() || name(answer) != null) {
			return answer;
		}
		for (JsonNode member : answer) {
			if (member.isArray()) {
				return member;
			}
		}
		return answer;
	}

	private static String nameOf(JsonNode item) {
		String name = name(item);
		if (name == null) {
			throw new ExitException(ExitStatus.INVALID_INPUT,
					"-o name: this answer has no names or ids to list; use -o json or -o jsonpath=TEMPLATE");
		}
		return name;
	}

	private static @Nullable String name(JsonNode item) {
		if (!item.isObject()) {
			return (item.isString()) ? item.asString() : null;
		}
		for (String member : NAME_MEMBERS) {
			JsonNode value = item.get(member);
			if (value != null && value.isValueNode() && !value.isNull()) {
				return value.asString();
			}
		}
		return null;
	}

}
