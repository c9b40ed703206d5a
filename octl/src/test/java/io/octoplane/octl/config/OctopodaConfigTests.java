package io.octoplane.octl.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** An Octopoda octl.yaml read as octl's config: keys mapped, unknown ones named. */
class OctopodaConfigTests {

	// Octopoda's own sample, with the nameserver off and paths of this test.
	private static final String SAMPLE = """
			httpsNameServer:
			  enable: false
			  host: "10.108.30.85"
			  port: 3455
			  requestInterval: 1
			brain:
			  name: "brain"
			  ip: 10.0.0.5
			  port: 12345
			  apiPrefix : "api/v1"
			ssl:
			  caCert: "cert/ca.pem"
			  clientCert: "cert/client.pem"
			  clientKey: "cert/client.key"
			jsonFast: true
			outputPretty: true
			workgroup:
			  root: ""
			  password: "passwd"
			  currentPathFile: ".curPath.yaml"
			""";

	@TempDir
	Path dir;

	private final List<String> warnings = new ArrayList<>();

	@BeforeEach
	void writePemFiles() throws IOException {
		Files.createDirectories(this.dir.resolve("cert"));
		for (String name : new String[] { "ca.pem", "client.pem", "client.key" }) {
			Files.writeString(this.dir.resolve("cert").resolve(name), "pem");
		}
	}

	@Test
	void octopodasSampleMapsToBrainCertificateAndCa() throws IOException {
		OctlConfig config = load(SAMPLE);
		assertThat(config.brain()).isEqualTo(URI.create("https://10.0.0.5:12345"));
		assertThat(config.credentials())
			.isEqualTo(new OctlCredentials.Certificate(this.dir.resolve("cert/client.pem").toAbsolutePath(),
					this.dir.resolve("cert/client.key").toAbsolutePath()));
		assertThat(config.ca()).isEqualTo(this.dir.resolve("cert/ca.pem").toAbsolutePath());
		assertThat(config.actingWorkgroup()).contains("/");
		assertThat(this.warnings).as("keys with no meaning here are not worth a warning each run").isEmpty();
	}

	@Test
	void unknownKeysAreNamedInOneWarning() throws IOException {
		load(SAMPLE.replace("  port: 12345\n", "  port: 12345\n  colour: red\n") + "theme: dark\n");
		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("Octopoda config ")
			.contains("unknown keys brain.colour, theme");
	}

	@Test
	void aWorkgroupRootLogsInWithItsPassword() throws IOException {
		OctlConfig config = load(SAMPLE.replace("root: \"\"", "root: \"lab\""));
		assertThat(config.credentials()).isInstanceOf(OctlCredentials.Password.class);
		assertThat(config.actingWorkgroup()).contains("/lab");
	}

	@Test
	void theCurrentPathFileIsTheActingWorkgroup() throws IOException {
		Files.writeString(this.dir.resolve(".curPath.yaml"), "current: lab/pis\n");
		assertThat(load(SAMPLE).workgroup()).isEqualTo("/lab/pis");
	}

	@Test
	void gitServerAndUserAreTheScenarioRemoteAndThePasswordIsNotRead() throws IOException {
		OctlConfig config = load(SAMPLE
				+ "git:\n  serveUrl: \"http://10.108.30.85:3000/\"\n  username: \"testuser\"\n  password: \"testpass\"\n");
		assertThat(config.scenarioRemote()).isEqualTo("http://10.108.30.85:3000/testuser");
		assertThat(this.warnings).singleElement().asString().contains("git.password is not read");
	}

	@Test
	void anotherApiPrefixIsNamed() throws IOException {
		load(SAMPLE.replace("\"api/v1\"", "\"api/v2\""));
		assertThat(this.warnings).singleElement().asString().contains("brain.apiPrefix 'api/v2' is not used");
	}

	@Test
	void anEnabledNameserverWithoutHostIsAnError() {
		assertThatExceptionOfType(OctlConfigException.class).isThrownBy(
				() -> load(SAMPLE.replace("enable: false", "enable: true").replace("  host: \"10.108.30.85\"\n", "")))
			.withMessageContaining("httpsNameServer is enabled but sets no host");
	}

	@Test
	void badValuesAreClearErrors() {
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> load(SAMPLE.replace("port: 12345", "port: twelve")))
			.withMessageContaining("brain.port must be a port number from 1 to 65535, not 'twelve'");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> load(SAMPLE.replace("port: 12345", "port: 70000")))
			.withMessageContaining("not '70000'");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> load(SAMPLE.replace("enable: false", "enable: maybe")))
			.withMessageContaining("httpsNameServer.enable must be true or false, not 'maybe'");
		assertThatExceptionOfType(OctlConfigException.class).isThrownBy(() -> load(SAMPLE + "git: http://example\n"))
			.withMessageContaining("'git' must be a mapping of password, serveUrl, username");
	}

	@Test
	void octlsOwnFormatIsNotTakenForOctopodas() throws IOException {
		OctlConfig config = load("brain: https://brain.example:8443\nca: cert/ca.pem\ncert: cert/client.pem\n"
				+ "key: cert/client.key\nworkgroup: /lab\n");
		assertThat(config.brain()).isEqualTo(URI.create("https://brain.example:8443"));
		assertThat(config.workgroup()).isEqualTo("/lab");
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void wgCdWritesOctopodasCurrentPathFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("octl.yaml"), SAMPLE);
		ConfigFileEditor.setWorkgroup(file, "/lab/pis", null);
		assertThat(Files.readString(file)).isEqualTo(SAMPLE);
		assertThat(Files.readString(this.dir.resolve(".curPath.yaml"))).isEqualTo("current: /lab/pis\n");
		assertThat(load(SAMPLE).workgroup()).isEqualTo("/lab/pis");
	}

	@Test
	void wgCdWithoutCurrentPathFileSaysWhy() throws IOException {
		Path file = Files.writeString(this.dir.resolve("octl.yaml"),
				SAMPLE.replace("  currentPathFile: \".curPath.yaml\"\n", ""));
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> ConfigFileEditor.setWorkgroup(file, "/lab", null))
			.withMessageContaining("without workgroup.currentPathFile");
	}

	@Test
	void octopodasLocationIsTheLastChoice() throws IOException {
		Path octopoda = Files.writeString(this.dir.resolve("etc-octopoda.yaml"), SAMPLE);
		Path home = Files.createDirectories(this.dir.resolve("home"));
		assertThat(OctlConfigLoader.locate(null, Map.of(), home, this.dir, octopoda)).isEqualTo(octopoda);
		Path own = OctlConfig.defaultLocation(home);
		Files.createDirectories(own.getParent());
		Files.writeString(own, "brain: https://b:1\n");
		assertThat(OctlConfigLoader.locate(null, Map.of(), home, this.dir, octopoda)).isEqualTo(own);
		assertThat(OctlConfigLoader.locate(null, Map.of("OCTL_CONFIG", "x.yaml"), home, this.dir, octopoda))
			.isEqualTo(this.dir.resolve("x.yaml"));
	}

	private OctlConfig load(String yaml) throws IOException {
		Path file = Files.writeString(this.dir.resolve("octl.yaml"), yaml);
		return OctlConfig.load(file, Map.of(), this.dir, this.warnings::add);
	}

}
