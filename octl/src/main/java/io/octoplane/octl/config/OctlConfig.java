package io.octoplane.octl.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.tls.PemTls;
import io.octoplane.octl.sdk.OctoplaneClient;
import io.octoplane.protocol.DefaultPorts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The validated octl configuration: which brain to call and the operator's mutual-TLS
 * material. Loaded from YAML found at {@code --config FILE}, else {@code $OCTL_CONFIG},
 * else {@code ~/.config/octl/octl.yaml}; {@code $OCTL_BRAIN} overrides the brain URL.
 *
 * <pre>
 * brain: https://127.0.0.1:12345
 * cert: alice.crt     # relative paths resolve against this file's folder
 * key: alice.key
 * ca: ca.crt
 * timeout: 60s        # default command timeout
 * </pre>
 *
 * @param brain the brain's base URL, {@code https} only
 * @param cert the operator certificate, PEM
 * @param key the operator's private key, PEM
 * @param ca the CA certificate the brain's certificate must chain to, PEM
 * @param timeout the default run time limit of {@code octl cmd run}, positive
 * @param source the file this was read from, or {@code null} when built in code
 */
public record OctlConfig(URI brain, Path cert, Path key, Path ca, Duration timeout, @Nullable Path source) {

	/** The brain URL used when the file sets none. */
	public static final URI DEFAULT_BRAIN = URI.create("https://127.0.0.1:" + DefaultPorts.BRAIN_API);

	/** The command timeout used when the file sets none. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** Environment variable naming the config file. */
	public static final String ENV_CONFIG = "OCTL_CONFIG";

	/** Environment variable overriding the brain URL. */
	public static final String ENV_BRAIN = "OCTL_BRAIN";

	public OctlConfig {
		Objects.requireNonNull(brain, "brain must not be null");
		Objects.requireNonNull(cert, "cert must not be null");
		Objects.requireNonNull(key, "key must not be null");
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
		requireReadable(cert, "cert", "operator certificate", where);
		requireReadable(key, "key", "operator private key", where);
		requireReadable(ca, "ca", "CA certificate", where);
	}

	/**
	 * Finds and loads the config file.
	 * @param explicit the {@code --config} option, or {@code null} when not given
	 * @param env the environment ({@code OCTL_CONFIG}, {@code OCTL_BRAIN})
	 * @param home the user's home folder
	 * @return the validated configuration
	 * @throws OctlConfigException if the file is missing, unreadable, not valid YAML, or
	 * names missing files
	 */
	public static OctlConfig load(@Nullable Path explicit, Map<String, String> env, Path home) {
		Path file;
		String origin;
		if (explicit != null) {
			file = explicit;
			origin = "given by --config";
		}
		else if (env.get(ENV_CONFIG) != null && !env.get(ENV_CONFIG).isBlank()) {
			file = Path.of(env.get(ENV_CONFIG));
			origin = "given by $" + ENV_CONFIG;
		}
		else {
			file = defaultLocation(home);
			origin = "the default location; use --config FILE or $" + ENV_CONFIG + " for another";
		}
		file = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			throw new OctlConfigException(
					"no octl config file at " + file + " (" + origin + "). Create it, for example:\n  brain: "
							+ DEFAULT_BRAIN + "\n  cert: alice.crt\n  key: alice.key\n  ca: ca.crt\n"
							+ "  timeout: 60s\n(relative paths resolve against the config file's folder)");
		}
		return fromFile(file, read(file), env, home);
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
	 * Builds the TLS context holding the operator's certificate and the trusted CA.
	 * @return the TLS context
	 * @throws OctlConfigException if the PEM files cannot be read or do not match
	 */
	public SSLContext sslContext() {
		try {
			return PemTls.clientContext(this.cert, this.key, this.ca);
		}
		catch (Exception ex) {
			throw new OctlConfigException("cannot load the operator TLS material (cert " + this.cert + ", key "
					+ this.key + ", ca " + this.ca + "): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Builds a client for the configured brain.
	 * @return the client
	 * @throws OctlConfigException if the TLS material cannot be loaded
	 */
	public OctoplaneClient client() {
		return OctoplaneClient.builder().baseUri(this.brain).sslContext(sslContext()).build();
	}

	private static ConfigFile read(Path file) {
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (IOException ex) {
			throw new OctlConfigException("cannot read octl config " + file + ": " + ex, ex);
		}
		if (yaml.isBlank()) {
			return ConfigFile.empty();
		}
		YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		try {
			ConfigFile parsed = mapper.readValue(yaml, ConfigFile.class);
			return (parsed != null) ? parsed : ConfigFile.empty();
		}
		catch (UnrecognizedPropertyException ex) {
			throw new OctlConfigException("octl config " + file + " has an unknown key '" + ex.getPropertyName() + "'"
					+ at(ex.getLocation()) + "; known keys: " + ConfigFile.KEYS, ex);
		}
		catch (JacksonException ex) {
			throw new OctlConfigException("octl config " + file + " is not valid YAML" + at(ex.getLocation()) + ": "
					+ ex.getOriginalMessage() + "; expected a mapping of " + ConfigFile.KEYS, ex);
		}
	}

	private static String at(@Nullable TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0) ? " at line " + location.getLineNr() : "";
	}

	private static OctlConfig fromFile(Path file, ConfigFile raw, Map<String, String> env, Path home) {
		Path folder = file.getParent();
		String brainText = (env.get(ENV_BRAIN) != null && !env.get(ENV_BRAIN).isBlank()) ? env.get(ENV_BRAIN)
				: raw.brain();
		URI brain = (brainText != null) ? uri(brainText, file) : DEFAULT_BRAIN;
		Duration timeout;
		try {
			timeout = (raw.timeout() != null) ? DurationText.parse(raw.timeout()) : DEFAULT_TIMEOUT;
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("octl config " + file + ": timeout: " + ex.getMessage(), ex);
		}
		return new OctlConfig(brain, path(raw.cert(), "cert", "operator certificate", file, folder, home),
				path(raw.key(), "key", "operator private key", file, folder, home),
				path(raw.ca(), "ca", "CA certificate", file, folder, home), timeout, file);
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
			throw new OctlConfigException("octl config " + file + " does not set '" + name + "' (the " + meaning
					+ ", PEM); the brain only accepts operators with a client certificate");
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
