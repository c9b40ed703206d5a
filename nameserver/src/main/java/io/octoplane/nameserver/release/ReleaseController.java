package io.octoplane.nameserver.release;

import java.io.IOException;

import io.octoplane.nameserver.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.protocol.api.ReleaseListResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Upload, details, listing and download of releases. */
@RestController
class ReleaseController {

	private final ReleaseService releases;

	ReleaseController(ReleaseService releases) {
		this.releases = releases;
	}

	@PutMapping(ApiPaths.RELEASE)
	ReleaseInfo upload(@PathVariable String component, @PathVariable String version,
			@RequestHeader(name = ApiPaths.SHA256_HEADER, required = false) @Nullable String sha256,
			@RequestHeader(name = ApiPaths.SIGNATURE_HEADER, required = false) @Nullable String signature,
			HttpServletRequest request) throws IOException {
		return this.releases.upload(component, version, sha256, signature, request.getInputStream(),
				Caller.of(request));
	}

	@GetMapping(ApiPaths.RELEASES)
	ReleaseListResponse list() {
		return new ReleaseListResponse(this.releases.list());
	}

	@GetMapping(ApiPaths.RELEASE)
	ReleaseInfo get(@PathVariable String component, @PathVariable String version) {
		return this.releases.find(component, version);
	}

	@GetMapping(ApiPaths.RELEASE_PACKAGE)
	ResponseEntity<Resource> download(@PathVariable String component, @PathVariable String version) {
		ReleaseInfo release = this.releases.find(component, version);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(ApiPaths.SHA256_HEADER, release.sha256())
			.header(ApiPaths.SIGNATURE_HEADER, release.signature())
			.body(new FileSystemResource(this.releases.packageOf(release)));
	}

}
