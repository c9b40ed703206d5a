package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.protocol.duration.DurationText;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.Selector;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and checks a scenario folder's {@code deployment.yaml} against the folder, so
 * that nothing runs unless every application, path, script and node entry is usable.
 * Every error names the file, the field and what is wrong. Unknown fields are ignored, as
 * Octopoda ignores them; a script's {@code order} defaults to 0, as in Octopoda. Node
 * entries may name aliases of the folder's {@code alias.yaml} ({@code @alias}, expanded
 * here) and workgroups ({@code @group}, kept for the brain to expand when applying).
 * Beyond Octopoda's keys, {@code timeout} (at the top and on a script) sets the run time
 * limit of scripts: a number of seconds or a duration such as {@code 30m}.
 */
final class DeploymentParser {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final String FILE = ScenarioFolder.DEPLOYMENT;

	private DeploymentParser() {
	}

	static Deployment parse(ScenarioFolder folder) {
		byte[] bytes = folder.file(FILE)
			.orElseThrow(() -> new InvalidDeploymentException(FILE, "", "missing from the scenario folder"));
		AliasFile aliases = folder.file(AliasFile.FILE).map(AliasFile::parse).orElse(AliasFile.none());
		return parse(bytes, folder, aliases);
	}

	/**
	 * Reads a deployment file recorded in a version; its folder is not at hand, so the
	 * files it names are not checked again.
	 * @param bytes the deployment file
	 * @param aliases the alias file recorded with it, or {@code null} if there was none
	 */
	static Deployment parseRecorded(byte[] bytes, byte @Nullable [] aliases) {
		return parse(bytes, null, (aliases != null) ? AliasFile.parse(aliases) : AliasFile.none());
	}

	private static Deployment parse(byte[] bytes, @Nullable ScenarioFolder folder, AliasFile aliases) {
		JsonNode root = readYaml(bytes, FILE);
		if (root == null || !root.isObject()) {
			throw new InvalidDeploymentException(FILE, "", "must be a mapping with name and applications");
		}
		String name = name(root, "name");
		String description = optionalText(root, "description");
		JsonNode apps = root.get("applications");
		if (apps == null || !apps.isArray() || apps.isEmpty()) {
			throw new InvalidDeploymentException(FILE, "applications", "must be a list of at least one application");
		}
		List<Deployment.App> parsed = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < apps.size(); i++) {
			Deployment.App app = app(apps.get(i), "applications[" + i + "]", folder, aliases);
			if (!names.add(app.name())) {
				throw new InvalidDeploymentException(FILE, "applications[" + i + "].name",
						"application '" + app.name() + "' is defined twice");
			}
			parsed.add(app);
		}
		return new Deployment(name, description, timeout(root, "timeout"), parsed);
	}

	private static Deployment.App app(JsonNode node, String field, @Nullable ScenarioFolder folder, AliasFile aliases) {
		if (!node.isObject()) {
			throw new InvalidDeploymentException(FILE, field, "must be a mapping");
		}
		String name = name(node, field + ".name");
		String scriptPath = Objects.requireNonNull(folderPath(node, field, "scriptpath", true));
		if (folder != null && folder.under(scriptPath).isEmpty()) {
			throw new InvalidDeploymentException(FILE, field + ".scriptpath",
					"folder '" + scriptPath + "' does not exist or is empty");
		}
		String sourcePath = folderPath(node, field, "sourcepath", false);
		if (folder != null && sourcePath != null && folder.under(sourcePath).isEmpty()) {
			throw new InvalidDeploymentException(FILE, field + ".sourcepath",
					"folder '" + sourcePath + "' does not exist or is empty");
		}
		List<String> nodes = nodes(node.get("nodes"), field + ".nodes", aliases);
		JsonNode scripts = node.get("script");
		if (scripts == null || !scripts.isArray()) {
			throw new InvalidDeploymentException(FILE, field + ".script", "must be a list of {target, file, order}");
		}
		List<Deployment.Script> parsed = new ArrayList<>();
		for (int i = 0; i < scripts.size(); i++) {
			Deployment.Script script = script(scripts.get(i), field + ".script[" + i + "]", scriptPath, folder);
			if (parsed.stream().anyMatch((other) -> other.target().equals(script.target()))) {
				throw new InvalidDeploymentException(FILE, field + ".script[" + i + "].target",
						"application '" + name + "' has a second script for target '" + script.target() + "'");
			}
			parsed.add(script);
		}
		for (String target : Deployment.REQUIRED_TARGETS) {
			if (parsed.stream().noneMatch((script) -> script.target().equals(target))) {
				throw new InvalidDeploymentException(FILE, field + ".script",
						"application '" + name + "' has no script for the required target '" + target + "'");
			}
		}
		return new Deployment.App(name, optionalText(node, "description"), scriptPath, sourcePath, nodes, parsed);
	}

	private static Deployment.Script script(JsonNode node, String field, String scriptPath,
			@Nullable ScenarioFolder folder) {
		if (!node.isObject()) {
			throw new InvalidDeploymentException(FILE, field, "must be a mapping {target, file, order}");
		}
		String target = name(node, field + ".target");
		String file = text(node, "file", field + ".file");
		String path = ScenarioPaths.normalize(scriptPath + "/" + file)
			.filter((normalized) -> normalized.startsWith(scriptPath.isEmpty() ? "" : scriptPath + "/"))
			.orElseThrow(() -> new InvalidDeploymentException(FILE, field + ".file",
					"'" + file + "' leaves the script folder '" + scriptPath + "'"));
		if (folder != null && !folder.has(path)) {
			throw new InvalidDeploymentException(FILE, field + ".file", "script '" + path + "' does not exist");
		}
		JsonNode order = node.get("order");
		if (order != null && !order.isNull() && (!order.isIntegralNumber() || order.asInt() < 0)) {
			throw new InvalidDeploymentException(FILE, field + ".order", "must be a whole number of 0 or more");
		}
		String relative = scriptPath.isEmpty() ? path : path.substring(scriptPath.length() + 1);
		return new Deployment.Script(target, relative, (order != null) ? order.asInt() : 0,
				timeout(node, field + ".timeout"));
	}

	private static @Nullable Duration timeout(JsonNode node, String field) {
		JsonNode value = node.get("timeout");
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			if (value.isIntegralNumber() && value.asLong() > 0) {
				return Duration.ofSeconds(value.asLong());
			}
			if (value.isString()) {
				return DurationText.parsePositive(value.asString());
			}
		}
		catch (IllegalArgumentException ex) {
			// Worded below, with the forms accepted.
		}
		throw new InvalidDeploymentException(FILE, field,
				"'" + value.asString() + "' is not a positive duration: seconds or " + DurationText.FORMS);
	}

	private static List<String> nodes(JsonNode node, String field, AliasFile aliases) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw new InvalidDeploymentException(FILE, field, "must be a list of at least one node name");
		}
		// Repeats are dropped, as Octopoda does: an alias and a name may overlap.
		Set<String> nodes = new LinkedHashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			String name = item.isString() ? item.asString().strip() : "";
			if (name.startsWith("@") && aliases.has(name.substring(1))) {
				for (String member : aliases.members(name.substring(1))) {
					nodes.add(entry(member, AliasFile.FILE, name.substring(1)));
				}
			}
			else {
				nodes.add(entry(name, FILE, field + "[" + i + "]"));
			}
		}
		return List.copyOf(nodes);
	}

	/** A node name, a {@code @workgroup} or a {@code label:} selector, checked. */
	private static String entry(String name, String file, String field) {
		if (Selector.isTarget(name)) {
			try {
				return Selector.toTarget(Selector.ofTarget(name).toString());
			}
			catch (InvalidSelectorException ex) {
				throw new InvalidDeploymentException(file, field, ex.getMessage());
			}
		}
		boolean group = name.startsWith("@") && name.length() > 1 && name.indexOf('\0') < 0;
		if (!group && !NodeappTask.NAME.matcher(name).matches()) {
			throw new InvalidDeploymentException(file, field, "'" + name + "' is not a node name, an @alias of "
					+ AliasFile.FILE + ", an @workgroup or a label:selector");
		}
		return name;
	}

	private static @Nullable String folderPath(JsonNode node, String field, String key, boolean required) {
		JsonNode value = node.get(key);
		if (value == null && !required) {
			return null;
		}
		String text = text(node, key, field + "." + key);
		return ScenarioPaths.normalize(text)
			.orElseThrow(() -> new InvalidDeploymentException(FILE, field + "." + key,
					"'" + text + "' is absolute or leaves the scenario folder"));
	}

	private static String name(JsonNode node, String field) {
		String key = field.substring(field.lastIndexOf('.') + 1);
		String value = text(node, key, field);
		if (!NodeappTask.NAME.matcher(value).matches()) {
			throw new InvalidDeploymentException(FILE, field, "'" + value
					+ "' must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		return value;
	}

	private static String text(JsonNode node, String key, String field) {
		JsonNode value = node.get(key);
		if (value == null || !value.isValueNode() || value.isNull() || value.asString().isBlank()) {
			throw new InvalidDeploymentException(FILE, field, "is required");
		}
		return value.asString().strip();
	}

	private static String optionalText(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : "";
	}

	/**
	 * Reads one YAML file of a scenario folder.
	 * @param bytes its content
	 * @param file its name, for errors
	 * @return its tree; a missing node for an empty file
	 * @throws InvalidDeploymentException naming the file and line if it is not YAML
	 */
	static JsonNode readYaml(byte[] bytes, String file) {
		try {
			return YAML.readTree(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0) ? file + ":" + location.getLineNr() : file;
			throw new InvalidDeploymentException(where, "", "not valid YAML: " + firstLine(ex.getOriginalMessage()));
		}
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
