package io.octoplane.tentacle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import io.octoplane.tentacle.config.ConfigOverrides;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code tentacle} command: loads the configuration, runs the agent until SIGTERM (or
 * until the brain refuses it for good) and exits with 0 on a normal stop, 1 when refused
 * and 2 for an invalid configuration, printing one line rather than a stack trace.
 */
@Command(name = "tentacle", mixinStandardHelpOptions = true, versionProvider = TentacleMain.Version.class,
		description = "Octoplane node agent: dials the brain over mutual TLS and runs what it is asked to.")
public final class TentacleMain implements Callable<Integer> {

	static final int EXIT_REFUSED = 1;

	static final int EXIT_BAD_CONFIG = 2;

	private static final Path DEFAULT_CONFIG = Path.of("tentacle.yaml");

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

	@Spec
	CommandSpec spec;

	private final Map<String, String> env;

	TentacleMain(Map<String, String> env) {
		this.env = env;
	}

	public static void main(String[] args) {
		System.exit(new CommandLine(new TentacleMain(System.getenv())).execute(args));
	}

	@Override
	public Integer call() throws InterruptedException {
		Tentacle tentacle;
		try {
			tentacle = new Tentacle(loadConfig(), Clock.systemDefaultZone());
		}
		catch (TentacleConfigException ex) {
			PrintWriter err = this.spec.commandLine().getErr();
			err.println("tentacle: " + ex.getMessage());
			err.flush();
			return EXIT_BAD_CONFIG;
		}
		Thread hook = new Thread(tentacle::close, "tentacle-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		tentacle.start();
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

	TentacleConfig loadConfig() {
		Path file = this.config;
		if (file == null && Files.isRegularFile(DEFAULT_CONFIG)) {
			file = DEFAULT_CONFIG;
		}
		return TentacleConfig.load(file, this.env,
				new ConfigOverrides(this.brain, this.cert, this.key, this.ca, this.workspace));
	}

	/** Reports the agent's release version for {@code --version}. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "tentacle " + AgentInfo.version() };
		}

	}

}
