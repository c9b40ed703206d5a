package io.octoplane.tentacle.upgrade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.certs.tls.PemTls;
import io.octoplane.tentacle.config.Discovery;
import io.octoplane.tentacle.config.DurationText;
import io.octoplane.tentacle.config.TentacleConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tentacle upgrade}: the node side of online upgrades. {@code launch} runs the
 * tentacle under a {@link Launcher}; the other commands change the upgrade home, and the
 * tentacle runs them when an operator sends them ({@code octl upgrade ...} runs
 * {@code $OCTOPLANE_UPGRADE <command>} on the nodes).
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
		description = { "Online upgrade of this tentacle from an upgrade home (--home DIR):",
				"  init VERSION JAR   take a local jar as the first stable version",
				"  launch [-- ARGS]   run the tentacle, with rollback of unconfirmed previews",
				"  state | history    show the versions and what happened",
				"  install VERSION    download from the nameserver, check SHA-256 and signature",
				"  upgrade VERSION    install, then try it (preview) until confirmed",
				"  downgrade VERSION  try an older installed version the same way",
				"  confirm | cancel   make the preview stable, or go back to stable now" })
public final class UpgradeCommand {

	/** The environment variable that holds the command line of these commands. */
	public static final String COMMAND_ENV = "OCTOPLANE_UPGRADE";

	@Spec
	CommandSpec spec;

	@Option(names = "--home", required = true, paramLabel = "DIR", description = "The upgrade home.")
	Path home;

	@Option(names = "--config", paramLabel = "FILE",
			description = "tentacle.yaml: the node certificate and nameserver for downloads.")
	@Nullable Path config;

	@Option(names = "--release-key", paramLabel = "FILE",
			description = "The release public key (default: HOME/release-key.pub.pem).")
	@Nullable Path releaseKey;

	@Command(name = "init", description = "Take a local jar as the first stable version.")
	int init(@Parameters(paramLabel = "VERSION") String version, @Parameters(paramLabel = "JAR") Path jar)
			throws IOException {
		UpgradeHome upgradeHome = home();
		if (upgradeHome.stable().isPresent()) {
			return fail("the upgrade home has a stable version already: " + upgradeHome.stable().get());
		}
		Path target = upgradeHome.release(version);
		Files.createDirectories(target.getParent());
		Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
		upgradeHome.setStable(version);
		upgradeHome.record(Clock.systemUTC().instant(), "init", version, "");
		return print("stable " + version);
	}

	@Command(name = "launch", description = "Run the tentacle of the upgrade home and supervise upgrades.")
	int launch(
			@Option(names = "--confirm-timeout", defaultValue = "2m", paramLabel = "DURATION",
					description = "How long a preview may run unconfirmed (default: ${DEFAULT-VALUE}).") String timeout,
			@Option(names = "--jvm-option", paramLabel = "OPTION",
					description = "An option for the tentacle's JVM, such as -Xmx48m; repeatable.") List<String> jvmOptions,
			@Parameters(paramLabel = "ARGS", arity = "0..*",
					description = "Arguments for the tentacle, after --.") List<String> args)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> tentacleArgs = (args != null) ? args : List.of();
		List<String> runner = new ArrayList<>();
		runner.add(java);
		if (jvmOptions != null) {
			runner.addAll(jvmOptions);
		}
		runner.add("-jar");
		try (Launcher launcher = new Launcher(home(), runner, tentacleArgs, Map.of(COMMAND_ENV, commandLine(java)),
				DurationText.parse("confirm-timeout", timeout), Duration.ofSeconds(3), Duration.ofMillis(500),
				Clock.systemUTC())) {
			Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "upgrade-launcher-shutdown"));
			launcher.run();
		}
		return 0;
	}

	@Command(name = "state", description = "Show stable, preview and healthy versions and what is installed.")
	int state() throws IOException {
		UpgradeHome upgradeHome = home();
		List<String> installed = new ArrayList<>();
		Path releases = upgradeHome.root().resolve("releases");
		if (Files.isDirectory(releases)) {
			try (var files = Files.list(releases)) {
				files.map((file) -> file.getFileName().toString())
					.filter((name) -> !name.startsWith("."))
					.sorted()
					.forEach(installed::add);
			}
		}
		return print("{\"stable\":" + quoted(upgradeHome.stable().orElse(null)) + ",\"preview\":"
				+ quoted(upgradeHome.preview().orElse(null)) + ",\"healthy\":"
				+ quoted(upgradeHome.healthy().orElse(null)) + ",\"installed\":["
				+ String.join(",", installed.stream().map(UpgradeCommand::quoted).toList()) + "]}");
	}

	@Command(name = "history", description = "Show what happened, oldest first.")
	int history() throws IOException {
		return print(String.join("\n", home().history()));
	}

	@Command(name = "install", description = "Download a version and check its SHA-256 and signature.")
	int install(@Parameters(paramLabel = "VERSION") String version) throws IOException, GeneralSecurityException {
		UpgradeHome upgradeHome = home();
		TentacleConfig tentacle = TentacleConfig.load(this.config, System.getenv());
		Discovery discovery = tentacle.discovery();
		if (discovery == null) {
			return fail("no nameserver in " + this.config + " to download releases from");
		}
		PublicKey key = ReleaseKeys.readPublicKey(
				(this.releaseKey != null) ? this.releaseKey : upgradeHome.root().resolve("release-key.pub.pem"));
		SSLContext context = PemTls.clientContext(tentacle.cert(), tentacle.key(), tentacle.ca());
		new ReleaseInstaller(upgradeHome, key).install(discovery.nameserver(), context, version);
		upgradeHome.record(Clock.systemUTC().instant(), "install", version, "");
		return print("installed " + version);
	}

	@Command(name = "upgrade", description = "Install a version if needed, then run it as preview.")
	int upgrade(@Parameters(paramLabel = "VERSION") String version) throws IOException, GeneralSecurityException {
		if (!home().installed(version)) {
			int installed = install(version);
			if (installed != 0) {
				return installed;
			}
		}
		return trial(version, "upgrade");
	}

	@Command(name = "downgrade", description = "Run an older installed version as preview.")
	int downgrade(@Parameters(paramLabel = "VERSION") String version) throws IOException {
		return trial(version, "downgrade");
	}

	@Command(name = "confirm", description = "Make the healthy preview the stable version.")
	int confirm() throws IOException {
		try {
			return print("stable " + new Upgrades(home(), Clock.systemUTC()).confirm());
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	@Command(name = "cancel", description = "Stop the preview and go back to the stable version now.")
	int cancel() throws IOException {
		try {
			return print("cancelled " + new Upgrades(home(), Clock.systemUTC()).cancel());
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	private int trial(String version, String action) throws IOException {
		try {
			new Upgrades(home(), Clock.systemUTC()).preview(version, action);
			return print("preview " + version + ": confirm once it has reconnected, or it rolls back");
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	private UpgradeHome home() {
		return new UpgradeHome(this.home);
	}

	// How the tentacle's commands call these commands: with the jar this launcher runs
	// from. Under 'java -jar' the class path is exactly that jar (a Spring Boot fat jar's
	// code source would name a nested entry instead).
	private String commandLine(String java) {
		String jar = Path.of(System.getProperty("java.class.path")).toAbsolutePath().toString();
		return java + " -jar " + jar + " upgrade --home " + home().root()
				+ ((this.config != null) ? " --config " + this.config.toAbsolutePath() : "")
				+ ((this.releaseKey != null) ? " --release-key " + this.releaseKey.toAbsolutePath() : "");
	}

	private int print(String text) {
		PrintWriter out = this.spec.commandLine().getOut();
		out.println(text);
		out.flush();
		return 0;
	}

	private int fail(String message) {
		PrintWriter err = this.spec.commandLine().getErr();
		err.println("tentacle upgrade: " + message);
		err.flush();
		return 3;
	}

	private static String quoted(@Nullable String value) {
		return (value == null) ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
