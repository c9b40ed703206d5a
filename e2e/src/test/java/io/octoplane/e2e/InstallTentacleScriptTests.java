package io.octoplane.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/install-tentacle.sh} run for real with {@code --root} and
 * {@code --no-start}: what it writes, that the join token stays off the command line and
 * out of every file but a private one, and that bad input is refused clearly.
 */
class InstallTentacleScriptTests {

	private static final Path SCRIPT = Path.of("..", "deploy", "install-tentacle.sh").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	@Test
	void writesConfigUnitAndPrivateTokenFile() throws Exception {
		Result result = install("--token", "tok-123", "--name", "pi7", "--brain", "brain.example:3457", "--brain-api",
				"https://brain.example:12345");
		assertThat(result.status()).as(result.output()).isZero();
		Path root = this.dir.resolve("root");
		String yaml = Files.readString(root.resolve("etc/octoplane/tentacle.yaml"));
		assertThat(yaml).contains("brain: brain.example:3457")
			.contains("name: pi7")
			.contains("brainApi: https://brain.example:12345")
			.doesNotContain("tok-123");
		Path env = root.resolve("etc/octoplane/tentacle.env");
		assertThat(Files.readString(env)).isEqualTo("OCTOPLANE_JOIN_TOKEN=tok-123\n");
		assertThat(Files.getPosixFilePermissions(env)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String unit = Files.readString(root.resolve("etc/systemd/system/octoplane-tentacle.service"));
		assertThat(unit).contains("EnvironmentFile=-/etc/octoplane/tentacle.env")
			.contains("octoplane-supervise.sh --home /var/lib/octoplane/tentacle/upgrade --java " + java() + " ")
			.doesNotContain("tok-123");
		assertThat(root.resolve("opt/octoplane/tentacle.jar")).exists();
		assertThat(root.resolve("opt/octoplane/octoplane-supervise.sh")).isExecutable();
		Path home = root.resolve("var/lib/octoplane/tentacle/upgrade");
		assertThat(Files.readString(home.resolve("stable"))).isEqualTo("1.0.0\n");
		assertThat(home.resolve("releases/1.0.0")).hasContent("jar");
		assertThat(root.resolve("etc/octoplane/ca.pem")).exists();
	}

	@Test
	void missingTokenIsRefused() throws Exception {
		Result result = install("--name", "pi7", "--brain", "brain.example:3457", "--brain-api",
				"https://brain.example:12345");
		assertThat(result.status()).isEqualTo(2);
		assertThat(result.output()).contains("--token is required");
		assertThat(this.dir.resolve("root/etc/octoplane")).doesNotExist();
	}

	@Test
	void plainHttpBrainApiIsRefused() throws Exception {
		Result result = install("--token", "t", "--name", "pi7", "--brain", "b:3457", "--brain-api", "http://b:12345");
		assertThat(result.status()).isEqualTo(2);
		assertThat(result.output()).contains("--brain-api https://");
	}

	@Test
	void badNodeNameIsRefused() throws Exception {
		Result result = install("--token", "t", "--name", "../etc", "--brain", "b:3457", "--brain-api",
				"https://b:12345");
		assertThat(result.status()).isEqualTo(2);
		assertThat(result.output()).contains("not a valid node name");
	}

	@Test
	void helpPrintsTheUsageAndNothingOfTheScript() throws Exception {
		Result result = run(List.of("bash", SCRIPT.toString(), "--help"), Map.of());
		assertThat(result.status()).isZero();
		assertThat(result.output()).contains("Installs a tentacle").contains("--root DIR").doesNotContain("set -e");
	}

	@Test
	void findsAJavaUnderTheJvmFolderWhenTheOneOnThePathIsTooOld() throws Exception {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		Path old = Files.writeString(bin.resolve("java"),
				"#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
		old.toFile().setExecutable(true);
		Path jvm = Files.createDirectories(this.dir.resolve("jvm"));
		Path jdk = Files.createSymbolicLink(jvm.resolve("jdk-new"), Path.of(System.getProperty("java.home")));
		Path ca = Files.writeString(this.dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
		Path jar = Files.writeString(this.dir.resolve("octoplane-tentacle-1.0.0-exec.jar"), "jar");
		Result result = run(
				List.of("bash", SCRIPT.toString(), "--token", "t", "--name", "pi8", "--brain", "b:3457", "--brain-api",
						"https://b:12345", "--ca", ca.toString(), "--jar", jar.toString(), "--root",
						this.dir.resolve("root").toString(), "--no-start"),
				Map.of("PATH", bin + ":/usr/bin:/bin", "OCTOPLANE_JVM_DIR", jvm.toString()));
		assertThat(result.status()).as(result.output()).isZero();
		assertThat(Files.readString(this.dir.resolve("root/etc/systemd/system/octoplane-tentacle.service")))
			.contains("--java " + jdk.resolve("bin/java") + " ");
	}

	private Result install(String... args) throws Exception {
		Path ca = Files.writeString(this.dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
		Path jar = Files.writeString(this.dir.resolve("octoplane-tentacle-1.0.0-exec.jar"), "jar");
		List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
		command.addAll(List.of(args));
		command.addAll(List.of("--ca", ca.toString(), "--jar", jar.toString(), "--java", java(), "--root",
				this.dir.resolve("root").toString(), "--no-start"));
		return run(command, Map.of());
	}

	private static Result run(List<String> command, Map<String, String> env) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (!env.isEmpty()) {
			builder.environment().remove("JAVA_HOME");
			builder.environment().putAll(env);
		}
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private record Result(int status, String output) {

	}

}
