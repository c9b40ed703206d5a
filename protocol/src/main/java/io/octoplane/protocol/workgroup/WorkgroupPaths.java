package io.octoplane.protocol.workgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Canonical workgroup paths: {@code /}, {@code /lab}, {@code /lab/pis}. A name is 1 to 63
 * ASCII letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
 * digit, so it fits a URL, a Redis key and an HTTP Basic user name as it is; a path is at
 * most {@value #MAX_DEPTH} names deep. Every malformed path fails with an
 * {@link IllegalArgumentException} whose message names the rule it broke.
 *
 * <p>
 * {@link #resolve(String, String) resolve} refuses {@code .} and {@code ..}: in a request
 * a path names one workgroup, never a walk through others. Only
 * {@link #navigate(String, String) navigate}, for an operator moving about like
 * {@code cd}, applies them.
 */
public final class WorkgroupPaths {

	/** The root workgroup, which sees every node. */
	public static final String ROOT = "/";

	/** Most names in a path. */
	public static final int MAX_DEPTH = 16;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	private WorkgroupPaths() {
	}

	/**
	 * The canonical form of an absolute path: surrounding blanks and one trailing slash
	 * dropped.
	 * @param path a path such as {@code /lab/pis/}
	 * @return the canonical path, {@code /} for the root
	 * @throws IllegalArgumentException if the path is blank, relative, too deep or has an
	 * invalid, empty, {@code .} or {@code ..} part
	 */
	public static String normalize(String path) {
		String trimmed = path.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("workgroup path must not be blank; the root is /");
		}
		if (ROOT.equals(trimmed)) {
			return ROOT;
		}
		if (!trimmed.startsWith("/")) {
			throw new IllegalArgumentException("workgroup path '" + shown(path) + "' must start with /");
		}
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		List<String> names = new ArrayList<>();
		for (String name : trimmed.substring(1).split("/", -1)) {
			if (names.size() == MAX_DEPTH) {
				throw tooDeep(path);
			}
			names.add(requireName(path, name));
		}
		return "/" + String.join("/", names);
	}

	/**
	 * Resolves a path given relative to a workgroup ({@code pis}) or absolute
	 * ({@code /lab/pis}); {@code .} and {@code ..} are refused, not applied.
	 * @param base the canonical workgroup relative paths start from
	 * @param path the path as given
	 * @return the canonical absolute path
	 * @throws IllegalArgumentException if the path is malformed
	 */
	public static String resolve(String base, String path) {
		String trimmed = path.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("workgroup path must not be blank; the root is /");
		}
		return trimmed.startsWith("/") ? normalize(trimmed) : normalize(prefix(normalize(base)) + trimmed);
	}

	/**
	 * Moves from a workgroup the way {@code cd} moves between folders: absolute paths
	 * stand alone, relative ones start at the base, {@code ..} goes up (never above the
	 * root), {@code .} and empty parts are skipped. The names reached must be valid.
	 * @param base the canonical workgroup relative paths start from
	 * @param path the path as typed, such as {@code ../racks}
	 * @return the canonical absolute path
	 * @throws IllegalArgumentException if the path is blank, holds an invalid name or
	 * leads too deep
	 */
	public static String navigate(String base, String path) {
		String trimmed = path.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("workgroup path must not be blank; the root is /");
		}
		List<String> names = new ArrayList<>();
		if (!trimmed.startsWith("/")) {
			String start = normalize(base);
			if (!ROOT.equals(start)) {
				names.addAll(List.of(start.substring(1).split("/")));
			}
		}
		for (String name : trimmed.split("/")) {
			if (name.isEmpty() || ".".equals(name)) {
				continue;
			}
			if ("..".equals(name)) {
				if (!names.isEmpty()) {
					names.remove(names.size() - 1);
				}
				continue;
			}
			names.add(requireName(path, name));
			if (names.size() > MAX_DEPTH) {
				throw tooDeep(path);
			}
		}
		return names.isEmpty() ? ROOT : "/" + String.join("/", names);
	}

	/**
	 * Whether a workgroup is the given one or below it.
	 * @param path a canonical workgroup
	 * @param ancestor a canonical possible ancestor
	 * @return {@code true} for {@code /a/b} below {@code /a}, {@code false} for
	 * {@code /ab}
	 */
	public static boolean isSameOrBelow(String path, String ancestor) {
		return ROOT.equals(ancestor) || path.equals(ancestor) || path.startsWith(ancestor + "/");
	}

	/**
	 * The workgroup one level up.
	 * @param path a canonical workgroup
	 * @return its parent; {@code /} for a top-level workgroup and for the root
	 */
	public static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash <= 0) ? ROOT : path.substring(0, slash);
	}

	private static String prefix(String base) {
		return ROOT.equals(base) ? ROOT : base + "/";
	}

	private static String requireName(String path, String name) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("workgroup path '" + shown(path) + "' has an invalid part '"
					+ shown(name) + "' (1 to 63 letters, digits, '.', '_' and '-', starting with a letter or digit; "
					+ "no '.', '..' or empty parts)");
		}
		return name;
	}

	private static IllegalArgumentException tooDeep(String path) {
		return new IllegalArgumentException(
				"workgroup path '" + shown(path) + "' is deeper than " + MAX_DEPTH + " levels");
	}

	// Paths come from the network and from flags: an
	// error message quotes a bounded, printable excerpt.
	private static String shown(String text) {
		String stripped = text.strip();
		String cut = (stripped.length() > 80) ? stripped.substring(0, 80) + "..." : stripped;
		StringBuilder printable = new StringBuilder(cut.length());
		cut.codePoints().forEach((c) -> printable.appendCodePoint((c < ' ' || c == 0x7f) ? '?' : c));
		return printable.toString();
	}

}
