package io.octoplane.octl.config;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Workgroup paths as octl handles them before the brain sees them: absolute
 * ({@code /lab/pis}), with {@code .} and {@code ..} resolved the way a shell resolves
 * folders. Which names are valid is the brain's decision, so this only refuses what can
 * never be a path (spaces, control characters, a colon, which HTTP Basic cannot carry in
 * a user name).
 */
public final class WorkgroupPaths {

	/** The root workgroup, which sees every node. */
	public static final String ROOT = "/";

	private WorkgroupPaths() {
	}

	/**
	 * Resolves a path against a base, like {@code cd}: absolute paths stand alone,
	 * relative ones start at the base, {@code ..} goes up (never above the root) and
	 * {@code .} and empty parts are skipped.
	 * @param base the absolute path relative paths start from
	 * @param path the path as typed
	 * @return the canonical absolute path, {@code /} or without a trailing slash
	 * @throws IllegalArgumentException if a path is blank or holds spaces, control
	 * characters or a colon
	 */
	public static String resolve(String base, String path) {
		check(path);
		Deque<String> segments = new ArrayDeque<>();
		if (!path.startsWith("/")) {
			check(base);
			if (!base.startsWith("/")) {
				throw new IllegalArgumentException("workgroup path '" + base + "' must start with /");
			}
			walk(segments, base);
		}
		walk(segments, path);
		return segments.isEmpty() ? ROOT : "/" + String.join("/", segments);
	}

	/**
	 * Canonicalizes an absolute path.
	 * @param path the path, starting with {@code /}
	 * @return the canonical path
	 * @throws IllegalArgumentException if it is not absolute or holds spaces, control
	 * characters or a colon
	 */
	public static String normalize(String path) {
		check(path);
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("workgroup path '" + path + "' must start with /");
		}
		return resolve(ROOT, path);
	}

	private static void walk(Deque<String> segments, String path) {
		for (String segment : path.split("/")) {
			if (segment.isEmpty() || ".".equals(segment)) {
				continue;
			}
			if ("..".equals(segment)) {
				segments.pollLast();
			}
			else {
				segments.addLast(segment);
			}
		}
	}

	private static void check(String path) {
		if (path.isBlank()) {
			throw new IllegalArgumentException("workgroup path must not be blank");
		}
		if (!path.chars().allMatch((c) -> c > ' ' && c <= '~' && c != ':')) {
			throw new IllegalArgumentException("workgroup path '" + path.strip()
					+ "' may only hold printable ASCII without spaces or ':', like /lab/pis");
		}
	}

}
