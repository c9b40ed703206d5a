package io.octoplane.octl.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.DefaultPorts;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import org.jspecify.annotations.Nullable;

/**
 * The validated octl configuration: which brain to call, how to log in and which
 * workgroup to act in. Loaded from YAML found at {@code --config FILE}, else
 * {@code $OCTL_CONFIG}, else {@code ~/.config/octl/octl.yaml}; {@code $OCTL_BRAIN}
 * overrides the brain URL.
 *
 * <pre>
 * brain: https://127.0.0.1:12345
 * ca: ca.crt          # always: the CA that issued the brain's certificate
 * # exactly one way to log in:
 * cert: alice.crt     # an operator certificate and key (acts as the root workgroup /)
 * key: alice.key
 * # user: /lab/pis    # or a workgroup and its password: passwordFile, $OCTL_PASSWORD
 * # passwordFile: lab.password   (or password: ..., then keep this file chmod 600)
 * # tokenFile: ci.token          # or an API token: tokenFile, $OCTL_TOKEN or token
 * workgroup: /lab     # optional: act in this workgroup (yours or one below it)
 * timeout: 60s        # default command timeout
 * scenarioRemote: https://git.example.com/scenarios   # optional: octl scen repo
 * </pre>
 *
 * Relative paths resolve against the config file's folder. {@code toString()} never shows
 * a secret.
 *
 * @param brain the brain's base URL, {@code https} only
 * @param credentials how octl logs in
 * @param ca the CA certificate the brain's certificate must chain to, PEM
 * @param timeout the default run time limit of {@code octl cmd run}, positive
 * @param workgroup the workgroup calls act in, or {@code null} for the credentials' own
 * @param source the file this was read from, or {@code null} when built in code
 * @param scenarioRemote where {@code octl scen repo} clones from and pushes to: a git URL
 * or folder under which scenario {@code NAME} is the repository {@code NAME.git}, or
 * {@code null} if not set
 */
public record OctlConfig(URI brain, OctlCredentials credentials, Path ca, Duration timeout, @Nullable String workgroup,
		@Nullable Path source, @Nullable String scenarioRemote) {

	/** The brain URL used when the file sets none. */
	public static final URI DEFAULT_BRAIN = URI.create("https://127.0.0.1:" + DefaultPorts.BRAIN_API);

	/** The command timeout used when the file sets none. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** Environment variable naming the config file. */
	public static final String ENV_CONFIG = "OCTL_CONFIG";

	/** Environment variable overriding the brain URL. */
	public static final String ENV_BRAIN = "OCTL_BRAIN";

	/** Environment variable holding the password of the configured {@code user}. */
	public static final String ENV_PASSWORD = "OCTL_PASSWORD";

	/** Environment variable holding an API token. */
	public static final String ENV_TOKEN = "OCTL_TOKEN";

	/** Environment variable choosing the config file's context for one run. */
	public static final String ENV_CONTEXT = "OCTL_CONTEXT";

	/** The XDG base directory of configuration files; octl's lives in its octl folder. */
	public static final String ENV_XDG_CONFIG_HOME = "XDG_CONFIG_HOME";

	public OctlConfig {
		Objects.requireNonNull(brain, "brain must not be null");
		Objects.requireNonNull(credentials, "credentials must not be null");
		Objects.requireNonNull(ca, "ca must not be null");
		Objects.requireNonNull(timeout, "timeout must not be null");
		String where = (source != null) ? " in " + source : "";
		if (!"https".equalsIgnoreCase(brain.getScheme()) || brain.getHost() == null) {
			throw new OctlConfigException(
					"brain URL '" + brain + "'" + where + " must be an https URL with a host, like " + DEFAULT_BRAIN);
		}
		if (timeout.isZero() || timeout.isNegative()) {
			throw new OctlConfigException("timeout" + where + " must be positive");
		}
		if (workgroup != null) {
			workgroup = workgroupPath(workgroup, "workgroup", where);
		}
		if (credentials instanceof OctlCredentials.Certificate certificate) {
			requireReadable(certificate.cert(), "cert", "operator certificate", where);
			requireReadable(certificate.key(), "key", "operator private key", where);
		}
		requireReadable(ca, "ca", "CA certificate", where);
	}

	/**
	 * Finds and loads the config file.
	 * @param explicit the {@code --config} option, or {@code null} when not given
	 * @param env the environment ({@code OCTL_CONFIG}, {@code OCTL_BRAIN},
	 * {@code OCTL_PASSWORD}, {@code OCTL_TOKEN})
	 * @param home the user's home folder
	 * @return the validated configuration
	 * @throws OctlConfigException if the file is missing, unreadable, not valid YAML, or
	 * names missing files
	 */
	public static OctlConfig load(@Nullable Path explicit, Map<String, String> env, Path home) {
		return load(explicit, env, home, (warning) -> {
		});
	}

	/**
	 * Finds and loads the config file, reporting risky but valid settings.
	 * @param explicit the {@code --config} option, or {@code null} when not given
	 * @param env the environment ({@code OCTL_CONFIG}, {@code OCTL_BRAIN},
	 * {@code OCTL_PASSWORD}, {@code OCTL_TOKEN})
	 * @param home the user's home folder
	 * @param warnings receives one line per warning, such as a password in a file others
	 * may read
	 * @return the validated configuration
	 * @throws OctlConfigException if the file is missing, unreadable, not valid YAML,
	 * names missing files, or sets no or several ways to log in
	 */
	public static OctlConfig load(@Nullable Path explicit, Map<String, String> env, Path home,
			Consumer<String> warnings) {
		return load(explicit, env, home, Path.of("").toAbsolutePath(), warnings);
	}

	/**
	 * Finds and loads the config file for a caller in another working directory, as the
	 * octl daemon does: a relative {@code --config} or {@code $OCTL_CONFIG} is resolved
	 * against it.
	 * @param explicit the {@code --config} option, or {@code null} when not given
	 * @param env the environment
	 * @param home the user's home folder
	 * @param workingDirectory the caller's working directory
	 * @param warnings receives one line per warning
	 * @return the validated configuration
	 * @throws OctlConfigException if the file is missing, unreadable, not valid YAML,
	 * names missing files, or sets no or several ways to log in
	 */
	public static OctlConfig load(@Nullable Path explicit, Map<String, String> env, Path home, Path workingDirectory,
			Consumer<String> warnings) {
		return OctlConfigLoader.load(explicit, env, home, workingDirectory, warnings);
	}

	/**
	 * The config file location used when neither {@code --config} nor
	 * {@code $OCTL_CONFIG} is given.
	 * @param home the user's home folder
	 * @return {@code ~/.config/octl/octl.yaml}
	 */
	public static Path defaultLocation(Path home) {
		return defaultLocation(Map.of(), home);
	}

	/**
	 * The default config file location: {@code $XDG_CONFIG_HOME/octl/octl.yaml} when
	 * {@code $XDG_CONFIG_HOME} is an absolute path, unless only
	 * {@code ~/.config/octl/octl.yaml} exists, which is then read as before.
	 * @param env the environment, for {@code $XDG_CONFIG_HOME}
	 * @param home the user's home folder
	 * @return the path, which may not exist
	 */
	public static Path defaultLocation(Map<String, String> env, Path home) {
		Path legacy = home.resolve(".config").resolve("octl").resolve("octl.yaml");
		String xdg = env.get(ENV_XDG_CONFIG_HOME);
		// The XDG spec says a relative value is invalid and must be ignored.
		if (xdg == null || xdg.isBlank() || !Path.of(xdg.strip()).isAbsolute()) {
			return legacy;
		}
		Path own = Path.of(xdg.strip()).resolve("octl").resolve("octl.yaml");
		return (!Files.exists(own) && Files.exists(legacy)) ? legacy : own;
	}

	/**
	 * The workgroup calls act in when octl can tell without asking the brain: the
	 * configured {@code workgroup}, else {@code /} for a certificate or the {@code user}
	 * for a password.
	 * @return the acting workgroup, or empty for a token without a configured workgroup
	 */
	public Optional<String> actingWorkgroup() {
		return (this.workgroup != null) ? Optional.of(this.workgroup) : this.credentials.home();
	}

	/**
	 * This configuration acting in another workgroup.
	 * @param workgroup the absolute workgroup path, or {@code null} for the credentials'
	 * own
	 * @return the changed configuration
	 */
	public OctlConfig withWorkgroup(@Nullable String workgroup) {
		return new OctlConfig(this.brain, this.credentials, this.ca, this.timeout, workgroup, this.source,
				this.scenarioRemote);
	}

	/**
	 * Builds the TLS context: the trusted CA, and the operator's certificate when that is
	 * how octl logs in.
	 * @return the TLS context
	 * @throws OctlConfigException if the PEM files cannot be read or do not match
	 */
	public SSLContext sslContext() {
		try {
			if (this.credentials instanceof OctlCredentials.Certificate certificate) {
				return PemTls.clientContext(certificate.cert(), certificate.key(), this.ca);
			}
			return PemTls.trustOnly(this.ca);
		}
		catch (Exception ex) {
			String material = (this.credentials instanceof OctlCredentials.Certificate certificate)
					? "operator TLS material (cert " + certificate.cert() + ", key " + certificate.key() + ", ca "
							+ this.ca + ")"
					: "CA certificate " + this.ca;
			throw new OctlConfigException("cannot load the " + material + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Builds a client for the configured brain.
	 * @return the client
	 * @throws OctlConfigException if the TLS material cannot be loaded
	 */
	public OctoplaneClient client() {
		return OctoplaneClient.builder()
			.baseUri(this.brain)
			.sslContext(sslContext())
			.authentication(this.credentials.authentication())
			.workgroup(this.workgroup)
			.build();
	}

	@Override
	public String toString() {
		// Spelled out so a secret added to a credential type later cannot leak here.
		return "OctlConfig[brain=" + this.brain + ", credentials=" + this.credentials + ", ca=" + this.ca + ", timeout="
				+ this.timeout + ", workgroup=" + this.workgroup + ", source=" + this.source + "]";
	}

	/**
	 * Where the config file is: {@code --config}, else {@code $OCTL_CONFIG}, else the
	 * default location.
	 * @param explicit the {@code --config} value, or {@code null}
	 * @param env the environment
	 * @param home the home folder
	 * @return the absolute path, which may not exist
	 */
	public static Path locate(@Nullable Path explicit, Map<String, String> env, Path home) {
		return locate(explicit, env, home, Path.of("").toAbsolutePath());
	}

	/**
	 * Where the config file is for a caller in another working directory.
	 * @param explicit the {@code --config} value, or {@code null}
	 * @param env the environment
	 * @param home the home folder
	 * @param workingDirectory the caller's working directory, which a relative path is
	 * resolved against
	 * @return the absolute path, which may not exist
	 */
	public static Path locate(@Nullable Path explicit, Map<String, String> env, Path home, Path workingDirectory) {
		return OctlConfigLoader.locate(explicit, env, home, workingDirectory);
	}

	private static String workgroupPath(String text, String name, String where) {
		try {
			return WorkgroupPaths.normalize(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException(name + where + ": " + ex.getMessage(), ex);
		}
	}

	private static void requireReadable(Path path, String name, String meaning, String where) {
		if (!Files.isRegularFile(path)) {
			throw new OctlConfigException(name + " file " + path + " (the " + meaning + ", set as '" + name + "'"
					+ where + ") does not exist");
		}
		if (!Files.isReadable(path)) {
			throw new OctlConfigException(name + " file " + path + " (the " + meaning + ", set as '" + name + "'"
					+ where + ") is not readable");
		}
	}

}
