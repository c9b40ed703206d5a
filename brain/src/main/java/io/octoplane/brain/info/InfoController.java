package io.octoplane.brain.info;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainInfo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers {@code GET /api/v1/info}. */
@RestController
class InfoController {

	private final BrainIdentity identity;

	InfoController(BrainIdentity identity) {
		this.identity = identity;
	}

	/**
	 * The brain's name, version and agent address; the call to check a brain is there and
	 * the credentials work.
	 */
	@GetMapping(ApiPaths.INFO)
	BrainInfo info() {
		return this.identity.info();
	}

}
