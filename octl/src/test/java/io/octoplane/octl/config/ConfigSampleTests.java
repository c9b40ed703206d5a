package io.octoplane.octl.config;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample config in deploy/config, which the README says lists every key, against the
 * keys octl reads.
 */
class ConfigSampleTests {

	private static final Path SAMPLE = Path.of("..", "deploy", "config", "octl.yaml");

	// A top-level key, set or commented out: "key:" or "# key:" at the start of a line.
	private static final Pattern KEY = Pattern.compile("^(?:# ?)?([A-Za-z]+):");

	@Test
	void sampleDocumentsEveryKeyOctlReadsAndNoOther() throws IOException {
		Set<String> documented = new TreeSet<>();
		for (String line : Files.readAllLines(SAMPLE)) {
			Matcher key = KEY.matcher(line);
			if (key.find()) {
				documented.add(key.group(1));
			}
		}
		Set<String> read = new TreeSet<>(recordKeys());
		read.add(ConfigContexts.CONTEXT);
		read.add(ConfigContexts.CONTEXTS);
		assertThat(documented).isEqualTo(read);
	}

	@Test
	void unknownKeyMessageListsEveryKey() {
		assertThat(Arrays.asList(ConfigFile.KEYS.split(", "))).containsExactlyElementsOf(recordKeys());
	}

	private static List<String> recordKeys() {
		return Arrays.stream(ConfigFile.class.getRecordComponents()).map(ConfigSampleTests::wireName).toList();
	}

	private static String wireName(RecordComponent component) {
		JsonProperty property = component.getAnnotation(JsonProperty.class);
		return (property != null) ? property.value() : component.getName();
	}

}
