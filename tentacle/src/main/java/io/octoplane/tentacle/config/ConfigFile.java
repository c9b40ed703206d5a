package io.octoplane.tentacle.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The shape of {@code tentacle.yaml}. Every setting is optional here; defaults and
 * validation belong to {@link TentacleConfig}. Durations stay text so that {@code 10s}
 * reads as naturally as it does on the command line. The file is read by
 * {@link YamlSubset} and mapped onto these records by {@link ConfigMapping}, so neither a
 * YAML library nor, for a file in the plain forms, Jackson is loaded.
 */
record ConfigFile(@Nullable String brain, @Nullable String cert, @Nullable String key, @Nullable String ca,
		@Nullable Workspace workspace, @Nullable Integer outputLimitBytes, @Nullable String backoffInitial,
		@Nullable String backoffMax, @Nullable String connectTimeout, @Nullable Integer maxFrameBytes,
		@Nullable String journal, @Nullable String journalRetention, @Nullable String joinToken, @Nullable String name,
		@Nullable String brainApi, @Nullable String renewBefore, @Nullable Map<String, String> scriptEnv,
		@Nullable String nameserver, @Nullable String brainService, @Nullable String root, @Nullable String shell,
		@Nullable List<EnvEntry> env, @Nullable Logger logger, @Nullable Pakma pakma,
		@Nullable Map<String, String> labels, @Nullable Facts facts, @Nullable String compression,
		@Nullable Heartbeat heartbeat, @Nullable Gateway gateway, @Nullable String via) {

	static final ConfigFile EMPTY = new ConfigFile(null, null, null, null, null, null, null, null, null, null, null,
			null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
			null);

	static ConfigFile read(Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new TentacleConfigException("config file " + file + " does not exist");
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot read config file " + file + ": " + ex.getMessage(), ex);
		}
		if (text.isBlank()) {
			return EMPTY;
		}
		YamlSubset.Tree tree;
		try {
			tree = YamlSubset.read(text);
		}
		catch (YamlException ex) {
			throw new TentacleConfigException("invalid config file " + file + ":" + ex.line() + ": " + ex.getMessage(),
					ex);
		}
		ConfigFile mapped = ConfigMapping.map(tree.root());
		return (mapped != null) ? mapped : ConfigFileJackson.map(file, tree);
	}

	// The join token is a secret: a record's generated toString would print it.
	@Override
	public String toString() {
		return "ConfigFile[brain=" + this.brain + ", cert=" + this.cert + ", key=" + this.key + ", ca=" + this.ca
				+ ", name=" + this.name + ", brainApi=" + this.brainApi + ", joinToken="
				+ ((this.joinToken != null) ? "(hidden)" : null) + ", ...]";
	}

	/**
	 * {@code workspace:} as a folder, or as Octopoda's section with the workspace
	 * ({@code root}) and the file store ({@code store}).
	 */
	record Workspace(@Nullable String root, @Nullable String store) {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Workspace folder(String root) {
			return new Workspace(root, null);
		}

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		Workspace {
		}

	}

	/** One of Octopoda's {@code env:} entries. */
	record EnvEntry(@Nullable String key, @Nullable String value) {
	}

	/** Octopoda's {@code logger:} section: the log folder. */
	record Logger(@Nullable String path) {
	}

	/**
	 * The {@code facts:} section: the folder of custom fact scripts, their time and
	 * output limits, and how often facts are collected again.
	 */
	record Facts(@Nullable String scripts, @Nullable String timeout, @Nullable Integer maxBytes,
			@Nullable String interval) {
	}

	/** Octopoda's {@code pakma:} section: the folder of {@code @pakma}. */
	record Pakma(@Nullable String root) {
	}

	/**
	 * {@code heartbeat:}: the interval to ask for and how often status goes along.
	 */
	record Heartbeat(@Nullable String interval, @Nullable Integer statusEvery) {
	}

	/** {@code gateway:}: where this node accepts the connections it relays. */
	record Gateway(@Nullable String listen) {
	}

}
