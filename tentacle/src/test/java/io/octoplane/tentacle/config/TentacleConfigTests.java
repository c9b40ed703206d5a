package io.octoplane.tentacle.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.octoplane.protocol.agent.FrameCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TentacleConfigTests {

	@TempDir
	Path dir;

	@BeforeEach
	void pemFiles() throws IOException {
		for (String name : new String[] { "node.crt", "node.key", "ca.crt", "other.crt" }) {
			Files.writeString(this.dir.resolve(name), "pem");
		}
	}

	private Path yaml(String text) throws IOException {
		return Files.writeString(this.dir.resolve("tentacle.yaml"), text);
	}

	@Test
	void loadsFileWithDefaultsAndPathsRelativeToTheFile() throws IOException {
		Path file = yaml("brain: brain.example.org\ncert: node.crt\nkey: node.key\nca: ca.crt\n");
		TentacleConfig config = TentacleConfig.load(file, Map.of());
		assertThat(config.brain()).isEqualTo(new BrainAddress("brain.example.org", 3457));
		assertThat(config.cert()).isEqualTo(this.dir.resolve("node.crt"));
		assertThat(config.ca()).isEqualTo(this.dir.resolve("ca.crt"));
		assertThat(config.workspace()).isEqualTo(Path.of("workspace").toAbsolutePath());
		assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.backoffMax()).isEqualTo(Duration.ofSeconds(60));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.maxFrameBytes()).isEqualTo(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
		assertThat(config.outputLimitBytes()).isEqualTo(TentacleConfig.DEFAULT_OUTPUT_LIMIT_BYTES);
		assertThat(config.journal()).isEqualTo(config.workspace().resolve(".octoplane/journal"));
		assertThat(config.journalRetention()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void scriptEnvForCommandsAndScripts() throws IOException {
		Path file = yaml(
				"brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\nscriptEnv:\n  SITE: lab\n  RACK: \"7\"\n");
		assertThat(TentacleConfig.load(file, Map.of()).scriptEnv())
			.containsExactlyInAnyOrderEntriesOf(Map.of("SITE", "lab", "RACK", "7"));
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(
				yaml("brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\nscriptEnv:\n  OCTOPODA_APP: x\n"), Map.of()))
			.withMessageContaining("scriptEnv: 'OCTOPODA_APP' must be a variable name");
	}

	@Test
	void octopodaEnvListJoinsScriptEnvUnderTheSameRules() throws IOException {
		String head = "brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		Path file = yaml(head + "scriptEnv:\n  SITE: lab\nenv:\n  - key: k1\n    value: v1\n  - key: k2\n"
				+ "    value: \"v 2\"\n");
		assertThat(TentacleConfig.load(file, Map.of()).scriptEnv())
			.containsExactlyInAnyOrderEntriesOf(Map.of("SITE", "lab", "k1", "v1", "k2", "v 2"));
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(
					() -> TentacleConfig.load(yaml(head + "env:\n  - key: OCTOPODA_ROOT\n    value: x\n"), Map.of()))
			.withMessageContaining("env[0].key: 'OCTOPODA_ROOT' must be a variable name");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(head + "scriptEnv:\n  K: a\nenv:\n  - key: K\n    value: b\n"),
					Map.of()))
			.withMessageContaining("env[0].key: 'K' is set twice");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(head + "env:\n  - value: b\n"), Map.of()))
			.withMessageContaining("env[0]: every entry needs a key");
	}

	@Test
	void foldersDefaultToTheWorkspaceAndTheUsersHome() throws IOException {
		TentacleConfig config = TentacleConfig
			.load(yaml("brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\nworkspace: ws\n"), Map.of());
		assertThat(config.workspace()).isEqualTo(this.dir.resolve("ws"));
		assertThat(config.nodePaths().root()).isEqualTo(Path.of(System.getProperty("user.home")));
		assertThat(config.nodePaths().fstore()).isEqualTo(this.dir.resolve("ws/fstore"));
		assertThat(config.nodePaths().log()).isEqualTo(this.dir.resolve("ws/log"));
		assertThat(config.nodePaths().pakma()).isEqualTo(this.dir.resolve("ws/pakma"));
		assertThat(config.shell()).isNull();
	}

	@Test
	void octopodaFolderKeysNameTheAliasFolders() throws IOException {
		TentacleConfig config = TentacleConfig.load(yaml("""
				brain: b
				cert: node.crt
				key: node.key
				ca: ca.crt
				root: /
				workspace:
				  root: /var/octopoda/tentacle/workspace/
				  store: /var/octopoda/tentacle/FSTORE/
				logger:
				  path: logs
				pakma:
				  root: /var/octopoda/tentacle/pakma/
				shell: sh
				"""), Map.of());
		assertThat(config.workspace()).isEqualTo(Path.of("/var/octopoda/tentacle/workspace"));
		assertThat(config.nodePaths().root()).isEqualTo(Path.of("/"));
		assertThat(config.nodePaths().resolve("@fstore/foobar"))
			.isEqualTo(Path.of("/var/octopoda/tentacle/FSTORE/foobar"));
		assertThat(config.nodePaths().log()).isEqualTo(this.dir.resolve("logs"));
		assertThat(config.nodePaths().pakma()).isEqualTo(Path.of("/var/octopoda/tentacle/pakma"));
		assertThat(config.shell()).isEqualTo("sh");
	}

	@Test
	void shellMustBeBashShOrAnAbsolutePath() throws IOException {
		String head = "brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		assertThat(TentacleConfig.load(yaml(head + "shell: /usr/local/bin/bash\n"), Map.of()).shell())
			.isEqualTo("/usr/local/bin/bash");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(head + "shell: zsh\n"), Map.of()))
			.withMessageContaining("shell 'zsh' must be bash, sh or an absolute path");
	}

	@Test
	void journalFolderAndRetentionCanBeSet() throws IOException {
		Path file = yaml("brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\njournal: state/journal\n"
				+ "journalRetention: 2d\n");
		TentacleConfig config = TentacleConfig.load(file, Map.of());
		assertThat(config.journal()).isEqualTo(this.dir.resolve("state/journal"));
		assertThat(config.journalRetention()).isEqualTo(Duration.ofDays(2));
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig
				.load(yaml("brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\n" + "journal: node.crt\n"), Map.of()))
			.withMessageContaining("is not a folder");
	}

	@Test
	void readsEveryTuningSetting() throws IOException {
		Path file = yaml("""
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
				""");
		TentacleConfig config = TentacleConfig.load(file, Map.of());
		assertThat(config.brain()).isEqualTo(new BrainAddress("::1", 4000));
		assertThat(config.workspace()).isEqualTo(this.dir.resolve("ws"));
		assertThat(config.outputLimitBytes()).isEqualTo(2048);
		assertThat(config.backoffInitial()).isEqualTo(Duration.ofMillis(500));
		assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(2));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.maxFrameBytes()).isEqualTo(1048576);
	}

	@Test
	void environmentWinsOverFileAndFlagsWinOverEnvironment() throws IOException {
		Path file = yaml("brain: file-brain:1\ncert: node.crt\nkey: node.key\nca: ca.crt\n");
		Map<String, String> env = Map.of("OCTOPLANE_BRAIN", "env-brain:2", "OCTOPLANE_CA",
				this.dir.resolve("other.crt").toString());
		TentacleConfig fromEnv = TentacleConfig.load(file, env);
		assertThat(fromEnv.brain()).isEqualTo(new BrainAddress("env-brain", 2));
		assertThat(fromEnv.ca()).isEqualTo(this.dir.resolve("other.crt"));
		TentacleConfig fromFlags = TentacleConfig.load(file, env,
				ConfigOverrides.of("flag-brain", null, null, null, "/srv/ws"));
		assertThat(fromFlags.brain()).isEqualTo(new BrainAddress("flag-brain", 3457));
		assertThat(fromFlags.workspace()).isEqualTo(Path.of("/srv/ws"));
	}

	@Test
	void worksWithoutAFile() {
		Map<String, String> env = Map.of("OCTOPLANE_BRAIN", "127.0.0.1", "OCTOPLANE_CERT",
				this.dir.resolve("node.crt").toString(), "OCTOPLANE_KEY", this.dir.resolve("node.key").toString(),
				"OCTOPLANE_CA", this.dir.resolve("ca.crt").toString());
		assertThat(TentacleConfig.load(null, env).brain()).isEqualTo(new BrainAddress("127.0.0.1", 3457));
	}

	@Test
	void missingConfigFileIsNamed() {
		Path missing = this.dir.resolve("nope.yaml");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(missing, Map.of()))
			.withMessage("config file " + missing + " does not exist");
	}

	@Test
	void badYamlNamesFileAndLine() throws IOException {
		Path file = yaml("brain: x\ncert: node.crt\nkey: [unclosed\nca: ca.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageStartingWith("invalid config file " + file + ":")
			.withMessageNotContaining("\n")
			.satisfies((ex) -> assertThat(ex.getMessage()).containsPattern(file + ":[345]:"));
	}

	@Test
	void misspeltSettingIsRejected() throws IOException {
		Path file = yaml("brain: x\ncertificate: node.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageStartingWith(
					"invalid config file " + file + ": unknown setting 'certificate' (known settings: brain, cert,");
	}

	@Test
	void wrongTypeNamesFileAndLine() throws IOException {
		Path file = yaml("brain: x\ncert: node.crt\noutputLimitBytes: lots\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageStartingWith("invalid config file " + file + ":3:");
	}

	@Test
	void missingCertificateFileNamesFileAndSetting() throws IOException {
		Path file = yaml("brain: x\ncert: gone.crt\nkey: node.key\nca: ca.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessage("node certificate file " + this.dir.resolve("gone.crt") + " (setting 'cert') does not exist");
	}

	@Test
	void unsetCertificateSaysWhereToSetIt() throws IOException {
		Path file = yaml("brain: x\nkey: node.key\nca: ca.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageContaining("'cert'")
			.withMessageContaining("OCTOPLANE_CERT")
			.withMessageContaining("--cert");
	}

	@Test
	void missingBrainIsReported() throws IOException {
		Path file = yaml("cert: node.crt\nkey: node.key\nca: ca.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageStartingWith("no brain address");
	}

	@Test
	void durationsReadLikeEveryOtherOctoplaneDuration() throws IOException {
		String pems = "brain: x\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		TentacleConfig config = TentacleConfig
			.load(yaml(pems + "backoffInitial: 2\nbackoffMax: 1h\njournalRetention: 30d\n"), Map.of());
		assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.backoffMax()).isEqualTo(Duration.ofHours(1));
		assertThat(config.journalRetention()).isEqualTo(Duration.ofDays(30));
	}

	@Test
	void edgeSettingsForThinLinksAndGateways() throws IOException {
		String pems = "brain: brain.example.org\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		TentacleConfig defaults = TentacleConfig.load(yaml(pems), Map.of());
		assertThat(defaults.edge()).isEqualTo(EdgeSettings.DEFAULTS);
		TentacleConfig thin = TentacleConfig.load(yaml(pems + "compression: on\nheartbeat:\n  interval: 5m\n"
				+ "  statusEvery: 10\ngateway:\n  listen: 0.0.0.0:3458\nvia: 10.0.0.1:3458\n"), Map.of());
		assertThat(thin.edge().compression()).isEqualTo(EdgeSettings.Compression.ON);
		assertThat(thin.edge().heartbeatInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(thin.edge().statusEvery()).isEqualTo(10);
		assertThat(thin.edge().gatewayListen()).isEqualTo(new BrainAddress("0.0.0.0", 3458));
		assertThat(thin.edge().gateway()).isEqualTo(new BrainAddress("10.0.0.1", 3458));
		assertThat(TentacleConfig.load(yaml(pems), Map.of("OCTOPLANE_COMPRESSION", "off")).edge().compression())
			.isEqualTo(EdgeSettings.Compression.OFF);
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(pems + "compression: max\n"), Map.of()))
			.withMessage("compression 'max' must be off, auto or on");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(pems + "heartbeat:\n  statusEvery: 0\n"), Map.of()))
			.withMessageStartingWith("heartbeat.statusEvery 0");
	}

	@Test
	void badValuesAreReportedBySetting() throws IOException {
		String pems = "brain: x\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(pems + "backoffInitial: soon\n"), Map.of()))
			.withMessageStartingWith("backoffInitial: 'soon' is not a duration");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(pems + "backoffInitial: 2m\nbackoffMax: 1m\n"), Map.of()))
			.withMessageStartingWith("backoffMax");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(pems + "outputLimitBytes: 0\n"), Map.of()))
			.withMessageStartingWith("outputLimitBytes 0");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml("brain: host:port\n"), Map.of()))
			.withMessageContaining("no valid port");
	}

	@Test
	void brainAddressForms() {
		assertThat(BrainAddress.parse("b")).isEqualTo(new BrainAddress("b", 3457));
		assertThat(BrainAddress.parse("b:1")).isEqualTo(new BrainAddress("b", 1));
		assertThat(BrainAddress.parse("[::1]")).isEqualTo(new BrainAddress("::1", 3457));
		assertThat(BrainAddress.parse("[fe80::1]:9")).hasToString("[fe80::1]:9");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> BrainAddress.parse("::1"))
			.withMessageContaining("[addr]:port");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> BrainAddress.parse("b:70000"))
			.withMessageContaining("65535");
	}

	@Test
	void joinTokenAllowsMissingCertificateAndKey() throws IOException {
		Path file = yaml("brain: brain.example.org\ncert: new/node.crt\nkey: new/node.key\nca: ca.crt\n"
				+ "joinToken: s3cret-token\nname: pi7\nrenewBefore: 10d\n");
		TentacleConfig config = TentacleConfig.load(file, Map.of());
		assertThat(config.enrollment()).isNotNull();
		assertThat(config.enrollment().joinToken()).isEqualTo("s3cret-token");
		assertThat(config.enrollment().name()).isEqualTo("pi7");
		assertThat(config.enrollment().brainApi()).hasToString("https://brain.example.org:12345");
		assertThat(config.renewBefore()).isEqualTo(Duration.ofDays(10));
		assertThat(config.toString()).doesNotContain("s3cret-token");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(config::requireIdentityFiles)
			.withMessageContaining("(setting 'cert') does not exist");
	}

	@Test
	void enrollmentSettingsComeFromEnvironmentAndFlags() throws IOException {
		Path file = yaml("brain: \"[fd00::1]:4000\"\ncert: gone.crt\nkey: gone.key\nca: ca.crt\nname: from-file\n");
		Map<String, String> env = Map.of("OCTOPLANE_JOIN_TOKEN", "env-token", "OCTOPLANE_NAME", "from-env");
		TentacleConfig fromEnv = TentacleConfig.load(file, env);
		assertThat(fromEnv.enrollment().name()).isEqualTo("from-env");
		assertThat(fromEnv.enrollment().brainApi()).hasToString("https://[fd00::1]:12345");
		TentacleConfig fromFlags = TentacleConfig.load(file, Map.of("OCTOPLANE_BRAIN_API", "https://api.example:1"),
				new ConfigOverrides(null, null, null, null, null, "flag-token", "from-flag", null));
		assertThat(fromFlags.enrollment().joinToken()).isEqualTo("flag-token");
		assertThat(fromFlags.enrollment().name()).isEqualTo("from-flag");
		assertThat(fromFlags.enrollment().brainApi()).hasToString("https://api.example:1");
	}

	@Test
	void enrollmentNeedsAValidNameAndAnHttpsApi() throws IOException {
		String base = "brain: b\ncert: gone.crt\nkey: gone.key\nca: ca.crt\njoinToken: t\n";
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(base), Map.of()))
			.withMessageContaining("no node name")
			.withMessageContaining("--name");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(base + "name: -bad name\n"), Map.of()))
			.withMessageStartingWith("name '-bad name' is not a valid node name");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(base + "name: pi\nbrainApi: http://b:12345\n"), Map.of()))
			.withMessageContaining("must be an https:// URL");
	}

	@Test
	void withoutJoinTokenMissingFilesStayAnError() throws IOException {
		Path file = yaml("brain: x\ncert: gone.crt\nkey: node.key\nca: ca.crt\nname: pi\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessage("node certificate file " + this.dir.resolve("gone.crt") + " (setting 'cert') does not exist");
	}

	@Test
	void renewBeforeMustBePositive() throws IOException {
		Path file = yaml("brain: x\ncert: node.crt\nkey: node.key\nca: ca.crt\nrenewBefore: 0s\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageStartingWith("renewBefore");
	}

	@Test
	void nameserverMayReplaceTheBrainAddress() throws IOException {
		Path file = yaml(
				"nameserver: https://ns.example:3455\ncert: node.crt\nkey: node.key\nca: ca.crt\n" + "workspace: ws\n");
		TentacleConfig config = TentacleConfig.load(file, Map.of());
		assertThat(config.brain()).isNull();
		assertThat(config.discovery()).isEqualTo(new Discovery(java.net.URI.create("https://ns.example:3455"), "brain",
				this.dir.resolve("ws/.octoplane/brain-address")));
		TentacleConfig renamed = TentacleConfig.load(file, Map.of("OCTOPLANE_BRAIN_SERVICE", "brain-eu"));
		assertThat(renamed.discovery().service()).isEqualTo("brain-eu");
	}

	@Test
	void nameserverMustBeHttps() throws IOException {
		Path file = yaml("nameserver: http://ns.example:3455\ncert: node.crt\nkey: node.key\nca: ca.crt\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageContaining("must be an https:// URL");
	}

	@Test
	void joinTokenWithOnlyANameserverNeedsTheBrainApi() throws IOException {
		Path file = yaml("nameserver: https://ns.example:3455\ncert: node.crt\nkey: node.key\nca: ca.crt\n"
				+ "joinToken: t\nname: n1\n");
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> TentacleConfig.load(file, Map.of()))
			.withMessageContaining("no brain API to enroll with");
	}

	@Test
	void labelsAndFactScriptsComeFromTheFile() throws IOException {
		TentacleConfig config = TentacleConfig.load(yaml("""
				brain: b
				cert: node.crt
				key: node.key
				ca: ca.crt
				labels: {site: lab, example.com/role: camera}
				facts:
				  scripts: facts.d
				  timeout: 3s
				  maxBytes: 1000
				  interval: 1m
				"""), Map.of());
		assertThat(config.facts().labels()).isEqualTo(Map.of("site", "lab", "example.com/role", "camera"));
		assertThat(config.facts().scripts()).isEqualTo(this.dir.resolve("facts.d"));
		assertThat(config.facts().scriptTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.facts().scriptMaxBytes()).isEqualTo(1000);
		assertThat(config.facts().interval()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void badLabelsNameTheRuleTheyBreak() throws IOException {
		String head = "brain: b\ncert: node.crt\nkey: node.key\nca: ca.crt\n";
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(head + "labels: {site: 'l a b'}\n"), Map.of()))
			.withMessageContaining("labels: label site: value 'l a b'");
		assertThatExceptionOfType(TentacleConfigException.class)
			.isThrownBy(() -> TentacleConfig.load(yaml(head + "facts: {maxBytes: 0}\n"), Map.of()))
			.withMessageContaining("facts.maxBytes 0");
	}

}
