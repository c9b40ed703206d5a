package io.octoplane.octl.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.octoplane.protocol.duration.DurationText;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds octl's config file ({@code --config}, {@code $OCTL_CONFIG} or the default
 * location), reads it as YAML, picks the context, applies the environment's overrides and
 * turns it into a validated {@link OctlConfig}, with messages that name the file, the key
 * and what to write instead.
 */
final class OctlConfigLoader {

	/** Where Octopoda's octl looked for its config first. */
	static final Path OCTOPODA_LOCATION = Path.of("/etc/octopoda/octl/octl.yaml");

	private OctlConfigLoader() {
	}

	// Shared: building a mapper costs more than reading the file with it.
	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String EXAMPLE = "  brain: " + OctlConfig.DEFAULT_BRAIN + "\n  ca: ca.crt\n  cert: alice.crt\n"
			+ "  key: alice.key\n  timeout: 60s\n(or, instead of cert and key, 'user: /lab' with 'passwordFile: FILE' "
			+ "or $" + OctlConfig.ENV_PASSWORD + ", or 'tokenFile: FILE' or $" + OctlConfig.ENV_TOKEN
			+ "; relative paths resolve against " + "the config file's folder)";

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
	static OctlConfig load(@Nullable Path explicit, Map<String, String> env, Path home, Path workingDirectory,
			Consumer<String> warnings) {
		Path file = locate(explicit, env, home, workingDirectory);
		String origin;
		if (explicit != null) {
			origin = "given by --config";
		}
		else if (env.get(OctlConfig.ENV_CONFIG) != null && !env.get(OctlConfig.ENV_CONFIG).isBlank()) {
			origin = "given by $" + OctlConfig.ENV_CONFIG;
		}
		else {
			origin = "the default location, else Octopoda's " + OCTOPODA_LOCATION + "; use --config FILE or $"
					+ OctlConfig.ENV_CONFIG + " for another";
		}
		if (!Files.isRegularFile(file)) {
			throw new OctlConfigException(
					"no octl config file at " + file + " (" + origin + "). Create it, for example:\n" + EXAMPLE);
		}
		ConfigFile raw = read(file, env, warnings);
		OctlConfig config = fromFile(file, raw, env, home);
		if (raw.password() != null || raw.token() != null) {
			OctlCredentialResolver.warnIfOthersCanRead(file, (raw.password() != null) ? "password" : "token", warnings);
		}
		return config;
	}

	private static ConfigFile read(Path file, Map<String, String> env, Consumer<String> warnings) {
		JsonNode root = tree(file);
		if (root == null) {
			return ConfigFile.empty();
		}
		ObjectNode settings = OctopodaConfig.isOctopoda(root) ? OctopodaConfig.translate(root, file, warnings)
				: ConfigContexts.select((ObjectNode) root, env.get(OctlConfig.ENV_CONTEXT), file);
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
	 * Where the config file is for a caller in another working directory.
	 * @param explicit the {@code --config} value, or {@code null}
	 * @param env the environment
	 * @param home the home folder
	 * @param workingDirectory the caller's working directory, which a relative path is
	 * resolved against
	 * @return the absolute path, which may not exist
	 */
	static Path locate(@Nullable Path explicit, Map<String, String> env, Path home, Path workingDirectory) {
		return locate(explicit, env, home, workingDirectory, OCTOPODA_LOCATION);
	}

	/**
	 * Where the config file is, with Octopoda's own default location as the last choice:
	 * an Octopoda user's file is found where Octopoda's octl found it.
	 * @param explicit the {@code --config} value, or {@code null}
	 * @param env the environment
	 * @param home the home folder
	 * @param workingDirectory the caller's working directory
	 * @param octopoda Octopoda's default location, used when octl's own has no file
	 * @return the absolute path, which may not exist
	 */
	static Path locate(@Nullable Path explicit, Map<String, String> env, Path home, Path workingDirectory,
			Path octopoda) {
		if (explicit == null && !present(env.get(OctlConfig.ENV_CONFIG))
				&& !Files.exists(OctlConfig.defaultLocation(env, home)) && Files.isRegularFile(octopoda)) {
			return octopoda;
		}
		Path file;
		if (explicit != null) {
			file = explicit;
		}
		else if (env.get(OctlConfig.ENV_CONFIG) != null && !env.get(OctlConfig.ENV_CONFIG).isBlank()) {
			file = Path.of(env.get(OctlConfig.ENV_CONFIG));
		}
		else {
			file = OctlConfig.defaultLocation(env, home);
		}
		return workingDirectory.resolve(file).normalize();
	}

	private static String at(@Nullable TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0) ? " at line " + location.getLineNr() : "";
	}

	private static OctlConfig fromFile(Path file, ConfigFile raw, Map<String, String> env, Path home) {
		Path folder = file.getParent();
		String brainText = present(env.get(OctlConfig.ENV_BRAIN)) ? env.get(OctlConfig.ENV_BRAIN) : raw.brain();
		Duration timeout;
		try {
			timeout = (raw.timeout() != null) ? DurationText.parsePositive(raw.timeout()) : OctlConfig.DEFAULT_TIMEOUT;
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("octl config " + file + ": timeout: " + ex.getMessage(), ex);
		}
		OctlCredentials credentials = OctlCredentialResolver.resolve(file, raw, env, folder, home);
		String workgroup = present(raw.workgroup()) ? raw.workgroup() : null;
		Path ca = path(raw.ca(), "ca", "CA certificate", file, folder, home);
		URI brain;
		if (brainText != null) {
			brain = uri(brainText, file);
		}
		else if (present(raw.nameserver())) {
			brain = BrainDiscovery.find(uri(raw.nameserver(), file),
					present(raw.brainName()) ? raw.brainName().strip() : BrainDiscovery.DEFAULT_NAME, credentials, ca,
					timeout, file);
		}
		else {
			brain = OctlConfig.DEFAULT_BRAIN;
		}
		return new OctlConfig(brain, credentials, ca, timeout, workgroup, file,
				present(raw.scenarioRemote()) ? raw.scenarioRemote().strip() : null);
	}

	private static URI uri(String text, Path file) {
		try {
			// Operators type "https://host:port/" as often as without the slash; the API
			// paths are absolute, so the base path never matters.
			return new URI(text.strip());
		}
		catch (URISyntaxException ex) {
			throw new OctlConfigException("brain URL '" + text + "' (from " + file + " or $" + OctlConfig.ENV_BRAIN
					+ ") is not a valid URL: " + ex.getMessage(), ex);
		}
	}

	static Path path(@Nullable String text, String name, String meaning, Path file, Path folder, Path home) {
		if (text == null || text.isBlank()) {
			throw new OctlConfigException("octl config " + file + " does not set '" + name + "' (the " + meaning + ")");
		}
		String trimmed = text.strip();
		if (trimmed.startsWith("~/")) {
			return home.resolve(trimmed.substring(2)).normalize();
		}
		return folder.resolve(trimmed).normalize();
	}

	static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
