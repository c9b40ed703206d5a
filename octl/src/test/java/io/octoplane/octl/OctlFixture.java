package io.octoplane.octl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.octl.OctlRun;

/**
 * Certificates, a config file and an in-process runner for octl tests: the way the
 * picocli docs test a CLI, with the environment injected instead of read from the
 * process.
 */
public final class OctlFixture {

	private final Path dir;

	private final CertFixtures certs;

	private OctlFixture(Path dir) {
		this.dir = dir;
		this.certs = CertFixtures.create(mkdirs(dir.resolve("certs")));
	}

	public static OctlFixture create(Path dir) {
		return new OctlFixture(dir);
	}

	public CertFixtures certs() {
		return this.certs;
	}

	public Path home() {
		return mkdirs(this.dir.resolve("home"));
	}

	/** Writes octl.yaml for alice with paths relative to the config's folder. */
	public Path writeConfig(URI brain) {
		return writeConfig(brain, this.certs.operator("alice"), this.certs.caCert());
	}

	public Path writeConfig(URI brain, PemPair operator, Path ca) {
		return writeConfigText("brain: " + brain + "\ncert: " + relative(operator.certificate()) + "\nkey: "
				+ relative(operator.privateKey()) + "\nca: " + relative(ca) + "\ntimeout: 60s\n");
	}

	public Path writeConfigText(String yaml) {
		Path config = this.dir.resolve("octl.yaml");
		try {
			Files.writeString(config, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return config;
	}

	public OctlRun run(Path config, String... args) {
		return run(Map.of("OCTL_CONFIG", config.toString()), args);
	}

	public OctlRun run(Map<String, String> env, String... args) {
		return run(env, false, new StringWriter(), args);
	}

	/** Runs with the given text on standard input. */
	public OctlRun runWithStdin(Path config, String stdin, String... args) {
		return run(Map.of("OCTL_CONFIG", config.toString()), false, new StringWriter(),
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
	}

	/** Writes octl.yaml logging in with a workgroup password kept in a 0600 file. */
	public Path writePasswordConfig(URI brain, String user, String password, String extra) {
		Path passwordFile = this.dir.resolve("octl.password");
		try {
			Files.writeString(passwordFile, password + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return writeConfigText("brain: " + brain + "\nca: " + relative(this.certs.caCert()) + "\nuser: " + user
				+ "\npasswordFile: octl.password\n" + extra);
	}

	/**
	 * Writes octl.yaml logging in with an API token from $OCTL_TOKEN (set by the run).
	 */
	public Path writeCaOnlyConfig(URI brain, String extra) {
		return writeConfigText("brain: " + brain + "\nca: " + relative(this.certs.caCert()) + "\n" + extra);
	}

	/** Runs as if stderr were a terminal, so progress notes are on. */
	public OctlRun runInteractive(Path config, String... args) {
		return run(Map.of("OCTL_CONFIG", config.toString()), true, new StringWriter(), args);
	}

	/**
	 * Runs with the caller's stdout, which it can watch from another thread meanwhile.
	 */
	public OctlRun run(Path config, StringWriter out, String... args) {
		return run(Map.of("OCTL_CONFIG", config.toString()), false, out, args);
	}

	private OctlRun run(Map<String, String> env, boolean interactive, StringWriter out, String... args) {
		return run(env, interactive, out, new ByteArrayInputStream(new byte[0]), args);
	}

	private OctlRun run(Map<String, String> env, boolean interactive, StringWriter out, InputStream stdin,
			String... args) {
		return OctlRun.execute(new Octl(env, home(), interactive, stdin).commandLine(args), out, args);
	}

	private String relative(Path file) {
		Path absolute = file.toAbsolutePath();
		return absolute.startsWith(this.dir.toAbsolutePath())
				? this.dir.toAbsolutePath().relativize(absolute).toString() : absolute.toString();
	}

	private static Path mkdirs(Path dir) {
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
