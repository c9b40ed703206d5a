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
		String[] segments = path.split("/");
		StringBuilder prefix = new StringBuilder();
		for (String segment : segments) {
			if (!prefix.isEmpty()) {
				prefix.append('/');
			}
			prefix.append(segment);
			if (excludedItself(prefix.toString())) {
				return true;
			}
		}
		return false;
	}

	/** The pattern that decides the path, for failure messages. */
	String decidingPattern(String path) {
		String found = "";
		for (Rule rule : this.rules) {
			if (rule.regex().matcher(path).matches()) {
				found = rule.pattern();
			}
		}
		return found;
	}

	private boolean excludedItself(String path) {
		boolean excluded = false;
		for (Rule rule : this.rules) {
			if (rule.regex().matcher(path).matches()) {
				excluded = !rule.include();
			}
		}
		return excluded;
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
