package io.octoplane.tentacle.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tentacle's own variables for commands and scripts, from either spelling of
 * {@code tentacle.yaml}: Octoplane's {@code scriptEnv:} map and Octopoda's {@code env:}
 * list of {@code key}/{@code value} pairs. Both are checked alike; a name set twice is an
 * error rather than a silent pick.
 */
final class CustomEnv {

	private CustomEnv() {
	}

	static Map<String, String> merge(@Nullable Map<String, String> scriptEnv, @Nullable List<ConfigFile.EnvEntry> env) {
		Map<String, String> merged = new LinkedHashMap<>();
		if (scriptEnv != null) {
			scriptEnv.forEach((name, value) -> {
				requireName("scriptEnv", name);
				merged.put(name, (value != null) ? value : "");
			});
		}
		if (env != null) {
			for (int i = 0; i < env.size(); i++) {
				ConfigFile.EnvEntry entry = env.get(i);
				String setting = "env[" + i + "]";
				if (entry == null || entry.key() == null) {
					throw new TentacleConfigException(setting + ": every entry needs a key (and a value)");
				}
				requireName(setting + ".key", entry.key());
				if (merged.containsKey(entry.key())) {
					throw new TentacleConfigException(
							setting + ".key: '" + entry.key() + "' is set twice (in scriptEnv or env)");
				}
				merged.put(entry.key(), (entry.value() != null) ? entry.value() : "");
			}
		}
		return merged;
	}

	static void requireName(String setting, String name) {
		if (name.startsWith("OCTOPODA_") || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new TentacleConfigException(setting + ": '" + name
					+ "' must be a variable name (letters, digits, _) that does not start with OCTOPODA_");
		}
	}

}
