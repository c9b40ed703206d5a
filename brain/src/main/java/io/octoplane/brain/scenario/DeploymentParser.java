package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.octoplane.protocol.agent.NodeappTask;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and checks a scenario folder's {@code deployment.yaml} against the folder, so
 * that nothing runs unless every application, path, script and node entry is usable.
 * Every error names the file, the field and what is wrong. Unknown fields are ignored, as
 * Octopoda ignores them.
 */
final class DeploymentParser {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final String FILE = ScenarioFolder.DEPLOYMENT;

	private DeploymentParser() {
	}

	static Deployment parse(ScenarioFolder folder) {
		byte[] bytes = folder.file(FILE)
			.orElseThrow(() -> new InvalidDeploymentException(FILE, "", "missing from the scenario folder"));
		return parse(bytes, folder);
	}

	/**
	 * Reads a deployment file recorded in a version; its folder is not at hand, so the
	 * files it names are not checked again.
	 */
	static Deployment parseRecorded(byte[] bytes) {
		return parse(bytes, null);
	}

	private static Deployment parse(byte[] bytes, @Nullable ScenarioFolder folder) {
		JsonNode root;
		try {
			root = YAML.readTree(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0) ? FILE + ":" + location.getLineNr() : FILE;
			throw new InvalidDeploymentException(where, "", "not valid YAML: " + firstLine(ex.getOriginalMessage()));
		}
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
			Deployment.App app = app(apps.get(i), "applications[" + i + "]", folder);
			if (!names.add(app.name())) {
				throw new InvalidDeploymentException(FILE, "applications[" + i + "].name",
						"application '" + app.name() + "' is defined twice");
			}
			parsed.add(app);
		}
		return new Deployment(name, description, parsed);
	}

	private static Deployment.App app(JsonNode node, String field, @Nullable ScenarioFolder folder) {
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
		List<String> nodes = nodes(node.get("nodes"), field + ".nodes");
		JsonNode scripts = node.get("script");
		if (scripts == null || !scripts.isArray()) {
			throw new InvalidDeploymentException(FILE, field + ".script", "must be a list of {target, file, order}");
		}
		List<Deployment.Script> parsed = new ArrayList<>();
		for (int i = 0; i < scripts.size(); i++) {
			parsed.add(script(scripts.get(i), field + ".script[" + i + "]", scriptPath, folder));
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
		if (folder != null && folder.file(path).isEmpty()) {
			throw new InvalidDeploymentException(FILE, field + ".file", "script '" + path + "' does not exist");
		}
		JsonNode order = node.get("order");
		if (order == null || !order.isIntegralNumber() || order.asInt() < 0) {
			throw new InvalidDeploymentException(FILE, field + ".order", "must be a whole number of 0 or more");
		}
		String relative = scriptPath.isEmpty() ? path : path.substring(scriptPath.length() + 1);
		return new Deployment.Script(target, relative, order.asInt());
	}

	private static List<String> nodes(JsonNode node, String field) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw new InvalidDeploymentException(FILE, field, "must be a list of at least one node name");
		}
		List<String> nodes = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			String name = item.isString() ? item.asString() : "";
			if (!NodeappTask.NAME.matcher(name).matches()) {
				throw new InvalidDeploymentException(FILE, field + "[" + i + "]", "'" + item + "' is not a node name");
			}
			if (nodes.contains(name)) {
				throw new InvalidDeploymentException(FILE, field + "[" + i + "]", "node " + name + " is named twice");
			}
			nodes.add(name);
		}
		return nodes;
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

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
