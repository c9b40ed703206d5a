package io.octoplane.upgrade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.protocol.duration.DurationText;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tentacle upgrade} and {@code brain upgrade}: the local side of online upgrades.
 * {@code launch} runs the component under a {@link Launcher}; the other commands change
 * the upgrade home. A tentacle runs them when an operator sends them ({@code octl upgrade
 * ...} runs {@code $OCTOPLANE_UPGRADE <command>} on the nodes); a brain does the same
 * through its upgrade API, in its own process.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
		description = { "Online upgrade from an upgrade home (--home DIR):",
				"  init VERSION JAR   take a local jar as the first stable version",
				"  launch [-- ARGS]   run it, with rollback of unconfirmed previews",
				"  state | history    show the versions and what happened",
				"  install VERSION    download from the nameserver, check SHA-256 and signature",
				"  upgrade VERSION    install, then try it (preview) until confirmed",
				"  downgrade VERSION  try an older installed version the same way",
				"  confirm | cancel   make the preview stable, or go back to stable now",
				"  clean              delete versions not stable, on trial or healthy" })
public final class UpgradeTool {

	private final UpgradeComponent component;

	private final ReleaseSource source;

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--home", required = true, paramLabel = "DIR", description = "The upgrade home.")
	@Nullable Path home;

	@Option(names = "--config", paramLabel = "FILE",
			description = "The component's configuration with the nameserver and certificate for downloads "
					+ "(a tentacle's tentacle.yaml).")
	@Nullable Path config;

	@Option(names = "--release-key", paramLabel = "FILE",
			description = "The release public key (default: HOME/release-key.pub.pem).")
	@Nullable Path releaseKey;

	/**
	 * Creates the commands for a component.
	 * @param component the component the home holds
	 * @param source where {@code install} downloads from
	 */
	public UpgradeTool(UpgradeComponent component, ReleaseSource source) {
		this.component = component;
		this.source = source;
	}

	/**
	 * The command line of these commands, ready to be added as the {@code upgrade}
	 * subcommand of the component's own command or run by itself.
	 * @param component the component the home holds
	 * @param source where {@code install} downloads from
	 * @return the command line
	 */
	public static CommandLine commandLine(UpgradeComponent component, ReleaseSource source) {
		return new CommandLine(new UpgradeTool(component, source));
	}

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

	@Command(name = "launch", description = "Run the component of the upgrade home and supervise upgrades.")
	int launch(
			@Option(names = "--confirm-timeout", defaultValue = "2m", paramLabel = "DURATION",
					description = "How long a preview may run unconfirmed once it reported healthy "
							+ "(default: ${DEFAULT-VALUE}).") String timeout,
			@Option(names = "--start-timeout", defaultValue = "2m", paramLabel = "DURATION",
					description = "How long a preview may take to report healthy (default: ${DEFAULT-VALUE}).") String start,
			@Option(names = "--jvm-option", paramLabel = "OPTION",
					description = "An option for the child's JVM, such as -Xmx48m; repeatable.") List<String> jvmOptions,
			@Parameters(paramLabel = "ARGS", arity = "0..*",
					description = "Arguments for the child, after --.") List<String> args)
			throws IOException, InterruptedException {
		Duration confirmTimeout;
		try {
			confirmTimeout = DurationText.parsePositive(timeout);
		}
		catch (IllegalArgumentException ex) {
			return fail("--confirm-timeout: " + ex.getMessage());
		}
		Duration startTimeout;
		try {
			startTimeout = DurationText.parsePositive(start);
		}
		catch (IllegalArgumentException ex) {
			return fail("--start-timeout: " + ex.getMessage());
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> childArgs = (args != null) ? args : List.of();
		List<String> runner = new ArrayList<>();
		runner.add(java);
		if (jvmOptions != null) {
			runner.addAll(jvmOptions);
		}
		runner.add("-jar");
		Map<String, String> childEnv = new LinkedHashMap<>();
		childEnv.put(UpgradeHome.COMMAND_ENV, commandLine(java));
		if (this.releaseKey != null) {
			childEnv.put(UpgradeHome.RELEASE_KEY_ENV, this.releaseKey.toAbsolutePath().toString());
		}
		try (Launcher launcher = new Launcher(this.component, home(), runner, childArgs, childEnv, confirmTimeout,
				startTimeout, Duration.ofSeconds(3), Duration.ofMillis(500), Clock.systemUTC())) {
			Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "upgrade-launcher-shutdown"));
			launcher.run();
		}
		return 0;
	}

	@Command(name = "state", description = "Show stable, preview and healthy versions and what is installed.")
	int state() throws IOException {
		UpgradeHome upgradeHome = home();
		return print("{\"stable\":" + quoted(upgradeHome.stable().orElse(null)) + ",\"preview\":"
				+ quoted(upgradeHome.preview().orElse(null)) + ",\"healthy\":"
				+ quoted(upgradeHome.healthy().orElse(null)) + ",\"installed\":["
				+ String.join(",", upgradeHome.installedVersions().stream().map(UpgradeTool::quoted).toList()) + "]}");
	}

	@Command(name = "history", description = "Show what happened, oldest first.")
	int history(
			@Option(names = "--since", paramLabel = "INSTANT",
					description = "Only from this time on, like 2026-12-07T10:00:00Z.") @Nullable String since,
			@Option(names = "--limit", paramLabel = "N",
					description = "At most N lines: the first N from --since, else the last N.") @Nullable Integer limit)
			throws IOException {
		HistoryWindow window;
		try {
			window = new HistoryWindow((since != null) ? Instant.parse(since) : null, limit);
		}
		catch (DateTimeParseException ex) {
			return fail("--since: '" + since + "' is not an instant like 2026-12-07T10:00:00Z");
		}
		catch (IllegalArgumentException ex) {
			return fail("--limit: " + ex.getMessage());
		}
		return print(String.join("\n", home().history(window)));
	}

	@Command(name = "clean", description = "Delete the installed versions that are not stable, on trial or healthy.")
	int clean() throws IOException {
		List<String> removed = upgrades().clean();
		return print(removed.isEmpty() ? "nothing to clean" : "removed " + String.join(" ", removed));
	}

	@Command(name = "install", description = "Download a version and check its SHA-256 and signature.")
	int install(@Parameters(paramLabel = "VERSION") String version) throws IOException, GeneralSecurityException {
		UpgradeHome upgradeHome = home();
		ReleaseSource.Nameserver nameserver;
		try {
			nameserver = this.source.nameserver(this.config);
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
		PublicKey key = ReleaseKeys
			.readPublicKey((this.releaseKey != null) ? this.releaseKey : upgradeHome.defaultReleaseKey());
		new ReleaseInstaller(this.component, upgradeHome, key).install(nameserver.uri(), nameserver.context(), version);
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
			return print("stable " + upgrades().confirm());
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	@Command(name = "cancel", description = "Stop the preview and go back to the stable version now.")
	int cancel() throws IOException {
		try {
			return print("cancelled " + upgrades().cancel());
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	private int trial(String version, String action) throws IOException {
		try {
			upgrades().preview(version, action);
			return print("preview " + version + ": confirm once it has " + this.component.healthyWhen()
					+ ", or it rolls back");
		}
		catch (IllegalStateException ex) {
			return fail(ex.getMessage());
		}
	}

	private Upgrades upgrades() {
		return new Upgrades(this.component, home(), Clock.systemUTC());
	}

	private UpgradeHome home() {
		if (this.home == null) {
			throw new IllegalStateException("picocli sets the required --home");
		}
		return new UpgradeHome(this.home);
	}

	// How the child's commands call these commands: with the jar this launcher runs
	// from. Under 'java -jar' the class path is exactly that jar (a Spring Boot fat jar's
	// code source would name a nested entry instead).
	private String commandLine(String java) {
		String jar = Path.of(System.getProperty("java.class.path")).toAbsolutePath().toString();
		return java + " -jar " + jar + " upgrade --home " + home().root()
				+ ((this.config != null) ? " --config " + this.config.toAbsolutePath() : "")
				+ ((this.releaseKey != null) ? " --release-key " + this.releaseKey.toAbsolutePath() : "");
	}

	private int print(String text) {
		PrintWriter out = spec().commandLine().getOut();
		out.println(text);
		out.flush();
		return 0;
	}

	private int fail(@Nullable String message) {
		PrintWriter err = spec().commandLine().getErr();
		err.println(this.component.name() + " upgrade: " + message);
		err.flush();
		return 3;
	}

	private CommandSpec spec() {
		if (this.spec == null) {
			throw new IllegalStateException("picocli injects the spec");
		}
		return this.spec;
	}

	private static String quoted(@Nullable String value) {
		return (value == null) ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
