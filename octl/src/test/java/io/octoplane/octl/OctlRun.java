package io.octoplane.octl;

import io.octoplane.octl.sdk.OctoplaneJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * What one in-process octl run produced.
 *
 * @param exitCode the exit status
 * @param out everything written to stdout
 * @param err everything written to stderr
 */
public record OctlRun(int exitCode, String out, String err) {

	/** Parses stdout as one JSON document, failing if anything else is there. */
	public JsonNode json() {
		return OctoplaneJson.mapper()
			.rebuild()
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build()
			.readTree(this.out);
	}

}
