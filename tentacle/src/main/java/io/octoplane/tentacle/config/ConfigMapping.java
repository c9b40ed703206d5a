package io.octoplane.tentacle.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link YamlSubset} tree onto {@link ConfigFile} by hand, for the plain forms a
 * configuration file is written in: every key known, text where text is expected, plain
 * decimal numbers, mappings and lists where the record has them. Anything else is
 * declined, and {@link ConfigFileJackson} maps the tree as before, so odd values are
 * coerced, and mistakes reported, exactly as they always were; a valid file never loads
 * Jackson's classes, some 8 MiB of class metadata on a node.
 */
final class ConfigMapping {

	private ConfigMapping() {
	}

	/**
	 * Maps a tree.
	 * @param root the document's top-level mapping
	 * @return the file's settings, or {@code null} to let Jackson map it
	 */
	static @Nullable ConfigFile map(Map<String, @Nullable Object> root) {
		try {
			Section file = new Section(root);
			ConfigFile mapped = new ConfigFile(file.string("brain"), file.string("cert"), file.string("key"),
					file.string("ca"), workspace(file.value("workspace")), file.integer("outputLimitBytes"),
					file.string("backoffInitial"), file.string("backoffMax"), file.string("connectTimeout"),
					file.integer("maxFrameBytes"), file.string("journal"), file.string("journalRetention"),
					file.string("joinToken"), file.string("name"), file.string("brainApi"), file.string("renewBefore"),
					file.strings("scriptEnv"), file.string("nameserver"), file.string("brainService"),
					file.string("root"), file.string("shell"), env(file.value("env")),
					file.section("logger", (logger) -> new ConfigFile.Logger(logger.string("path"))),
					file.section("pakma", (pakma) -> new ConfigFile.Pakma(pakma.string("root"))),
					file.strings("labels"),
					file.section("facts",
							(facts) -> new ConfigFile.Facts(facts.string("scripts"), facts.string("timeout"),
									facts.integer("maxBytes"), facts.string("interval"))),
					file.string("compression"),
					file.section("heartbeat",
							(heartbeat) -> new ConfigFile.Heartbeat(heartbeat.string("interval"),
									heartbeat.integer("statusEvery"))),
					file.section("gateway", (gateway) -> new ConfigFile.Gateway(gateway.string("listen"))),
					file.string("via"));
			file.allRead();
			return mapped;
		}
		catch (Declined ex) {
			return null;
		}
	}

	private static ConfigFile.@Nullable Workspace workspace(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String folder) {
			return ConfigFile.Workspace.folder(folder);
		}
		Section section = new Section(value);
		ConfigFile.Workspace workspace = new ConfigFile.Workspace(section.string("root"), section.string("store"));
		section.allRead();
		return workspace;
	}

	private static @Nullable List<ConfigFile.EnvEntry> env(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> items)) {
			throw Declined.INSTANCE;
		}
		// Null items and values stay, as Jackson kept them; the loader reports them.
		List<ConfigFile.EnvEntry> entries = new ArrayList<>(items.size());
		for (Object item : items) {
			if (item == null) {
				entries.add(null);
				continue;
			}
			Section section = new Section(item);
			entries.add(new ConfigFile.EnvEntry(section.string("key"), section.string("value")));
			section.allRead();
		}
		return entries;
	}

	/**
	 * A mapping whose keys must all be read: one left unread is a setting Jackson calls
	 * unknown.
	 */
	private static final class Section {

		private final Map<?, ?> members;

		private int read;

		Section(@Nullable Object value) {
			if (!(value instanceof Map<?, ?> map)) {
				throw Declined.INSTANCE;
			}
			this.members = map;
		}

		@Nullable Object value(String name) {
			if (!this.members.containsKey(name)) {
				return null;
			}
			this.read++;
			return this.members.get(name);
		}

		@Nullable String string(String name) {
			Object value = value(name);
			if (value == null || value instanceof String) {
				return (String) value;
			}
			throw Declined.INSTANCE;
		}

		// Only plain decimals that fit; Jackson decides about the rest (+5, 012, " 7").
		@Nullable Integer integer(String name) {
			String text = string(name);
			if (text == null) {
				return null;
			}
			if (text.isEmpty()) {
				return null;
			}
			int digits = (text.charAt(0) == '-') ? 1 : 0;
			if (text.length() == digits || text.length() - digits > 9) {
				throw Declined.INSTANCE;
			}
			for (int i = digits; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c < '0' || c > '9') {
					throw Declined.INSTANCE;
				}
			}
			return Integer.valueOf(text);
		}

		@Nullable Map<String, String> strings(String name) {
			Object value = value(name);
			if (value == null) {
				return null;
			}
			if (!(value instanceof Map<?, ?> map)) {
				throw Declined.INSTANCE;
			}
			Map<String, String> strings = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key)
						|| (entry.getValue() != null && !(entry.getValue() instanceof String))) {
					throw Declined.INSTANCE;
				}
				strings.put(key, (String) entry.getValue());
			}
			return strings;
		}

		<T> @Nullable T section(String name, Function<Section, T> mapping) {
			Object value = value(name);
			if (value == null) {
				return null;
			}
			Section section = new Section(value);
			T mapped = mapping.apply(section);
			section.allRead();
			return mapped;
		}

		void allRead() {
			if (this.read != this.members.size()) {
				throw Declined.INSTANCE;
			}
		}

	}

	/** Thrown where the plain forms end; carries no stack, as it is control flow. */
	private static final class Declined extends RuntimeException {

		static final Declined INSTANCE = new Declined();

		private Declined() {
			super("left to Jackson", null, false, false);
		}

	}

}
