package io.octoplane.tentacle.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.tentacle.file.NodePaths;
import org.jspecify.annotations.Nullable;

/**
 * Everything a tentacle needs to run, validated in the constructor so that a bad value is
 * reported at start-up, naming the setting, rather than on the first dial.
 *
 * @param brain the brain's agent address, or {@code null} when the nameserver tells it
 * @param cert the node's certificate PEM file (its CN is the node's name)
 * @param key the node's private key PEM file
 * @param ca the CA certificate PEM file the brain's certificate must chain to
 * @param workspace folder where commands run; created if missing
 * @param outputLimitBytes the most bytes of stdout and of stderr each kept per command,
 * whatever a command asks for; positive and at most a quarter of {@code maxFrameBytes}
 * @param backoffInitial the shortest wait before redialling; positive
 * @param backoffMax the longest wait before redialling; at least {@code backoffInitial}
 * @param connectTimeout limit for TCP connect, TLS handshake and the brain's Welcome
 * @param maxFrameBytes the largest protocol frame read or written, bytes
 * @param journal folder of the command journal (which commands ran, which results the
 * brain has not acknowledged yet); created if missing; must survive restarts
 * @param journalRetention how long an acknowledged command stays in the journal, so that
 * a redelivery within that time is still recognised and not run again; positive
 * @param enrollment how to get a certificate when {@code cert} and {@code key} do not
 * exist yet, or {@code null} when they must exist already
 * @param renewBefore ask the brain for a new certificate once the current one expires
 * within this time; {@code null} for a third of the certificate's lifetime
 * @param scriptEnv extra environment variables for every command and script (Octopoda's
 * custom variables), next to the {@code OCTOPODA_*} ones; names may not start with
 * {@code OCTOPODA_}
 * @param discovery how to find the brain through the nameserver, or {@code null} to dial
 * {@code brain} only; with both, the nameserver's answer (and the last address that
 * worked) comes first and {@code brain} is the fallback
 * @param folders the folders of {@code @root}, {@code @log}, {@code @fstore} and
 * {@code @pakma} (and of the matching {@code OCTOPODA_*} variables)
 * @param shell the shell commands and scripts run with: {@code bash}, {@code sh} or an
 * absolute path; {@code null} for bash where present, else sh
 * @param facts the node's labels and how its facts are collected (custom fact scripts,
 * their limits, how often facts are collected again)
 * @param edge thin-link and gateway settings
 */
public record TentacleConfig(@Nullable BrainAddress brain, Path cert, Path key, Path ca, Path workspace,
		int outputLimitBytes, Duration backoffInitial, Duration backoffMax, Duration connectTimeout, int maxFrameBytes,
		Path journal, Duration journalRetention, @Nullable EnrollmentSettings enrollment,
		@Nullable Duration renewBefore, Map<String, String> scriptEnv, @Nullable Discovery discovery,
		NodeFolders folders, @Nullable String shell, FactSettings facts, EdgeSettings edge) {

	/** Default per-stream output cap: enough for logs, small enough for one frame. */
	public static final int DEFAULT_OUTPUT_LIMIT_BYTES = 1024 * 1024;

	/** Where the journal lives when not configured, relative to the workspace. */
	public static final String DEFAULT_JOURNAL_FOLDER = ".octoplane/journal";

	/**
	 * Default journal retention: longer than any delivery deadline the brain is expected
	 * to use, so a late redelivery is still recognised.
	 */
	public static final Duration DEFAULT_JOURNAL_RETENTION = Duration.ofDays(7);

	/** Default shortest wait before redialling the brain. */
	public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);

	/** Default longest wait before redialling the brain. */
	public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);

	public TentacleConfig {
		if (brain == null && discovery == null) {
			throw new TentacleConfigException("no brain address and no nameserver: set 'brain' or 'nameserver' in the "
					+ "config file, OCTOPLANE_BRAIN or OCTOPLANE_NAMESERVER, or --brain host:port");
		}
		Objects.requireNonNull(workspace, "workspace must not be null");
		Objects.requireNonNull(journal, "journal must not be null");
		Objects.requireNonNull(folders, "folders must not be null");
		Objects.requireNonNull(facts, "facts must not be null");
		Objects.requireNonNull(edge, "edge must not be null");
		if (shell != null && !shell.equals("bash") && !shell.equals("sh") && !shell.startsWith("/")) {
			throw new TentacleConfigException("shell '" + shell + "' must be bash, sh or an absolute path");
		}
		scriptEnv = Map.copyOf(Objects.requireNonNull(scriptEnv, "scriptEnv must not be null"));
		for (String name : scriptEnv.keySet()) {
			CustomEnv.requireName("scriptEnv", name);
		}
		if (Files.exists(journal) && !Files.isDirectory(journal)) {
			throw new TentacleConfigException("journal " + journal + " exists but is not a folder");
		}
		requirePositive(journalRetention, "journalRetention");
		if (enrollment == null) {
			requireFile(cert, "node certificate", "cert");
			requireFile(key, "node private key", "key");
		}
		else {
			// Enrollment writes them later; only where they go must be known now.
			requireSet(cert, "node certificate", "cert");
			requireSet(key, "node private key", "key");
		}
		requireFile(ca, "CA certificate", "ca");
		if (renewBefore != null) {
			requirePositive(renewBefore, "renewBefore");
		}
		if (Files.exists(workspace) && !Files.isDirectory(workspace)) {
			throw new TentacleConfigException("workspace " + workspace + " exists but is not a folder");
		}
		if (maxFrameBytes < 64 * 1024) {
			throw new TentacleConfigException("maxFrameBytes " + maxFrameBytes + " must be at least 65536");
		}
		if (outputLimitBytes <= 0 || outputLimitBytes > maxFrameBytes / 4) {
			throw new TentacleConfigException("outputLimitBytes " + outputLimitBytes
					+ " must be positive and at most a quarter of maxFrameBytes (" + maxFrameBytes / 4 + ")");
		}
		requirePositive(backoffInitial, "backoffInitial");
		requirePositive(backoffMax, "backoffMax");
		requirePositive(connectTimeout, "connectTimeout");
		if (backoffMax.compareTo(backoffInitial) < 0) {
			throw new TentacleConfigException(
					"backoffMax " + backoffMax + " must not be less than backoffInitial " + backoffInitial);
		}
	}

	/**
	 * A configuration with default limits and timings.
	 * @param brain the brain's agent address
	 * @param cert the node certificate PEM file
	 * @param key the node private key PEM file
	 * @param ca the CA certificate PEM file
	 * @param workspace folder where commands run
	 * @return the configuration
	 * @throws TentacleConfigException if a file is missing or a value is invalid
	 */
	public static TentacleConfig of(BrainAddress brain, Path cert, Path key, Path ca, Path workspace) {
		return new TentacleConfig(brain, cert, key, ca, workspace, DEFAULT_OUTPUT_LIMIT_BYTES, Duration.ofSeconds(1),
				Duration.ofSeconds(60), Duration.ofSeconds(10), FrameCodec.DEFAULT_MAX_FRAME_BYTES,
				workspace.resolve(DEFAULT_JOURNAL_FOLDER), DEFAULT_JOURNAL_RETENTION, null, null, Map.of(), null,
				NodeFolders.defaults(), null, FactSettings.defaults(), EdgeSettings.DEFAULTS);
	}

	/**
	 * A configuration with default limits and timings that finds the brain through the
	 * nameserver only.
	 * @param discovery the nameserver, service name and cache file
	 * @param cert the node certificate PEM file
	 * @param key the node private key PEM file
	 * @param ca the CA certificate PEM file
	 * @param workspace folder where commands run
	 * @return the configuration
	 * @throws TentacleConfigException if a file is missing or a value is invalid
	 */
	public static TentacleConfig of(Discovery discovery, Path cert, Path key, Path ca, Path workspace) {
		return new TentacleConfig(null, cert, key, ca, workspace, DEFAULT_OUTPUT_LIMIT_BYTES, Duration.ofSeconds(1),
				Duration.ofSeconds(60), Duration.ofSeconds(10), FrameCodec.DEFAULT_MAX_FRAME_BYTES,
				workspace.resolve(DEFAULT_JOURNAL_FOLDER), DEFAULT_JOURNAL_RETENTION, null, null, Map.of(), discovery,
				NodeFolders.defaults(), null, FactSettings.defaults(), EdgeSettings.DEFAULTS);
	}

	/**
	 * A copy with other reconnect and connect timings (tests and fleet simulators want
	 * them short).
	 * @param backoffInitial the shortest wait before redialling
	 * @param backoffMax the longest wait before redialling
	 * @param connectTimeout the connect, handshake and Welcome limit
	 * @return the copy
	 * @throws TentacleConfigException if a value is invalid
	 */
	public TentacleConfig withTimings(Duration backoffInitial, Duration backoffMax, Duration connectTimeout) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				backoffInitial, backoffMax, connectTimeout, this.maxFrameBytes, this.journal, this.journalRetention,
				this.enrollment, this.renewBefore, this.scriptEnv, this.discovery, this.folders, this.shell, this.facts,
				this.edge);
	}

	/**
	 * A copy with other extra variables for nodeapp scripts.
	 * @param scriptEnv the variables
	 * @return the copy
	 * @throws TentacleConfigException if a name is invalid
	 */
	public TentacleConfig withScriptEnv(Map<String, String> scriptEnv) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, this.renewBefore, scriptEnv, this.discovery, this.folders,
				this.shell, this.facts, this.edge);
	}

	/**
	 * A copy with other node folders and shell.
	 * @param folders the folders of the path aliases
	 * @param shell {@code bash}, {@code sh}, an absolute path, or {@code null} for bash
	 * where present
	 * @return the copy
	 * @throws TentacleConfigException if the shell is invalid
	 */
	public TentacleConfig withScripting(NodeFolders folders, @Nullable String shell) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, this.renewBefore, this.scriptEnv, this.discovery, folders,
				shell, this.facts, this.edge);
	}

	/**
	 * A copy with other labels and fact collection settings.
	 * @param facts the settings
	 * @return the copy
	 */
	public TentacleConfig withFacts(FactSettings facts) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, this.renewBefore, this.scriptEnv, this.discovery, this.folders,
				this.shell, facts, this.edge);
	}

	/**
	 * A copy with other thin-link and gateway settings.
	 * @param edge the settings
	 * @return the copy
	 */
	public TentacleConfig withEdge(EdgeSettings edge) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, this.renewBefore, this.scriptEnv, this.discovery, this.folders,
				this.shell, this.facts, edge);
	}

	/**
	 * The node's named folders, which file commands and scripts share.
	 * @return the paths
	 */
	public NodePaths nodePaths() {
		return new NodePaths(this.workspace, this.folders.root(), this.folders.log(), this.folders.fstore(),
				this.folders.pakma());
	}

	/**
	 * A copy with another renewal margin.
	 * @param renewBefore renew once the certificate expires within this time, or
	 * {@code null} for a third of its lifetime
	 * @return the copy
	 * @throws TentacleConfigException if the margin is not positive
	 */
	public TentacleConfig withRenewBefore(@Nullable Duration renewBefore) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, renewBefore, this.scriptEnv, this.discovery, this.folders,
				this.shell, this.facts, this.edge);
	}

	/**
	 * A copy that finds the brain through a nameserver.
	 * @param discovery the nameserver, service name and cache file, or {@code null} for
	 * none
	 * @return the copy
	 * @throws TentacleConfigException if neither a brain address nor a nameserver is left
	 */
	public TentacleConfig withDiscovery(@Nullable Discovery discovery) {
		return new TentacleConfig(this.brain, this.cert, this.key, this.ca, this.workspace, this.outputLimitBytes,
				this.backoffInitial, this.backoffMax, this.connectTimeout, this.maxFrameBytes, this.journal,
				this.journalRetention, this.enrollment, this.renewBefore, this.scriptEnv, discovery, this.folders,
				this.shell, this.facts, this.edge);
	}

	/**
	 * Checks that the node certificate and key files exist and are readable, as the
	 * constructor does when there is no enrollment; with enrollment, call it once
	 * enrollment had its chance to write them.
	 * @throws TentacleConfigException naming the missing file and its setting
	 */
	public void requireIdentityFiles() {
		requireFile(this.cert, "node certificate", "cert");
		requireFile(this.key, "node private key", "key");
	}

	/**
	 * Loads the configuration from a YAML file and the environment.
	 * @param yamlFile the config file, or {@code null} for none
	 * @param env the environment ({@code OCTOPLANE_BRAIN}, {@code OCTOPLANE_CERT}, ...)
	 * @return the validated configuration
	 * @throws TentacleConfigException if the file cannot be read or parsed, or a value is
	 * missing or invalid
	 */
	public static TentacleConfig load(@Nullable Path yamlFile, Map<String, String> env) {
		return load(yamlFile, env, ConfigOverrides.none());
	}

	/**
	 * Loads the configuration; flags win over the environment, which wins over the file.
	 * Relative paths in the file resolve against the file's folder, all others against
	 * the working directory.
	 * @param yamlFile the config file, or {@code null} for none
	 * @param env the environment
	 * @param flags command-line values
	 * @return the validated configuration
	 * @throws TentacleConfigException if the file cannot be read or parsed, or a value is
	 * missing or invalid
	 */
	public static TentacleConfig load(@Nullable Path yamlFile, Map<String, String> env, ConfigOverrides flags) {
		return TentacleConfigLoader.load(yamlFile, env, flags);
	}

	private static void requireFile(@Nullable Path file, String what, String setting) {
		if (file == null) {
			throw new TentacleConfigException("no " + what + " file: set '" + setting
					+ "' in the config file, OCTOPLANE_" + setting.toUpperCase(Locale.ROOT) + " or --" + setting);
		}
		if (!Files.isRegularFile(file)) {
			throw new TentacleConfigException(what + " file " + file + " (setting '" + setting + "') does not exist");
		}
		if (!Files.isReadable(file)) {
			throw new TentacleConfigException(what + " file " + file + " (setting '" + setting + "') is not readable");
		}
	}

	private static void requireSet(@Nullable Path file, String what, String setting) {
		if (file == null) {
			throw new TentacleConfigException(
					"no " + what + " file: set '" + setting + "' in the config file, OCTOPLANE_"
							+ setting.toUpperCase(Locale.ROOT) + " or --" + setting + " (enrollment writes it there)");
		}
	}

	private static void requirePositive(@Nullable Duration duration, String setting) {
		Objects.requireNonNull(duration, setting + " must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new TentacleConfigException(setting + " " + duration + " must be positive");
		}
	}

}
