package io.octoplane.tentacle.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.LabelSyntax;
import org.jspecify.annotations.Nullable;

/**
 * The node's own labels and how it collects facts: tentacle.yaml's {@code labels:} map
 * and {@code facts:} section.
 *
 * <pre>
 * labels: {site: lab, role: camera}
 * facts:
 *   scripts: /etc/octoplane/facts.d   # executables printing key=value lines
 *   timeout: 10s                      # per script
 *   maxBytes: 16384                   # output per script
 *   interval: 5m                      # collect again, send if changed
 * </pre>
 *
 * @param labels labels in Kubernetes' syntax; operators may override them on the brain
 * @param scripts the folder of custom fact scripts, or {@code null} for none
 * @param scriptTimeout how long one script may run; positive
 * @param scriptMaxBytes the most output one script may print; 1 to 1 MiB
 * @param interval how often facts are collected again; at least one second
 */
public record FactSettings(Map<String, String> labels, @Nullable Path scripts, Duration scriptTimeout,
		int scriptMaxBytes, Duration interval) {

	/** Default time limit of one fact script. */
	public static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofSeconds(10);

	/** Default output limit of one fact script. */
	public static final int DEFAULT_SCRIPT_MAX_BYTES = 16 * 1024;

	/** Default time between two collections. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

	public FactSettings {
		labels = Map.copyOf(Objects.requireNonNull(labels, "labels must not be null"));
		try {
			LabelSyntax.requireLabels(labels);
		}
		catch (InvalidSelectorException ex) {
			throw new TentacleConfigException("labels: " + ex.getMessage());
		}
		if (scripts != null && Files.exists(scripts) && !Files.isDirectory(scripts)) {
			throw new TentacleConfigException("facts.scripts " + scripts + " exists but is not a folder");
		}
		if (scriptTimeout.isNegative() || scriptTimeout.isZero()) {
			throw new TentacleConfigException("facts.timeout " + scriptTimeout + " must be positive");
		}
		if (scriptMaxBytes < 1 || scriptMaxBytes > 1024 * 1024) {
			throw new TentacleConfigException("facts.maxBytes " + scriptMaxBytes + " must be 1 to 1048576");
		}
		if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new TentacleConfigException("facts.interval " + interval + " must be at least 1s");
		}
	}

	/** No labels, no fact scripts, default timings. */
	public static FactSettings defaults() {
		return new FactSettings(Map.of(), null, DEFAULT_SCRIPT_TIMEOUT, DEFAULT_SCRIPT_MAX_BYTES, DEFAULT_INTERVAL);
	}

	/**
	 * A copy with other labels.
	 * @param labels the labels
	 * @return the copy
	 * @throws TentacleConfigException if a label breaks the syntax
	 */
	public FactSettings withLabels(Map<String, String> labels) {
		return new FactSettings(labels, this.scripts, this.scriptTimeout, this.scriptMaxBytes, this.interval);
	}

	/**
	 * A copy with a fact script folder and limits.
	 * @param scripts the folder
	 * @param scriptTimeout how long one script may run
	 * @param scriptMaxBytes the most output one script may print
	 * @return the copy
	 */
	public FactSettings withScripts(Path scripts, Duration scriptTimeout, int scriptMaxBytes) {
		return new FactSettings(this.labels, scripts, scriptTimeout, scriptMaxBytes, this.interval);
	}

}
