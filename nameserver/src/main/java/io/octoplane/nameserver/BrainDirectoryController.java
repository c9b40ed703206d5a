package io.octoplane.nameserver;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers "where is the brain?" for tentacles and operators. */
@RestController
class BrainDirectoryController {

	private final NameserverProperties properties;

	BrainDirectoryController(NameserverProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/api/v1/brains")
	BrainDirectory brains() {
		return new BrainDirectory(this.properties.brains());
	}

	/**
	 * The brains' agent addresses.
	 *
	 * @param brains {@code host:port} of each brain's agent port, preferred first
	 */
	record BrainDirectory(List<String> brains) {

	}

}
