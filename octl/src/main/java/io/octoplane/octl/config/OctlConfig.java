package io.octoplane.octl.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.octoplane.client.ClientAuthentication;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.DefaultPorts;
import io.octoplane.protocol.duration.DurationText;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

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

	// Shared: building a mapper costs more than reading the file with it.
	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String EXAMPLE = "  brain: " + DEFAULT_BRAIN + "\n  ca: ca.crt\n  cert: alice.crt\n"
			+ "  key: alice.key\n  timeout: 60s\n(or, instead of cert and key, 'user: /lab' with 'passwordFile: FILE' "
			+ "or $" + ENV_PASSWORD + ", or 'tokenFile: FILE' or $" + ENV_TOKEN + "; relative paths resolve against "
			+ "the config file's folder)";

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
		Path file = locate(explicit, env, home, workingDirectory);
		String origin;
		if (explicit != null) {
			origin = "given by --config";
		}
		else if (env.get(ENV_CONFIG) != null && !env.get(ENV_CONFIG).isBlank()) {
			origin = "given by $" + ENV_CONFIG;
		}
		else {
			origin = "the default location; use --config FILE or $" + ENV_CONFIG + " for another";
		}
		if (!Files.isRegularFile(file)) {
			throw new OctlConfigException(
					"no octl config file at " + file + " (" + origin + "). Create it, for example:\n" + EXAMPLE);
		}
		ConfigFile raw = read(file, env);
		OctlConfig config = fromFile(file, raw, env, home);
		if (raw.password() != null || raw.token() != null) {
			warnIfOthersCanRead(file, (raw.password() != null) ? "password" : "token", warnings);
		}
		return config;
	}

	/**
	 * The config file location used when neither {@code --config} nor
	 * {@code $OCTL_CONFIG} is given.
	 * @param home the user's home folder
	 * @return {@code ~/.config/octl/octl.yaml}
	 */
	public static Path defaultLocation(Path home) {
		return home.resolve(".config").resolve("octl").resolve("octl.yaml");
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

	private static ConfigFile read(Path file, Map<String, String> env) {
		JsonNode root = tree(file);
		if (root == null) {
			return ConfigFile.empty();
		}
		ObjectNode settings = ConfigContexts.select((ObjectNode) root, env.get(ENV_CONTEXT), file);
		try {
			return YAML.treeToValue(settings, ConfigFile.class);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new OctlConfigException(
					"octl config " + file + " has an unknown key '" + ex.getPropertyName() + "'; known keys: "
							+ ConfigFile.KEYS + ", " + ConfigContexts.CONTEXT + ", " + ConfigContexts.CONTEXTS,
					ex);
		}
		catch (JacksonException ex) {
			throw new OctlConfigException("octl config " + file + ": " + ex.getOriginalMessage()
					+ "; expected a mapping of " + ConfigFile.KEYS, ex);
		}
	}

	/**
	 * The config file as a YAML tree.
	 * @param file the file
	 * @return its top-level mapping, or {@code null} when the file is empty
	 * @throws OctlConfigException if it cannot be read or is not a YAML mapping
	 */
	static @Nullable JsonNode tree(Path file) {
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (IOException ex) {
			throw new OctlConfigException("cannot read octl config " + file + ": " + ex, ex);
		}
		if (yaml.isBlank()) {
			return null;
		}
		try {
			JsonNode root = YAML.readTree(yaml);
			if (root == null || root.isMissingNode() || root.isNull()) {
				return null;
			}
			if (!root.isObject()) {
				throw new OctlConfigException(
						"octl config " + file + " is not a mapping; expected a mapping of " + ConfigFile.KEYS);
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new OctlConfigException("octl config " + file + " is not valid YAML" + at(ex.getLocation()) + ": "
					+ ex.getOriginalMessage() + "; expected a mapping of " + ConfigFile.KEYS, ex);
		}
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
		Path file;
		if (explicit != null) {
			file = explicit;
		}
		else if (env.get(ENV_CONFIG) != null && !env.get(ENV_CONFIG).isBlank()) {
			file = Path.of(env.get(ENV_CONFIG));
		}
		else {
			file = defaultLocation(home);
		}
		return workingDirectory.resolve(file).normalize();
	}

	private static String at(@Nullable TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0) ? " at line " + location.getLineNr() : "";
	}

	private static OctlConfig fromFile(Path file, ConfigFile raw, Map<String, String> env, Path home) {
		Path folder = file.getParent();
		String brainText = present(env.get(ENV_BRAIN)) ? env.get(ENV_BRAIN) : raw.brain();
		URI brain = (brainText != null) ? uri(brainText, file) : DEFAULT_BRAIN;
		Duration timeout;
		try {
			timeout = (raw.timeout() != null) ? DurationText.parsePositive(raw.timeout()) : DEFAULT_TIMEOUT;
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("octl config " + file + ": timeout: " + ex.getMessage(), ex);
		}
		OctlCredentials credentials = credentials(file, raw, env, folder, home);
		String workgroup = present(raw.workgroup()) ? raw.workgroup() : null;
		return new OctlConfig(brain, credentials, path(raw.ca(), "ca", "CA certificate", file, folder, home), timeout,
				workgroup, file, present(raw.scenarioRemote()) ? raw.scenarioRemote().strip() : null);
	}

	private static OctlCredentials credentials(Path file, ConfigFile raw, Map<String, String> env, Path folder,
			Path home) {
		List<String> methods = new ArrayList<>();
		boolean certificate = present(raw.cert()) || present(raw.key());
		boolean password = present(raw.user()) || present(raw.password()) || present(raw.passwordFile())
				|| present(env.get(ENV_PASSWORD));
		boolean token = present(raw.token()) || present(raw.tokenFile()) || present(env.get(ENV_TOKEN));
		if (certificate) {
			methods.add("an operator certificate (cert, key)");
		}
		if (password) {
			methods.add("a workgroup password (user with password, passwordFile or $" + ENV_PASSWORD + ")");
		}
		if (token) {
			methods.add("an API token (token, tokenFile or $" + ENV_TOKEN + ")");
		}
		if (methods.isEmpty()) {
			throw new OctlConfigException("octl config " + file + " sets no way to log in; set exactly one of: cert "
					+ "and key (an operator certificate), user with passwordFile or $" + ENV_PASSWORD
					+ " (a workgroup password), or tokenFile or $" + ENV_TOKEN + " (an API token)");
		}
		if (methods.size() > 1) {
			throw new OctlConfigException("octl config " + file + " (with the environment) sets more than one way to "
					+ "log in: " + String.join(" and ", methods) + "; keep exactly one");
		}
		if (certificate) {
			return new OctlCredentials.Certificate(path(raw.cert(), "cert", "operator certificate", file, folder, home),
					path(raw.key(), "key", "operator private key", file, folder, home));
		}
		if (password) {
			if (!present(raw.user())) {
				throw new OctlConfigException("octl config " + file + " has a password (password, passwordFile or $"
						+ ENV_PASSWORD + ") but no 'user': set user to the workgroup path, like /lab/pis");
			}
			String user;
			try {
				user = WorkgroupPaths.normalize(raw.user().strip());
			}
			catch (IllegalArgumentException ex) {
				throw new OctlConfigException("octl config " + file + ": user: " + ex.getMessage(), ex);
			}
			String secret = secret(file, "password", raw.password(), raw.passwordFile(), env.get(ENV_PASSWORD), folder,
					home, false);
			if (secret == null) {
				throw new OctlConfigException("octl config " + file + " sets user " + user + " but no password: set "
						+ "passwordFile (a file holding only the password) or $" + ENV_PASSWORD);
			}
			return new OctlCredentials.Password(user, secret);
		}
		String secret = secret(file, "token", raw.token(), raw.tokenFile(), env.get(ENV_TOKEN), folder, home, true);
		try {
			// Checks the token can travel in a header; the message never holds it.
			ClientAuthentication.bearer(Objects.requireNonNull(secret));
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("octl config " + file + ": the API token is invalid: " + ex.getMessage(), ex);
		}
		return new OctlCredentials.Token(secret.strip());
	}

	/**
	 * A secret from the environment, else a file, else the config itself. Setting both
	 * the file and the inline value is refused, as it is unclear which one is meant.
	 */
	private static @Nullable String secret(Path file, String name, @Nullable String inline, @Nullable String fileName,
			@Nullable String fromEnv, Path folder, Path home, boolean strip) {
		if (present(inline) && present(fileName)) {
			throw new OctlConfigException(
					"octl config " + file + " sets both '" + name + "' and '" + name + "File'; keep one");
		}
		if (present(fromEnv)) {
			return strip ? fromEnv.strip() : fromEnv;
		}
		if (present(fileName)) {
			Path secretFile = path(fileName, name + "File", name + " file", file, folder, home);
			String text;
			try {
				text = Files.readString(secretFile, StandardCharsets.UTF_8);
			}
			catch (IOException | UncheckedIOException ex) {
				// The exception names the file only, never its content.
				throw new OctlConfigException("cannot read " + name + "File " + secretFile + " (set in " + file + "): "
						+ ex.getClass().getSimpleName(), ex);
			}
			// One line; editors add a final newline, which is not part of the secret.
			String value = text.replaceFirst("\\R\\z", "");
			if (value.isEmpty()) {
				throw new OctlConfigException(name + "File " + secretFile + " (set in " + file + ") is empty");
			}
			return strip ? value.strip() : value;
		}
		return present(inline) ? (strip ? inline.strip() : inline) : null;
	}

	private static void warnIfOthersCanRead(Path file, String secret, Consumer<String> warnings) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = Files.getPosixFilePermissions(file);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return;
		}
		Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
		if (permissions.stream().anyMatch(others::contains)) {
			warnings.accept("octl config " + file + " holds a " + secret + " but others may read it; run 'chmod 600 "
					+ file + "', or move the " + secret + " to " + secret + "File or $"
					+ ("password".equals(secret) ? ENV_PASSWORD : ENV_TOKEN));
		}
	}

	private static String workgroupPath(String text, String name, String where) {
		try {
			return WorkgroupPaths.normalize(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException(name + where + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static URI uri(String text, Path file) {
		try {
			// Operators type "https://host:port/" as often as without the slash; the API
			// paths are absolute, so the base path never matters.
			return new URI(text.strip());
		}
		catch (URISyntaxException ex) {
			throw new OctlConfigException("brain URL '" + text + "' (from " + file + " or $" + ENV_BRAIN
					+ ") is not a valid URL: " + ex.getMessage(), ex);
		}
	}

	private static Path path(@Nullable String text, String name, String meaning, Path file, Path folder, Path home) {
		if (text == null || text.isBlank()) {
			throw new OctlConfigException("octl config " + file + " does not set '" + name + "' (the " + meaning + ")");
		}
		String trimmed = text.strip();
		if (trimmed.startsWith("~/")) {
			return home.resolve(trimmed.substring(2)).normalize();
		}
		return folder.resolve(trimmed).normalize();
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
