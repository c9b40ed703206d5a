package io.octoplane.testsupport.api;

import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the stub brain writes JSON: the REST records with ISO-8601 instants, as the brain
 * does.
 */
final class StubJson {

	static final JsonMapper MAPPER = JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

	private StubJson() {
	}

}
