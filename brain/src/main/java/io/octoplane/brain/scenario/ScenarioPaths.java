package io.octoplane.brain.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Relative paths inside a scenario folder, worked out as text (never against the brain's
 * own file system), so {@code ../} cannot reach outside the folder.
 */
final class ScenarioPaths {

	private ScenarioPaths() {
	}

	/**
	 * Normalizes a relative path: {@code .} and empty segments dropped, {@code ..}
	 * applied, no trailing slash.
	 * @param path the path, with {@code /} separators
	 * @return the normalized path ({@code ""} for the folder itself), or empty if it is
	 * absolute or leaves the folder
	 */
	static Optional<String> normalize(String path) {
		if (path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
			return Optional.empty();
		}
		Deque<String> segments = new ArrayDeque<>();
		for (String segment : path.split("/")) {
			if (segment.isEmpty() || segment.equals(".")) {
				continue;
			}
			if (segment.equals("..")) {
				if (segments.isEmpty()) {
					return Optional.empty();
				}
				segments.removeLast();
			}
			else {
				segments.addLast(segment);
			}
		}
		return Optional.of(String.join("/", segments));
	}

}
