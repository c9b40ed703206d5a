package io.octoplane.brain.workgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.octoplane.server.web.InvalidRequestException;

/** Canonical workgroup paths: {@code /}, {@code /lab}, {@code /lab/pis}. */
final class WorkgroupPaths {

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	private static final int MAX_DEPTH = 16;

	private WorkgroupPaths() {
	}

	static String normalize(String path) {
		String trimmed = path.trim();
		if (trimmed.isEmpty() || "/".equals(trimmed)) {
			return "/";
		}
		if (!trimmed.startsWith("/")) {
			throw new InvalidRequestException("workgroup path '" + path + "' must start with /");
		}
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		List<String> segments = new ArrayList<>();
		for (String segment : trimmed.substring(1).split("/", -1)) {
			// "." and ".." are refused rather than resolved: a path names one workgroup,
			// never a walk through others.
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
				throw new InvalidRequestException("workgroup path '" + path + "' has an invalid part '" + segment
						+ "' (letters, digits, '.', '_' and '-'; no '.', '..' or empty parts)");
			}
			segments.add(segment);
		}
		if (segments.size() > MAX_DEPTH) {
			throw new InvalidRequestException("workgroup path '" + path + "' is deeper than " + MAX_DEPTH + " levels");
		}
		return "/" + String.join("/", segments);
	}

	static String resolve(String base, String path) {
		return path.trim().startsWith("/") ? normalize(path) : normalize(("/".equals(base) ? "" : base) + "/" + path);
	}

	static boolean isSameOrBelow(String path, String ancestor) {
		return "/".equals(ancestor) || path.equals(ancestor) || path.startsWith(ancestor + "/");
	}

	static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash <= 0) ? "/" : path.substring(0, slash);
	}

}
