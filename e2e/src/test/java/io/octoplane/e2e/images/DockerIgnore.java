package io.octoplane.e2e.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of a .dockerignore file and whether they keep a path out of the build
 * context, as Docker reads them: {@code *} and {@code ?} within one path segment,
 * {@code **} across segments, a leading {@code !} takes a path back in, the last matching
 * pattern wins, and a path is out when it or a folder above it is.
 */
record DockerIgnore(List<Rule> rules) {

	static DockerIgnore read(Path file) throws IOException {
		List<Rule> rules = new ArrayList<>();
		for (String raw : Files.readAllLines(file)) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			boolean include = line.startsWith("!");
			String pattern = include ? line.substring(1).strip() : line;
			rules.add(new Rule(pattern, toRegex(pattern), include));
		}
		return new DockerIgnore(List.copyOf(rules));
	}

	/**
	 * Whether the path, relative to the context root with {@code /} separators, stays out
	 * of the build context.
	 */
	boolean excludes(String path) {
		boolean excluded = false;
		for (Rule rule : this.rules) {
			if (matchesOrParentMatches(rule, path)) {
				excluded = !rule.include();
			}
		}
		return excluded;
	}

	/** The last pattern matching the path or a folder above it, for failure messages. */
	String decidingPattern(String path) {
		String found = "";
		for (Rule rule : this.rules) {
			if (matchesOrParentMatches(rule, path)) {
				found = rule.pattern();
			}
		}
		return found;
	}

	private static boolean matchesOrParentMatches(Rule rule, String path) {
		String prefix = path;
		while (!prefix.isEmpty()) {
			if (rule.regex().matcher(prefix).matches()) {
				return true;
			}
			int slash = prefix.lastIndexOf('/');
			prefix = (slash > 0) ? prefix.substring(0, slash) : "";
		}
		return false;
	}

	private static Pattern toRegex(String pattern) {
		String clean = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < clean.length(); i++) {
			char c = clean.charAt(i);
			if (clean.startsWith("**/", i)) {
				regex.append("(.*/)?");
				i += 2;
			}
			else if (clean.startsWith("**", i)) {
				regex.append(".*");
				i += 1;
			}
			else if (c == '*') {
				regex.append("[^/]*");
			}
			else if (c == '?') {
				regex.append("[^/]");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

	/** One line of the file. */
	record Rule(String pattern, Pattern regex, boolean include) {
	}

}
