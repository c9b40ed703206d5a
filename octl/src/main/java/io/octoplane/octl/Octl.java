package io.octoplane.octl;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.audit.AuditCommand;
import io.octoplane.octl.cmd.CmdCommand;
import io.octoplane.octl.completion.CompletionCommand;
import io.octoplane.octl.config.ConfigCommand;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.octl.daemon.DaemonCommand;
import io.octoplane.octl.file.FileCommand;
import io.octoplane.octl.http.HttpCommand;
import io.octoplane.octl.job.JobCommand;
import io.octoplane.octl.log.LogCommand;
import io.octoplane.octl.napp.NappCommand;
import io.octoplane.octl.node.NodeCommand;
import io.octoplane.octl.ns.NameserverCommand;
import io.octoplane.octl.output.JsonPathTemplate;
import io.octoplane.octl.output.OutputChoice;
import io.octoplane.octl.output.OutputFormat;
import io.octoplane.octl.output.Printer;
import io.octoplane.octl.release.ReleaseCommand;
import io.octoplane.octl.scen.ScenCommand;
import io.octoplane.octl.ssh.SshCommand;
import io.octoplane.octl.token.TokenCommand;
import io.octoplane.octl.tunnel.TunnelCommand;
import io.octoplane.octl.upgrade.UpgradeCommand;
import io.octoplane.octl.wg.WgCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code octl} top command: global options shared by every subcommand, the
 * environment it reads, and the entry point. It never calls {@link System#exit} except in
 * {@link #main}, so it runs in-process:
 *
 * <pre>{@code
 * int status = new CommandLine(new Octl(Map.of("OCTL_CONFIG", "/tmp/octl.yaml"), home))
 * 	.setOut(out).setErr(err).execute("node", "get");
 * }</pre>
 */
@Command(name = "octl", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = OctlVersion.class,
		description = { "Operate an Octoplane fleet: list nodes, read their status, run commands on them as jobs.", "",
				"Talks HTTPS to the brain named in the config file (--config FILE, else $OCTL_CONFIG, "
						+ "else $XDG_CONFIG_HOME/octl/octl.yaml, else ~/.config/octl/octl.yaml; --context NAME "
						+ "picks one of its contexts), logging in with an operator certificate, a workgroup "
						+ "password or an API token. Answers go to stdout as JSON (or -o yaml|table|wide|name, "
						+ "or -o jsonpath=TEMPLATE); messages go to stderr.",
				"",
				"-o name prints one name per line (node names, job ids, scenario names, token ids...). "
						+ "-o jsonpath=TEMPLATE reads a subset of kubectl's JSONPath: " + JsonPathTemplate.SUMMARY
						+ "; text outside braces prints as is, a template without braces is one expression, "
						+ "filters, slices and '..' are not supported.",
				"",
				"Octopoda's habits work too: 'octl -c FILE' before the command, 'octl help [COMMAND...]', "
						+ "'octl pakma', an Octopoda octl.yaml, and the environment switches OCTL_NOPRINT (nothing on "
						+ "stdout; errors still on stderr), OCTL_NOCOLOR (no colours in help) and OCTL_NOSPINNER "
						+ "(no progress notes)." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node get", "  octl node status pi1 pi2 -o table", "  octl cmd run 'uname -a' pi1 pi2",
				"  octl job list -o table", "  octl node get -o name", "  octl --context lab node get",
				"  octl job ls -o jsonpath='{range .jobs[*]}{.id}{\"\\t\"}{.state}{\"\\n\"}{end}'",
				"  octl wg cd /lab/pis", "  octl version", "  source <(octl completion bash)", "",
				"Exit status: 0 ok, 1 failure (also: a command failed on a node, not authenticated), "
						+ "2 invalid input, 3 unexpected state (unknown node, job or workgroup, conflict), "
						+ "4 brain unreachable, too many requests, wait timed out, or internal error." })
public final class Octl implements Runnable {

	// The subcommands by every name they answer to, in the order help lists them. They
	// are added in commandLine() rather than in @Command, so a run can build the model of
	// the one it needs: the model of all of them costs more than a warm call.
	private static final Map<String, Class<?>> SUBCOMMANDS = subcommands("node", NodeCommand.class, "cmd",
			CmdCommand.class, "job", JobCommand.class, "file", FileCommand.class, "wg", WgCommand.class, "token",
			TokenCommand.class, "audit", AuditCommand.class, "scen", ScenCommand.class, "napp", NappCommand.class,
			"nameserver", NameserverCommand.class, "ns", NameserverCommand.class, "release", ReleaseCommand.class,
			"upgrade", UpgradeCommand.class, "pakma", UpgradeCommand.class, "config", ConfigCommand.class, "version",
			VersionCommand.class, "completion", CompletionCommand.class, "ssh", SshCommand.class, "tunnel",
			TunnelCommand.class, "http", HttpCommand.class, "log", LogCommand.class, "daemon", DaemonCommand.class);

	// Global options that take a value, so the word after them is not a command.
	private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-c", "--config", "-o", "--output", "--context");

	/** Set to any value, even empty: octl prints nothing on standard output. */
	public static final String ENV_NOPRINT = "OCTL_NOPRINT";

	/** Set to any value: no colours in help on a terminal. */
	public static final String ENV_NOCOLOR = "OCTL_NOCOLOR";

	/** Set to any value: no progress notes or bars on standard error. */
	public static final String ENV_NOSPINNER = "OCTL_NOSPINNER";

	private final Map<String, String> env;

	private final Path home;

	private final boolean interactive;

	private final InputStream stdin;

	private final Path workingDirectory;

	private final Function<OctlConfig, OctoplaneClient> clients;

	private @Nullable OctlConfig config;

	private final Interrupts interrupts;

	@Spec
	private CommandSpec spec;

	@Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "Config file (default: $OCTL_CONFIG, else $XDG_CONFIG_HOME/octl/octl.yaml, "
					+ "else ~/.config/octl/octl.yaml).")
	private @Nullable Path configFile;

	@Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "Use this context of the config file for this call (default: $OCTL_CONTEXT, "
					+ "else the file's 'context').")
	private @Nullable String context;

	// Octopoda's spelling. Only before the command word: after it, -c is the command's
	// own (cmd run -c COMMAND).
	@Option(names = "-c", paramLabel = "FILE", scope = ScopeType.LOCAL,
			description = "Config file, as --config; only before the command (Octopoda's 'octl -c FILE').")
	private void configShort(Path file) {
		this.configFile = file;
	}

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "json",
			converter = OutputChoice.Converter.class, completionCandidates = OutputFormat.Candidates.class,
			description = "Output format: json, yaml, table, wide, name (one per line) or jsonpath=TEMPLATE "
					+ "(default: ${DEFAULT-VALUE}).")
	private OutputChoice output = OutputChoice.of(OutputFormat.JSON);

	// Octopoda's spellings (Go's flag package takes one dash for long names). Plain
	// options: picocli allows one usage-help and one version-help option per command.
	@Option(names = "-version", hidden = true, scope = ScopeType.LOCAL,
			description = "Print version information, as --version.")
	private boolean octopodaVersion;

	@Option(names = "-usage", hidden = true, scope = ScopeType.LOCAL, description = "Print this help, as --help.")
	private boolean octopodaUsage;

	@Option(names = { "-x", "--stacktrace" }, scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
	private boolean stacktrace;

	/**
	 * Creates octl reading the process environment and the user's home folder.
	 */
	public Octl() {
		this(System.getenv(), Path.of(System.getProperty("user.home")), TerminalCheck.isTerminal(2), System.in,
				Path.of("").toAbsolutePath(), OctlConfig::client, true);
	}

	/**
	 * Creates octl with an injected environment, for running in-process.
	 * @param env the environment variables ({@code OCTL_CONFIG}, {@code OCTL_BRAIN})
	 * @param home the home folder the default config location is under
	 */
	public Octl(Map<String, String> env, Path home) {
		this(env, home, false);
	}

	/**
	 * Creates octl with an injected environment, for running in-process.
	 * @param env the environment variables ({@code OCTL_CONFIG}, {@code OCTL_BRAIN})
	 * @param home the home folder the default config location is under
	 * @param interactive whether standard error is a terminal a person watches, which
	 * enables progress notes there
	 */
	public Octl(Map<String, String> env, Path home, boolean interactive) {
		this(env, home, interactive, System.in);
	}

	/**
	 * Creates octl with an injected environment and standard input, for running
	 * in-process.
	 * @param env the environment variables ({@code OCTL_CONFIG}, {@code OCTL_BRAIN},
	 * {@code OCTL_PASSWORD}, {@code OCTL_TOKEN})
	 * @param home the home folder the default config location is under
	 * @param interactive whether standard error is a terminal a person watches, which
	 * enables progress notes there
	 * @param stdin standard input, for {@code --password-stdin}
	 */
	public Octl(Map<String, String> env, Path home, boolean interactive, InputStream stdin) {
		this(env, home, interactive, stdin, Path.of("").toAbsolutePath(), OctlConfig::client);
	}

	/**
	 * Creates octl for a caller other than this process, as the octl daemon runs it: the
	 * caller's working directory resolves relative paths, and clients may be kept warm
	 * between runs.
	 * @param env the caller's environment variables
	 * @param home the home folder the default config location is under
	 * @param interactive whether the caller's standard error is a terminal
	 * @param stdin standard input
	 * @param workingDirectory the caller's working directory, absolute
	 * @param clients makes (or reuses) the client for a configuration
	 */
	public Octl(Map<String, String> env, Path home, boolean interactive, InputStream stdin, Path workingDirectory,
			Function<OctlConfig, OctoplaneClient> clients) {
		this(env, home, interactive, stdin, workingDirectory, clients, false);
	}

	private Octl(Map<String, String> env, Path home, boolean interactive, InputStream stdin, Path workingDirectory,
			Function<OctlConfig, OctoplaneClient> clients, boolean processSignals) {
		this.interrupts = new Interrupts(processSignals);
		this.env = Map.copyOf(Objects.requireNonNull(env, "env must not be null"));
		this.home = Objects.requireNonNull(home, "home must not be null");
		this.interactive = interactive;
		this.stdin = Objects.requireNonNull(stdin, "stdin must not be null");
		this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory must not be null");
		this.clients = Objects.requireNonNull(clients, "clients must not be null");
	}

	/**
	 * Runs octl and exits with its status.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		System.exit(new Octl().commandLine(args).execute(args));
	}

	/**
	 * A picocli command line for this octl with every subcommand and its error handling
	 * installed.
	 * @return a new command line
	 */
	public CommandLine commandLine() {
		CommandLine whole = build(new LinkedHashSet<>(SUBCOMMANDS.values()));
		whole.addSubcommand("help", new HelpCommand());
		return whole;
	}

	/**
	 * A picocli command line fit to run the given arguments: when they name a subcommand,
	 * only that one is built, which is most of the cost of a short octl run; otherwise
	 * (help, a typo, no command) all of them, so help and suggestions are complete.
	 * @param args the arguments about to be executed
	 * @return a new command line
	 */
	public CommandLine commandLine(String... args) {
		String word = commandWord(args);
		Class<?> named = (word != null) ? SUBCOMMANDS.get(word) : null;
		// A completion script describes the whole tree.
		boolean whole = named == null || named == CompletionCommand.class;
		return whole ? commandLine() : build(Set.of(named));
	}

	/**
	 * Whether the arguments name a subcommand, or need the whole command tree (help,
	 * version, a typo, no command at all) and nothing of this octl's environment.
	 * @param args the arguments
	 * @return {@code true} when a subcommand is named
	 */
	public static boolean namesSubcommand(String... args) {
		String word = commandWord(args);
		return word != null && SUBCOMMANDS.containsKey(word);
	}

	private CommandLine build(Set<Class<?>> subcommands) {
		CommandLine commandLine = new CommandLine(this);
		for (Class<?> subcommand : subcommands) {
			commandLine.addSubcommand(subcommand);
		}
		commandLine.setExecutionExceptionHandler((ex, line, result) -> errorReporter().report(ex, line.getErr()));
		commandLine.setExitCodeExceptionMapper(ErrorReporter::statusOf);
		if (this.env.containsKey(ENV_NOCOLOR)) {
			// Help is the only thing octl colours, on a terminal.
			commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
		}
		if (this.env.containsKey(ENV_NOPRINT)) {
			commandLine.setExecutionStrategy(new Silenced(commandLine));
		}
		return commandLine;
	}

	private static @Nullable String commandWord(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				return null;
			}
			if (!arg.startsWith("-")) {
				return arg;
			}
			if (OPTIONS_WITH_VALUE.contains(arg)) {
				i++;
			}
		}
		return null;
	}

	private static Map<String, Class<?>> subcommands(Object... namesAndClasses) {
		Map<String, Class<?>> byName = new LinkedHashMap<>();
		for (int i = 0; i < namesAndClasses.length; i += 2) {
			byName.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
		}
		return Collections.unmodifiableMap(byName);
	}

	@Override
	public void run() {
		CommandLine commandLine = this.spec.commandLine();
		if (this.octopodaVersion) {
			commandLine.printVersionHelp(commandLine.getOut());
			return;
		}
		if (this.octopodaUsage) {
			commandLine.usage(commandLine.getOut());
			return;
		}
		throw new ParameterException(commandLine, "missing command: try 'octl node get' or 'octl --help'");
	}

	/**
	 * Loads the config file named by {@code --config}, {@code $OCTL_CONFIG} or the
	 * default location, once per run; warnings about it go to standard error.
	 * @return the validated configuration
	 * @throws io.octoplane.octl.config.OctlConfigException if it is missing or invalid
	 */
	public OctlConfig config() {
		if (this.config == null) {
			PrintWriter err = this.spec.commandLine().getErr();
			this.config = OctlConfig.load(this.configFile, configEnvironment(), this.home, this.workingDirectory,
					(warning) -> err.println("octl: warning: " + warning));
			err.flush();
		}
		return this.config;
	}

	/**
	 * The config file context this run uses when the file has several: {@code --context},
	 * else {@code $OCTL_CONTEXT}.
	 * @return the context's name, or {@code null} to take the file's own choice
	 */
	public @Nullable String context() {
		if (this.context != null && !this.context.isBlank()) {
			return this.context.strip();
		}
		return env(OctlConfig.ENV_CONTEXT);
	}

	private Map<String, String> configEnvironment() {
		if (this.context == null || this.context.isBlank()) {
			return this.env;
		}
		Map<String, String> env = new HashMap<>(this.env);
		env.put(OctlConfig.ENV_CONTEXT, this.context.strip());
		return env;
	}

	/**
	 * An environment variable of this run.
	 * @param name the variable
	 * @return its value, or {@code null} when unset or blank
	 */
	public @Nullable String env(String name) {
		String value = this.env.get(name);
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * Builds a client for the configured brain.
	 * @return the client
	 * @throws io.octoplane.octl.config.OctlConfigException if the config is missing or
	 * invalid
	 */
	public OctoplaneClient client() {
		return this.clients.apply(config());
	}

	/**
	 * Resolves a path the caller typed against the caller's working directory, which is
	 * not this process's when the octl daemon runs the command.
	 * @param path a path from the command line, relative or absolute
	 * @return the absolute path
	 */
	public Path resolve(Path path) {
		return this.workingDirectory.resolve(path);
	}

	/**
	 * Resolves a path the caller typed, given as text, against the caller's working
	 * directory.
	 * @param path a path from the command line, relative or absolute
	 * @return the absolute path
	 */
	public Path resolve(String path) {
		return resolve(Path.of(path));
	}

	/**
	 * A printer for the chosen {@code -o} format writing to this command line's stdout.
	 * @param command the running command's spec
	 * @return the printer
	 */
	public Printer printer(CommandSpec command) {
		return new Printer(this.output, command.commandLine().getOut());
	}

	/**
	 * The terminal to prompt a person on, for confirmations and passwords typed without
	 * echo.
	 * @return the console, or {@code null} when input or output is not a terminal (a
	 * script, a pipe, a test)
	 */
	public @Nullable Console terminal() {
		if (this.stdin != System.in) {
			return null;
		}
		Console console = System.console();
		if (console == null) {
			return null;
		}
		try {
			// Since Java 22 there is a console even when redirected; isTerminal() tells.
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
		}
		catch (NoSuchMethodException ex) {
			// Before Java 22 a console exists only on a terminal.
			return console;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Where the config file is ({@code --config}, {@code $OCTL_CONFIG} or the default),
	 * whether or not it exists yet.
	 * @return the absolute path
	 */
	public Path configPath() {
		return OctlConfig.locate(this.configFile, configEnvironment(), this.home, this.workingDirectory);
	}

	/**
	 * One of the environment variables octl was started with.
	 * @param name the variable
	 * @return its value, or {@code null} if unset
	 */
	public @Nullable String environment(String name) {
		return this.env.get(name);
	}

	/** Standard input, for commands that read a secret from it. */
	public InputStream stdin() {
		return this.stdin;
	}

	/** The chosen {@code -o} format. */
	public OutputFormat outputFormat() {
		return this.output.format();
	}

	/**
	 * Tells a person reading a table how to ask for the next page; JSON, YAML and the
	 * other formats carry {@code next_cursor} themselves or are read by scripts.
	 * @param command the running command's spec
	 * @param nextCursor the answer's {@code next_cursor}, or {@code null} on the last
	 * page
	 */
	public void noteNextPage(CommandSpec command, @Nullable String nextCursor) {
		OutputFormat format = outputFormat();
		if (nextCursor != null && (format == OutputFormat.TABLE || format == OutputFormat.WIDE)) {
			PrintWriter err = command.commandLine().getErr();
			err.println("octl: more: run again with --cursor " + nextCursor);
			err.flush();
		}
	}

	/**
	 * Whether standard error is a terminal, so progress notes help a person instead of
	 * cluttering a log.
	 */
	public boolean interactive() {
		return this.interactive && !this.env.containsKey(ENV_NOSPINNER);
	}

	/**
	 * Ctrl-C of this run: commands that can act on it register here. Interrupts are
	 * delivered by the process's signal handler, or by the octl daemon for its caller.
	 * @return the interrupts of this run
	 */
	public Interrupts interrupts() {
		return this.interrupts;
	}

	ErrorReporter errorReporter() {
		return new ErrorReporter(this.stacktrace);
	}

	/**
	 * Finds the {@link Octl} a command runs under.
	 * @param command a command's spec
	 * @return the enclosing octl
	 * @throws IllegalStateException if the command is not part of an octl command tree
	 */
	static Octl of(CommandSpec command) {
		for (CommandSpec current = command; current != null; current = current.parent()) {
			if (current.userObject() instanceof Octl octl) {
				return octl;
			}
		}
		throw new IllegalStateException("command '" + command.qualifiedName() + "' does not run under octl");
	}

}
