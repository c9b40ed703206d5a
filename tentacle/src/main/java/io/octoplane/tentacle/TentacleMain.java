package io.octoplane.tentacle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

import io.octoplane.tentacle.config.ConfigOverrides;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.tentacle.enroll.Enrollment;
import io.octoplane.tentacle.enroll.EnrollmentException;
import io.octoplane.tentacle.log.TentacleLog;
import io.octoplane.tentacle.upgrade.HealthReport;
import io.octoplane.tentacle.upgrade.TentacleReleaseSource;
import io.octoplane.upgrade.AotTraining;
import io.octoplane.upgrade.LauncherWatch;
import io.octoplane.upgrade.TrialWatch;
import io.octoplane.upgrade.UpgradeComponent;
import io.octoplane.upgrade.UpgradeTool;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code tentacle} command: loads the configuration, enrolls if it has a join token
 * but no certificate yet, runs the agent until SIGTERM (or until the brain refuses it for
 * good) and prints one line rather than a stack trace when it cannot go on.
 *
 * <p>
 * Exit codes: 0 on a normal stop; 1 when the brain refused the connection for good, or
 * when enrollment could not reach the brain API after
 * {@value io.octoplane.tentacle.enroll.Enrollment#ATTEMPTS} attempts (a service manager
 * restarting the tentacle may succeed later); 2 for an invalid configuration or a refused
 * enrollment (bad join token, name taken or invalid, untrusted brain certificate), where
 * restarting cannot help.
 */
@Command(name = "tentacle", mixinStandardHelpOptions = true, versionProvider = TentacleMain.Version.class,
		description = "Octoplane node agent: dials the brain over mutual TLS and runs what it is asked to.")
public final class TentacleMain implements Callable<Integer> {

	static final int EXIT_REFUSED = 1;

	static final int EXIT_UNREACHABLE = 1;

	static final int EXIT_BAD_CONFIG = 2;

	private static final Path DEFAULT_CONFIG = Path.of("tentacle.yaml");

	private static final Set<String> HELP_OR_SUBCOMMAND = Set.of("upgrade", "enroll", "help", "-h", "--help");

	@Option(names = "--config", paramLabel = "FILE",
			description = "YAML config file (default: tentacle.yaml in the working directory, if present)")
	@Nullable Path config;

	@Option(names = "--brain", paramLabel = "HOST[:PORT]", description = "brain agent address (default port 3457)")
	@Nullable String brain;

	@Option(names = "--cert", paramLabel = "FILE", description = "node certificate PEM file")
	@Nullable String cert;

	@Option(names = "--key", paramLabel = "FILE", description = "node private key PEM file")
	@Nullable String key;

	@Option(names = "--ca", paramLabel = "FILE", description = "CA certificate PEM file the brain must chain to")
	@Nullable String ca;

	@Option(names = "--workspace", paramLabel = "DIR", description = "folder where commands run (default ./workspace)")
	@Nullable String workspace;

	@Mixin
	EnrollmentOptions enrollment = new EnrollmentOptions();

	@Spec
	CommandSpec spec;

	private final Map<String, String> env;

	TentacleMain(Map<String, String> env) {
		this.env = env;
	}

	public static void main(String[] args) {
		TentacleLog.install();
		Map<String, String> env = System.getenv();
		// The agent's own start skips building the model of the upgrade commands, which
		// costs picocli a noticeable share of the start-up on a small machine.
		boolean agentOnly = Arrays.stream(args).noneMatch(HELP_OR_SUBCOMMAND::contains);
		CommandLine commandLine = agentOnly ? new CommandLine(new TentacleMain(env)) : commandLine(env);
		System.exit(commandLine.execute(args));
	}

	/**
	 * The {@code tentacle} command with its {@code enroll} and {@code upgrade}
	 * subcommands.
	 * @param env the process environment
	 * @return the command line
	 */
	static CommandLine commandLine(Map<String, String> env) {
		return new CommandLine(new TentacleMain(env)).addSubcommand("enroll", new EnrollCommand())
			.addSubcommand("upgrade",
					UpgradeTool.commandLine(UpgradeComponent.TENTACLE, new TentacleReleaseSource(env)));
	}

	@Override
	public Integer call() throws InterruptedException {
		Tentacle tentacle;
		Optional<TrialWatch> trialWatch;
		try {
			trialWatch = TrialWatch.fromEnvironment(this.env, Clock.systemUTC());
		}
		catch (IllegalArgumentException ex) {
			return fail(ex.getMessage(), EXIT_BAD_CONFIG);
		}
		try {
			TentacleConfig loaded = loadConfig();
			TentacleLog.writeTo(loaded.nodePaths().log());
			new Enrollment(loaded, RandomGenerator.getDefault()).enrollIfNeeded();
			tentacle = new Tentacle(loaded, Clock.systemDefaultZone());
		}
		catch (TentacleConfigException ex) {
			return fail(ex.getMessage(), EXIT_BAD_CONFIG);
		}
		catch (EnrollmentException ex) {
			return fail(ex.getMessage(), ex.unreachable() ? EXIT_UNREACHABLE : EXIT_BAD_CONFIG);
		}
		Thread hook = new Thread(tentacle::close, "tentacle-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		tentacle.start();
		HealthReport.whenConnected(tentacle, this.env);
		if (AotTraining.requested(this.env)) {
			AotTraining.exitWhenReady(() -> awaitWelcome(tentacle));
		}
		if (trialWatch.isPresent()) {
			trialWatch.get().start();
		}
		else {
			LauncherWatch.exitWithLauncher(this.env);
		}
		while (!tentacle.awaitState(TentacleState.STOPPED, Duration.ofHours(1))) {
			// Runs until SIGTERM (the hook closes it) or until the brain refuses it.
		}
		// Stopped by the brain, not by a signal: the hook is not needed any more.
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			return 0;
		}
		tentacle.close();
		return EXIT_REFUSED;
	}

	private static boolean awaitWelcome(Tentacle tentacle) throws InterruptedException {
		while (!tentacle.awaitConnected(Duration.ofMinutes(1))) {
			if (tentacle.state() == TentacleState.STOPPED) {
				return false;
			}
		}
		return true;
	}

	private int fail(@Nullable String message, int exitCode) {
		PrintWriter err = this.spec.commandLine().getErr();
		err.println("tentacle: " + message);
		err.flush();
		return exitCode;
	}

	TentacleConfig loadConfig() {
		return loadConfig(this.enrollment);
	}

	TentacleConfig loadConfig(EnrollmentOptions enroll) {
		Path file = this.config;
		if (file == null && Files.isRegularFile(DEFAULT_CONFIG)) {
			file = DEFAULT_CONFIG;
		}
		return TentacleConfig.load(file, this.env, new ConfigOverrides(this.brain, this.cert, this.key, this.ca,
				this.workspace, enroll.joinToken, enroll.name, enroll.brainApi));
	}

	/** Reports the agent's release version for {@code --version}. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "tentacle " + AgentInfo.version() };
		}

	}

}
