package io.octoplane.tentacle.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.octoplane.protocol.DefaultPorts;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.duration.DurationText;
import io.octoplane.tentacle.file.NodePaths;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link TentacleConfig} from its sources: flags win over the environment, which
 * wins over the YAML file. Relative paths in the file resolve against the file's folder,
 * all others against the working directory.
 */
final class TentacleConfigLoader {

	private TentacleConfigLoader() {
	}

	static TentacleConfig load(@Nullable Path yamlFile, Map<String, String> env, ConfigOverrides flags) {
		ConfigFile file = (yamlFile != null) ? ConfigFile.read(yamlFile) : ConfigFile.EMPTY;
		Path cwd = Path.of("").toAbsolutePath();
		Path fileFolder = (yamlFile != null) ? yamlFile.toAbsolutePath().getParent() : cwd;
		Settings settings = new Settings(env, cwd, fileFolder);
		String brain = settings.text(flags.brain(), "OCTOPLANE_BRAIN", file.brain());
		ConfigFile.Workspace workspaceSection = file.workspace();
		Path workspace = Objects.requireNonNull(settings.path("workspace", flags.workspace(), "OCTOPLANE_WORKSPACE",
				(workspaceSection != null) ? workspaceSection.root() : null, "workspace"));
		Path journal = (file.journal() != null) ? Settings.resolve("journal", fileFolder, file.journal())
				: workspace.resolve(TentacleConfig.DEFAULT_JOURNAL_FOLDER);
		BrainAddress brainAddress = (brain != null) ? BrainAddress.parse(brain) : null;
		return new TentacleConfig(brainAddress,
				settings.path("cert", flags.cert(), "OCTOPLANE_CERT", file.cert(), null),
				settings.path("key", flags.key(), "OCTOPLANE_KEY", file.key(), null),
				settings.path("ca", flags.ca(), "OCTOPLANE_CA", file.ca(), null), workspace,
				(file.outputLimitBytes() != null) ? file.outputLimitBytes() : TentacleConfig.DEFAULT_OUTPUT_LIMIT_BYTES,
				duration("backoffInitial", file.backoffInitial(), TentacleConfig.DEFAULT_BACKOFF_INITIAL),
				duration("backoffMax", file.backoffMax(), TentacleConfig.DEFAULT_BACKOFF_MAX),
				duration("connectTimeout", file.connectTimeout(), Duration.ofSeconds(10)),
				(file.maxFrameBytes() != null) ? file.maxFrameBytes() : FrameCodec.DEFAULT_MAX_FRAME_BYTES, journal,
				duration("journalRetention", file.journalRetention(), TentacleConfig.DEFAULT_JOURNAL_RETENTION),
				enrollment(settings, flags, file, brainAddress),
				(file.renewBefore() != null) ? duration("renewBefore", file.renewBefore()) : null,
				CustomEnv.merge(file.scriptEnv(), file.env()), discovery(settings, file, workspace),
				folders(settings, file), (file.shell() != null) ? file.shell().strip() : null, facts(settings, file),
				edge(settings, file));
	}

	private static FactSettings facts(Settings settings, ConfigFile file) {
		ConfigFile.Facts facts = file.facts();
		Map<String, String> labels = (file.labels() != null) ? file.labels() : Map.of();
		if (facts == null) {
			return FactSettings.defaults().withLabels(labels);
		}
		return new FactSettings(labels, settings.fileFolder("facts.scripts", facts.scripts()),
				duration("facts.timeout", facts.timeout(), FactSettings.DEFAULT_SCRIPT_TIMEOUT),
				(facts.maxBytes() != null) ? facts.maxBytes() : FactSettings.DEFAULT_SCRIPT_MAX_BYTES,
				duration("facts.interval", facts.interval(), FactSettings.DEFAULT_INTERVAL));
	}

	private static EdgeSettings edge(Settings settings, ConfigFile file) {
		String compression = settings.text(null, "OCTOPLANE_COMPRESSION", file.compression());
		ConfigFile.Heartbeat heartbeat = file.heartbeat();
		String interval = (heartbeat != null) ? heartbeat.interval() : null;
		Integer statusEvery = (heartbeat != null) ? heartbeat.statusEvery() : null;
		ConfigFile.Gateway gateway = file.gateway();
		String listen = (gateway != null) ? gateway.listen() : null;
		String via = settings.text(null, "OCTOPLANE_VIA", file.via());
		return new EdgeSettings(
				(compression != null) ? EdgeSettings.Compression.parse(compression) : EdgeSettings.Compression.AUTO,
				(interval != null) ? duration("heartbeat.interval", interval) : null,
				(statusEvery != null) ? statusEvery : 1, (listen != null) ? BrainAddress.parse(listen) : null,
				(via != null) ? BrainAddress.parse(via) : null);
	}

	private static NodeFolders folders(Settings settings, ConfigFile file) {
		ConfigFile.Workspace workspace = file.workspace();
		ConfigFile.Logger logger = file.logger();
		ConfigFile.Pakma pakma = file.pakma();
		Path root = settings.fileFolder("root", file.root());
		return new NodeFolders((root != null) ? root : NodePaths.defaultRoot(),
				settings.fileFolder("logger.path", (logger != null) ? logger.path() : null),
				settings.fileFolder("workspace.store", (workspace != null) ? workspace.store() : null),
				settings.fileFolder("pakma.root", (pakma != null) ? pakma.root() : null));
	}

	private static @Nullable Discovery discovery(Settings settings, ConfigFile file, Path workspace) {
		String nameserver = settings.text(null, "OCTOPLANE_NAMESERVER", file.nameserver());
		if (nameserver == null) {
			return null;
		}
		String service = settings.text(null, "OCTOPLANE_BRAIN_SERVICE", file.brainService());
		URI uri;
		try {
			uri = new URI(nameserver.strip());
		}
		catch (URISyntaxException ex) {
			throw new TentacleConfigException("nameserver '" + nameserver + "' is not a URL: " + ex.getReason());
		}
		return new Discovery(uri, (service != null) ? service.strip() : Discovery.DEFAULT_SERVICE,
				workspace.resolve(Discovery.DEFAULT_CACHE));
	}

	private static @Nullable EnrollmentSettings enrollment(Settings settings, ConfigOverrides flags, ConfigFile file,
			@Nullable BrainAddress brain) {
		String token = settings.text(flags.joinToken(), "OCTOPLANE_JOIN_TOKEN", file.joinToken());
		String api = settings.text(flags.brainApi(), "OCTOPLANE_BRAIN_API", file.brainApi());
		if (token == null) {
			return null;
		}
		if (api == null && brain == null) {
			throw new TentacleConfigException("a join token is set but no brain API to enroll with: set 'brainApi' "
					+ "in the config file, OCTOPLANE_BRAIN_API or --brain-api");
		}
		URI brainApi = (api != null) ? brainApi(api) : defaultBrainApi(Objects.requireNonNull(brain));
		String name = settings.text(flags.name(), "OCTOPLANE_NAME", file.name());
		if (name == null) {
			throw new TentacleConfigException("a join token is set but no node name to enroll as: set 'name' in the "
					+ "config file, OCTOPLANE_NAME or --name");
		}
		return new EnrollmentSettings(token.strip(), name.strip(), brainApi);
	}

	private static URI brainApi(String text) {
		try {
			URI uri = new URI(text.strip());
			if (uri.getHost() == null) {
				throw new TentacleConfigException("brainApi '" + text + "' must be an https:// URL with a host");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new TentacleConfigException("brainApi '" + text + "' is not a URL: " + ex.getReason());
		}
	}

	private static URI defaultBrainApi(BrainAddress brain) {
		String host = brain.host().contains(":") ? "[" + brain.host() + "]" : brain.host();
		return URI.create("https://" + host + ":" + DefaultPorts.BRAIN_API);
	}

	private static Duration duration(String setting, @Nullable String text, Duration fallback) {
		return (text != null) ? duration(setting, text) : fallback;
	}

	private static Duration duration(String setting, String text) {
		try {
			return DurationText.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new TentacleConfigException(setting + ": " + ex.getMessage());
		}
	}

	/**
	 * Picks each setting from the first source that has it, with that source's base
	 * folder.
	 */
	private record Settings(Map<String, String> env, Path cwd, Path fileFolder) {

		@Nullable String text(@Nullable String flag, String envName, @Nullable String fromFile) {
			if (flag != null) {
				return flag;
			}
			String fromEnv = this.env.get(envName);
			if (fromEnv != null && !fromEnv.isBlank()) {
				return fromEnv;
			}
			return fromFile;
		}

		@Nullable Path path(String setting, @Nullable String flag, String envName, @Nullable String fromFile,
				@Nullable String fallback) {
			String fromEnv = this.env.get(envName);
			if (flag != null) {
				return resolve(setting, this.cwd, flag);
			}
			if (fromEnv != null && !fromEnv.isBlank()) {
				return resolve(setting, this.cwd, fromEnv);
			}
			if (fromFile != null) {
				return resolve(setting, this.fileFolder, fromFile);
			}
			return (fallback != null) ? resolve(setting, this.cwd, fallback) : null;
		}

		@Nullable Path fileFolder(String setting, @Nullable String fromFile) {
			return (fromFile != null) ? resolve(setting, this.fileFolder, fromFile) : null;
		}

		private static Path resolve(String setting, Path base, String value) {
			try {
				return base.resolve(value).normalize();
			}
			catch (InvalidPathException ex) {
				throw new TentacleConfigException(setting + " '" + value + "' is not a valid path");
			}
		}

	}

}
