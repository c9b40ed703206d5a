package io.octoplane.octl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.octoplane.protocol.workgroup.WorkgroupPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Changes one key of an octl config file in place, keeping every other line, comment and
 * the file's permissions as they were. The new file replaces the old one atomically, so a
 * crash leaves either the old or the new file, never half of one.
 */
public final class ConfigFileEditor {

	/** A top-level {@code workgroup:} line, with an optional trailing comment. */
	private static final Pattern WORKGROUP_LINE = Pattern
		.compile("^(?<key>([\"']?)workgroup\\2\\s*:)[^#\\r\\n]*?(?<comment>\\s+#[^\\r\\n]*)?$", Pattern.MULTILINE);

	/** A top-level {@code context:} line, with an optional trailing comment. */
	private static final Pattern CONTEXT_LINE = Pattern
		.compile("^(?<key>([\"']?)context\\2\\s*:)[^#\\r\\n]*?(?<comment>\\s+#[^\\r\\n]*)?$", Pattern.MULTILINE);

	private ConfigFileEditor() {
	}

	/**
	 * Chooses the context the file uses, replacing its {@code context} line or adding one
	 * at the top.
	 * @param file the config file
	 * @param context the name of one of the file's contexts
	 * @throws OctlConfigException if the file cannot be read or written, or has no such
	 * context
	 */
	public static void setContext(Path file, String context) {
		Path real;
		String text;
		try {
			real = file.toRealPath();
			text = Files.readString(real, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new OctlConfigException("cannot read octl config " + file + ": " + ex, ex);
		}
		JsonNode root = OctlConfigLoader.tree(real);
		List<String> names = (root != null && !OctopodaConfig.isOctopoda(root)) ? ConfigContexts.names(root)
				: List.of();
		if (!names.contains(context)) {
			throw new OctlConfigException("octl config " + file + " has no context '" + context + "'"
					+ (names.isEmpty() ? "; add a 'contexts' mapping first" : "; it has " + names));
		}
		write(real, withContext(text, context));
	}

	static String withContext(String text, String context) {
		Matcher matcher = CONTEXT_LINE.matcher(text);
		if (matcher.find()) {
			String comment = (matcher.group("comment") != null) ? matcher.group("comment") : "";
			return text.substring(0, matcher.start()) + matcher.group("key") + " " + context + comment
					+ text.substring(matcher.end());
		}
		String newline = text.contains("\r\n") ? "\r\n" : "\n";
		return "context: " + context + newline + text;
	}

	/**
	 * Sets the top-level {@code workgroup} key, replacing its line or appending one.
	 * @param file the config file
	 * @param workgroup the canonical absolute workgroup path
	 * @param contextOverride the context named by the environment, or {@code null}
	 * @throws OctlConfigException if the file cannot be read or written, or if the
	 * context in use sets its own workgroup, which would win over the changed line
	 */
	public static void setWorkgroup(Path file, String workgroup, @Nullable String contextOverride) {
		String path = WorkgroupPaths.normalize(workgroup);
		Path real;
		String text;
		try {
			// A linked config (dotfiles) is changed where it lives; the link stays.
			real = file.toRealPath();
			text = Files.readString(real, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new OctlConfigException("cannot read octl config " + file + ": " + ex, ex);
		}
		JsonNode root = OctlConfigLoader.tree(real);
		if (root != null && OctopodaConfig.isOctopoda(root)) {
			// Octopoda keeps the current workgroup in a file of its own, and so does octl
			// with Octopoda's config.
			String pathFile = root.path("workgroup").path("currentPathFile").asString("");
			if (pathFile.isBlank()) {
				throw new OctlConfigException("octl config " + file + " is Octopoda's, without "
						+ "workgroup.currentPathFile to keep the current workgroup in: set one, or use octl's own "
						+ "config format, whose 'workgroup:' line 'octl wg cd' changes");
			}
			Path current = real.getParent().resolve(pathFile);
			try {
				Files.createDirectories(current.toAbsolutePath().getParent());
				if (!Files.exists(current)) {
					Files.writeString(current, "");
				}
			}
			catch (IOException ex) {
				throw new OctlConfigException("cannot write " + current + ": " + ex, ex);
			}
			write(current, "current: " + path + "\n");
			return;
		}
		String context = (root != null) ? ConfigContexts.chosen(root, contextOverride) : null;
		JsonNode own = (context != null) ? root.path(ConfigContexts.CONTEXTS).path(context).get("workgroup") : null;
		if (own != null) {
			throw new OctlConfigException(
					"context '" + context + "' of octl config " + file + " sets its own workgroup (" + own.asString()
							+ "), which wins over the 'workgroup:' line 'octl wg "
							+ "cd' changes: edit the context's workgroup instead, or remove it from the context to use "
							+ "'octl wg cd'");
		}
		write(real, withWorkgroup(text, path));
	}

	/**
	 * The config text with its {@code workgroup} key set.
	 * @param text the config file's text
	 * @param workgroup the canonical absolute workgroup path
	 * @return the changed text
	 */
	static String withWorkgroup(String text, String workgroup) {
		Matcher matcher = WORKGROUP_LINE.matcher(text);
		if (matcher.find()) {
			String comment = (matcher.group("comment") != null) ? matcher.group("comment") : "";
			String line = matcher.group("key") + " " + workgroup + comment;
			// Only the first: a second one would already make the YAML invalid.
			return text.substring(0, matcher.start()) + line + text.substring(matcher.end());
		}
		String newline = text.contains("\r\n") ? "\r\n" : "\n";
		String separator = (text.isEmpty() || text.endsWith("\n")) ? "" : newline;
		return text + separator + "workgroup: " + workgroup + newline;
	}

	private static void write(Path file, String text) {
		Path temporary = null;
		try {
			temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
			try {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
				Files.setPosixFilePermissions(temporary, permissions);
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the new file keeps the default permissions.
			}
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new OctlConfigException("cannot write octl config " + file + ": " + ex, ex);
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					// Best effort: a stray temporary file
					// holds nothing the config does not.
				}
			}
		}
	}

}
