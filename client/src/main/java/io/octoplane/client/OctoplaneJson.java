package io.octoplane.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of the brain's REST records as {@link OctoplaneClient} uses it, for
 * callers that print or store those records in the same shape.
 */
public final class OctoplaneJson {

	private OctoplaneJson() {
	}

	// One shared mapper: it is immutable and thread-safe, and its caches of what it
	// learned about each type are what make the second use fast.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	/**
	 * The mapper for the REST records. It ignores unknown properties, set explicitly
	 * rather than trusting a default, so a newer brain can add fields without breaking
	 * older clients; instants are ISO-8601 strings.
	 * @return the shared mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
