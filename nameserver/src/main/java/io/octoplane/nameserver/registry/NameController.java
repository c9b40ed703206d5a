package io.octoplane.nameserver.registry;

import io.octoplane.nameserver.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameListResponse;
import io.octoplane.protocol.api.NameRegistration;
import io.octoplane.protocol.api.NameSummary;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The registry's REST API; who may call what is decided before, by the role filter. */
@RestController
class NameController {

	private final NameService names;

	NameController(NameService names) {
		this.names = names;
	}

	@PutMapping(ApiPaths.NAME)
	NameEntry register(@PathVariable String name, @RequestBody NameRegistration registration,
			HttpServletRequest request) {
		return this.names.register(name, registration, Caller.of(request).name());
	}

	@GetMapping(ApiPaths.NAME)
	NameEntry query(@PathVariable String name) {
		return this.names.query(name);
	}

	@DeleteMapping(ApiPaths.NAME)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable String name) {
		this.names.remove(name);
	}

	@GetMapping(ApiPaths.NAMES)
	NameListResponse list(@RequestParam(required = false) @Nullable String prefix,
			@RequestParam(required = false) @Nullable String suffix,
			@RequestParam(required = false) @Nullable String contains) {
		return new NameListResponse(this.names.list(prefix, suffix, contains));
	}

	@GetMapping(ApiPaths.NAME_SUMMARY)
	NameSummary summary() {
		return this.names.summary();
	}

}
