package io.octoplane.octl.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
		assertThat(config.credentials())
			.isEqualTo(new OctlCredentials.Certificate(this.dir.resolve("etc/tls/alice.crt").toAbsolutePath(),
					this.dir.resolve("etc/tls/alice.key").toAbsolutePath()));
		assertThat(config.actingWorkgroup()).contains("/");
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
			.withMessageContaining("known keys: brain, cert, key, ca, timeout, workgroup, user, password, "
					+ "passwordFile, token, tokenFile");
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
			.withMessageContaining("timeout: 'soon' is not a duration");
	}

	@Test
	void passwordComesFromPasswordFileWithoutItsFinalNewline() throws IOException {
		write("etc/lab.password", "correct horse battery\n");
		Path file = write("etc/octl.yaml", "ca: tls/ca.crt\nuser: /lab/pis/\npasswordFile: lab.password\n");
		OctlConfig config = OctlConfig.load(file, Map.of(), this.home);
		assertThat(config.credentials()).isEqualTo(new OctlCredentials.Password("/lab/pis", "correct horse battery"));
		assertThat(config.actingWorkgroup()).contains("/lab/pis");
		assertThat(config.toString()).contains("/lab/pis").doesNotContain("horse");
	}

	@Test
	void passwordFromEnvironmentWinsOverTheFile() throws IOException {
		write("etc/lab.password", "from the file\n");
		Path file = write("etc/octl.yaml", "ca: tls/ca.crt\nuser: /lab\npasswordFile: lab.password\n");
		OctlConfig config = OctlConfig.load(file, Map.of("OCTL_PASSWORD", "from the environment"), this.home);
		assertThat(((OctlCredentials.Password) config.credentials()).password()).isEqualTo("from the environment");
	}

	@Test
	void tokenComesFromEnvironmentOrTokenFile() throws IOException {
		Path file = write("etc/octl.yaml", "ca: tls/ca.crt\nworkgroup: /lab/pis/\n");
		OctlConfig fromEnv = OctlConfig.load(file, Map.of("OCTL_TOKEN", "oct_secret123"), this.home);
		assertThat(fromEnv.credentials()).isEqualTo(new OctlCredentials.Token("oct_secret123"));
		assertThat(fromEnv.workgroup()).isEqualTo("/lab/pis");
		assertThat(fromEnv.toString()).doesNotContain("oct_secret123");
		write("etc/ci.token", "  oct_fromfile  \n");
		Path withFile = write("etc/octl.yaml", "ca: tls/ca.crt\ntokenFile: ci.token\n");
		OctlConfig config = OctlConfig.load(withFile, Map.of(), this.home);
		assertThat(config.credentials()).isEqualTo(new OctlCredentials.Token("oct_fromfile"));
		assertThat(config.actingWorkgroup()).isEmpty();
	}

	@Test
	void twoWaysToLogInAreRefused() throws IOException {
		Path file = write("etc/octl.yaml", minimal() + "user: /lab\npassword: hunter2hunter2\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("more than one way to log in")
			.withMessageContaining("an operator certificate (cert, key) and a workgroup password")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("hunter2"));
		Path certAndEnvToken = write("etc/octl.yaml", minimal());
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(certAndEnvToken, Map.of("OCTL_TOKEN", "oct_abc"), this.home))
			.withMessageContaining("an API token (token, tokenFile or $OCTL_TOKEN)")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("oct_abc"));
	}

	@Test
	void noWayToLogInIsRefused() throws IOException {
		Path file = write("etc/octl.yaml", "ca: tls/ca.crt\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("sets no way to log in; set exactly one of: cert and key");
	}

	@Test
	void userWithoutPasswordAndPasswordWithoutUserAreRefused() throws IOException {
		Path userOnly = write("etc/octl.yaml", "ca: tls/ca.crt\nuser: /lab\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(userOnly, Map.of(), this.home))
			.withMessageContaining("sets user /lab but no password");
		Path passwordOnly = write("etc/octl.yaml", "ca: tls/ca.crt\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(passwordOnly, Map.of("OCTL_PASSWORD", "hunter2hunter2"), this.home))
			.withMessageContaining("but no 'user'")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("hunter2"));
	}

	@Test
	void passwordAndPasswordFileTogetherAreRefused() throws IOException {
		Path file = write("etc/octl.yaml",
				"ca: tls/ca.crt\nuser: /lab\npassword: hunter2hunter2\npasswordFile: lab.password\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of(), this.home))
			.withMessageContaining("sets both 'password' and 'passwordFile'");
	}

	@Test
	void caStaysRequiredWithAPassword() throws IOException {
		Path file = write("etc/octl.yaml", "user: /lab\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(file, Map.of("OCTL_PASSWORD", "hunter2hunter2"), this.home))
			.withMessageContaining("does not set 'ca'");
	}

	@Test
	void inlinePasswordInAFileOthersMayReadIsWarnedAbout() throws IOException {
		Path file = write("etc/octl.yaml", "ca: tls/ca.crt\nuser: /lab\npassword: hunter2hunter2\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		List<String> warnings = new ArrayList<>();
		OctlConfig.load(file, Map.of(), this.home, warnings::add);
		assertThat(warnings).singleElement()
			.asString()
			.contains("holds a password but others may read it; run 'chmod 600 " + file.toAbsolutePath())
			.doesNotContain("hunter2");
		warnings.clear();
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		OctlConfig.load(file, Map.of(), this.home, warnings::add);
		assertThat(warnings).isEmpty();
	}

	@Test
	void badWorkgroupAndUserAreNamed() throws IOException {
		Path relative = write("etc/octl.yaml", minimal() + "workgroup: lab\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(relative, Map.of(), this.home))
			.withMessageContaining(
					"workgroup in " + relative.toAbsolutePath() + ": workgroup path 'lab' must start with /");
		Path colon = write("etc/octl.yaml", "ca: tls/ca.crt\nuser: /a:b\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(colon, Map.of("OCTL_PASSWORD", "hunter2hunter2"), this.home))
			.withMessageContaining("user: workgroup path '/a:b' has an invalid part 'a:b'");
		// The brain's rules, checked before anything is sent: a path names one
		// workgroup, never a walk.
		Path walk = write("etc/octl.yaml", minimal() + "workgroup: /lab/../ops\n");
		assertThatExceptionOfType(OctlConfigException.class)
			.isThrownBy(() -> OctlConfig.load(walk, Map.of(), this.home))
			.withMessageContaining("has an invalid part '..'");
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
