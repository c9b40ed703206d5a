package io.octoplane.tentacle.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand mapping of {@code tentacle.yaml} against Jackson's: whatever it maps, Jackson
 * maps the same, and a file written in the plain forms never needs Jackson.
 */
class ConfigMappingTests {

	private static final Path FILE = Path.of("/etc/octoplane/tentacle.yaml");

	private static final String EVERY_SETTING = """
			brain: "[::1]:4000"
			cert: node.crt
			key: node.key
			ca: ca.crt
			workspace: ws
			outputLimitBytes: 2048
			backoffInitial: 500ms
			backoffMax: 2m
			connectTimeout: PT3S
			maxFrameBytes: 1048576
			journal: state/journal
			journalRetention: 2d
			joinToken: s3cret
			name: pi7
			brainApi: https://brain:12345
			renewBefore: 10d
			scriptEnv:
			  SITE: lab
			  RACK: "7"
			nameserver: https://ns:3455
			brainService: brain-eu
			root: /
			shell: sh
			env:
			  - key: k1
			    value: v1
			  - key: k2
			    value: "v 2"
			logger:
			  path: logs
			pakma:
			  root: /var/pakma
			labels: {site: lab, example.com/role: camera}
			facts:
			  scripts: facts.d
			  timeout: 3s
			  maxBytes: -1000
			  interval: 1m
			compression: on
			heartbeat:
			  interval: 5m
			  statusEvery: 10
			gateway:
			  listen: 0.0.0.0:3458
			via: 10.0.0.1:3458
			""";

	@Test
	void everySettingIsMappedWithoutJackson() {
		ConfigFile mapped = ConfigMapping.map(YamlSubset.read(EVERY_SETTING).root());
		assertThat(mapped).isEqualTo(new ConfigFile("[::1]:4000", "node.crt", "node.key", "ca.crt",
				new ConfigFile.Workspace("ws", null), 2048, "500ms", "2m", "PT3S", 1048576, "state/journal", "2d",
				"s3cret", "pi7", "https://brain:12345", "10d", Map.of("SITE", "lab", "RACK", "7"), "https://ns:3455",
				"brain-eu", "/", "sh",
				List.of(new ConfigFile.EnvEntry("k1", "v1"), new ConfigFile.EnvEntry("k2", "v 2")),
				new ConfigFile.Logger("logs"), new ConfigFile.Pakma("/var/pakma"),
				Map.of("site", "lab", "example.com/role", "camera"), new ConfigFile.Facts("facts.d", "3s", -1000, "1m"),
				"on", new ConfigFile.Heartbeat("5m", 10), new ConfigFile.Gateway("0.0.0.0:3458"), "10.0.0.1:3458"));
		assertSameAsJackson(EVERY_SETTING);
	}

	@Test
	void plainFormsAreMappedWithoutJackson() {
		for (String document : List.of("brain: b\n", "# only a comment\n", "workspace:\n  root: /w\n  store: /s\n",
				"workspace: ''\n", "workspace: {}\n", "workspace: ~\n", "labels: {}\n", "labels: {a: ~}\n", "env: []\n",
				"env:\n  - ~\n", "env:\n  - {}\n", "env:\n", "facts:\n", "facts: {}\n", "outputLimitBytes: ''\n",
				"outputLimitBytes: ~\n", "outputLimitBytes: -0\n", "outputLimitBytes: 999999999\n", "logger: {}\n",
				"brain: ''\n")) {
			assertThat(ConfigMapping.map(YamlSubset.read(document).root())).as(document).isNotNull();
			assertSameAsJackson(document);
		}
	}

	@Test
	void everyValueOfEverySettingMapsAsJacksonMapsIt() {
		List<String> values = List.of("x", "123", "-5", "+5", "012", "00", "-0", "0x10", "1.5", "1e3", "''", "' '",
				"'  7'", "'7 '", "'\\t5'", "'-'", "2147483647", "2147483648", "-2147483648", "-2147483649", "999999999",
				"1000000000", "-999999999", "99999999999999999999", "true", "null", "~", "'١٢'", "[]", "[a, b]", "[1]",
				"{}", "{a: b}", "{root: r}", "{root: r, store: s}", "{path: p}", "{key: k}", "{key: k, value: v}",
				"[{key: k, value: v}]", "[~]", "[a]", "[{key: [k]}]", "[{other: o}]", "{a: [1]}", "{a: {b: c}}",
				"{a: ~, b: x}", "{scripts: s, timeout: t, maxBytes: 5, interval: i}", "{maxBytes: x}",
				"{interval: 1s, statusEvery: 3}", "{statusEvery: ''}", "{listen: l}", "{listen: [l]}", "{other: o}");
		List<String> settings = new ArrayList<>(Arrays.stream(ConfigFile.class.getRecordComponents())
			.map(java.lang.reflect.RecordComponent::getName)
			.toList());
		settings.add("unknown");
		settings.add("Brain");
		for (String setting : settings) {
			for (String value : values) {
				String other = setting.equals("brain") ? "via: v\n" : "brain: b\n";
				assertSameAsJackson(other + setting + ": " + value + "\n");
			}
		}
		for (String section : List.of("workspace", "logger", "pakma", "facts", "heartbeat", "gateway", "env", "labels",
				"scriptEnv")) {
			for (String key : List.of("root", "store", "path", "scripts", "timeout", "maxBytes", "interval",
					"statusEvery", "listen", "key", "value", "other", "a")) {
				for (String value : List.of("x", "5", "x5", "~", "''", "[x]", "{x: y}")) {
					assertSameAsJackson(section + ":\n  " + key + ": " + value + "\n");
					assertSameAsJackson(section + ":\n  - " + key + ": " + value + "\n");
				}
			}
		}
	}

	@Test
	void mistakesAreReportedAsBeforeWithTheirLines() {
		assertRefused("brain: b\nlogger:\n  pathx: a\n", "invalid config file " + FILE
				+ ": unknown setting 'pathx' (known settings: brain, cert, key, ca, workspace,");
		assertRefused("brain: b\nenv:\n  - key: a\n    other: c\n",
				"invalid config file " + FILE + ": unknown setting 'other'");
		assertRefused("brain: b\nfacts:\n  maxBytes: 1.5\n", "invalid config file " + FILE
				+ ":3: Cannot deserialize value of type `java.lang.Integer` from String \"1.5\"");
		assertRefused("brain: b\noutputLimitBytes: 2147483648\n", "invalid config file " + FILE
				+ ":2: Cannot deserialize value of type `java.lang.Integer` from String \"2147483648\": Overflow");
		assertRefused("brain: [a, b]\n", "invalid config file " + FILE
				+ ":1: Cannot deserialize value of type `java.lang.String` from Array value");
		assertRefused("brain: b\nlabels:\n  a: {b: c}\n", "invalid config file " + FILE
				+ ":3: Cannot deserialize value of type `java.lang.String` from Object value");
		assertRefused("brain: b\nenv:\n  - key: a\n  - key: b\n    value: [x]\n",
				"invalid config file " + FILE + ":5: Cannot deserialize value of type `java.lang.String`");
		assertRefused("brain: b\nenv: {a: b}\n",
				"invalid config file " + FILE + ":2: Cannot deserialize value of type `java.util.ArrayList");
		assertRefused("brain: b\nfacts: x\n",
				"invalid config file " + FILE + ":2: Cannot construct instance of `io.octoplane.tentacle.config"
						+ ".ConfigFile$Facts` (although at least one Creator exists)");
		assertRefused("brain: b\nlogger: ''\n",
				"invalid config file " + FILE + ":2: Cannot coerce empty String (\"\")");
	}

	@Test
	void oddNumbersAreCoercedAsBefore() {
		assertThat(mapped("outputLimitBytes: +5\n").outputLimitBytes()).isEqualTo(5);
		assertThat(mapped("outputLimitBytes: 012\n").outputLimitBytes()).isEqualTo(12);
		assertThat(mapped("outputLimitBytes: ' 7 '\n").outputLimitBytes()).isEqualTo(7);
		assertThat(mapped("outputLimitBytes: ' '\n").outputLimitBytes()).isNull();
	}

	private static ConfigFile mapped(String document) {
		YamlSubset.Tree tree = YamlSubset.read(document);
		ConfigFile hand = ConfigMapping.map(tree.root());
		return (hand != null) ? hand : ConfigFileJackson.map(FILE, tree);
	}

	private static void assertRefused(String document, String messageStart) {
		assertThat(ConfigMapping.map(YamlSubset.read(document).root())).as(document).isNull();
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> mapped(document))
			.withMessageStartingWith(messageStart);
	}

	private static void assertSameAsJackson(String document) {
		YamlSubset.Tree tree = YamlSubset.read(document);
		ConfigFile hand = ConfigMapping.map(tree.root());
		if (hand == null) {
			return;
		}
		assertThat(hand).as(document).isEqualTo(ConfigFileJackson.map(FILE, tree));
	}

}
