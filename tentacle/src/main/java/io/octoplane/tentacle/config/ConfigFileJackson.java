package io.octoplane.tentacle.config;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a {@link YamlSubset} tree onto {@link ConfigFile} with Jackson, for what
 * {@link ConfigMapping} declines: Jackson's coercions of odd values, and its reports of
 * unknown settings and wrong types, with the line they are on. Only a file outside the
 * plain forms loads this class and Jackson's.
 */
final class ConfigFileJackson {

	// A misspelt key would otherwise be dropped silently and its default used instead.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String KNOWN = Arrays.stream(ConfigFile.class.getRecordComponents())
		.map(RecordComponent::getName)
		.collect(Collectors.joining(", "));

	private ConfigFileJackson() {
	}

	/**
	 * Maps a tree.
	 * @param file the file it was read from, for messages
	 * @param tree the tree
	 * @return the settings
	 * @throws TentacleConfigException if a setting is unknown or of the wrong type
	 */
	static ConfigFile map(Path file, YamlSubset.Tree tree) {
		try {
			ConfigFile parsed = MAPPER.convertValue(tree.root(), ConfigFile.class);
			return (parsed != null) ? parsed : ConfigFile.EMPTY;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new TentacleConfigException("invalid config file " + file + ": unknown setting '"
					+ ex.getPropertyName() + "' (known settings: " + KNOWN + ")", ex);
		}
		catch (DatabindException ex) {
			int line = tree.lineOf(path(ex));
			throw new TentacleConfigException(
					"invalid config file " + ((line > 0) ? file + ":" + line : file) + ": " + firstLine(ex), ex);
		}
	}

	// The path of the value a mapping error is about, as the tree names it: env[0].key.
	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String firstLine(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
