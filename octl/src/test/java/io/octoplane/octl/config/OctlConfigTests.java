package io.octoplane.octl.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OctlConfigTests {

	@TempDir
	Path dir;

	private Path home;

	@BeforeEach
	void writePemFiles() throws IOException {
		this.home = Files.createDirectories(this.dir.resolve("home"));
		Files.createDirectories(this.dir.resolve("etc/tls"));
		for (String name : new String[] { "alice.crt", "alice.key", "ca.crt" }) {
			Files.writeString(this.dir.resolve("etc/tls").resolve(name), "pem");
		}
	}

	@Test
	void resolvesRelativePathsAgainstTheConfigFolder() throws IOException {
		Path file = write("etc/octl.yaml", "brain: https://brain.example:8443\ncert: tls/alice.crt\n"
				+ "key: tls/alice.key\nca: tls/ca.crt\ntimeout: 5m\n");
		OctlConfig config = OctlConfig.load(file, Map.of(), this.home);
		assertThat(config.brain()).isEqualTo(URI.create("https://brain.example:8443"));
		assertThat(config.cert()).isEqualTo(this.dir.resolve("etc/tls/alice.crt").toAbsolutePath());
		assertThat(config.key()).isEqualTo(this.dir.resolve("etc/tls/alice.key").toAbsolutePath());
		assertThat(config.ca()).isEqualTo(this.dir.resolve("etc/tls/ca.crt").toAbsolutePath());
		assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.source()).isEqualTo(file.toAbsolutePath());
	}

	@Test
	void defaultsBrainAndTimeout() throws IOException {
		Path file = write("etc/octl.yaml", minimal());
		OctlConfig config = OctlConfig.load(file, Map.of(), this.home);
		assertThat(config.brain()).isEqualTo(URI.create("https://127.0.0.1:12345"));
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void acceptsPlainSecondsAsTimeout() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "timeout: 90\n");
		assertThat(OctlConfig.load(file, Map.of(), this.home).timeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void envOverridesBrain() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "brain: https://a:1\n");
		OctlConfig config = OctlConfig.load(file, Map.of("OCTL_BRAIN", "https://b:2"), this.home);
		assertThat(config.brain()).isEqualTo(URI.create("https://b:2"));
	}

	@Test
	void findsFileFromEnvThenHome() throws IOException {
		Path fromEnv = write("etc/octl.yaml", minimal());
		assertThat(OctlConfig.load(null, Map.of("OCTL_CONFIG", fromEnv.toString()), this.home).source())
			.isEqualTo(fromEnv.toAbsolutePath());
		Path inHome = write("home/.config/octl/octl.yaml",
				"cert: " + pem("alice.crt") + "\nkey: " + pem("alice.key") + "\nca: " + pem("ca.crt") + "\n");
		assertThat(OctlConfig.load(null, Map.of(), this.home).source()).isEqualTo(inHome.toAbsolutePath());
	}

	@Test
	void missingFileSaysWhereItLookedAndHowToCreateOne() {
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(null, Map.of(), this.home))
			.withMessageContaining(this.home.resolve(".config/octl/octl.yaml").toAbsolutePath().toString())
			.withMessageContaining("the default location")
			.withMessageContaining("Create it, for example:")
			.withMessageContaining("cert: alice.crt");
	}

	@Test
	void missingFileNamedByEnvSaysSo() {
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(null, Map.of("OCTL_CONFIG", "/nowhere/octl.yaml"), this.home))
			.withMessageContaining("/nowhere/octl.yaml (given by $OCTL_CONFIG)");
	}

	@Test
	void badYamlNamesFileAndLine() throws IOException {
		Path file = write("etc/octl.yaml", "brain: https://a:1\ncert: [unclosed\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining(file.toAbsolutePath() + " is not valid YAML at line");
	}

	@Test
	void unknownKeyIsNamed() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "bran: https://a:1\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("unknown key 'bran'")
			.withMessageContaining("known keys: brain, cert, key, ca, timeout");
	}

	@Test
	void missingCertFileIsNamed() throws IOException {
		Path file = write("etc/octl.yaml", minimal().replace("alice.crt", "bob.crt"));
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("cert file " + this.dir.resolve("etc/tls/bob.crt").toAbsolutePath())
			.withMessageContaining("does not exist");
	}

	@Test
	void unsetKeyIsNamed() throws IOException {
		Path file = write("etc/octl.yaml", "cert: tls/alice.crt\nca: tls/ca.crt\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("does not set 'key'");
	}

	@Test
	void plainHttpBrainIsRejected() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "brain: http://127.0.0.1:12345\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("must be an https URL");
	}

	@Test
	void badTimeoutIsNamed() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "timeout: soon\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("timeout: invalid duration 'soon'");
	}

	private static String minimal() {
		return "cert: tls/alice.crt\nkey: tls/alice.key\nca: tls/ca.crt\n";
	}

	private String pem(String name) {
		return this.dir.resolve("etc/tls").resolve(name).toAbsolutePath().toString();
	}

	private Path write(String relative, String yaml) throws IOException {
		Path file = this.dir.resolve(relative);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, yaml);
	}

}
