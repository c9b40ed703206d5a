package io.octoplane.brain.enroll;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.EnrollRequest;
import io.octoplane.protocol.api.EnrollResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/enroll}: the one API call made without a client certificate or a
 * password; the join token in the body is the credential.
 */
@RestController
class EnrollController {

	private final EnrollService enrollment;

	EnrollController(EnrollService enrollment) {
		this.enrollment = enrollment;
	}

	/**
	 * Enrolls a tentacle with a join token: signs the certificate request it sends and
	 * answers the certificate with the CA's.
	 */
	@PostMapping(ApiPaths.ENROLL)
	ResponseEntity<EnrollResponse> enroll(@RequestBody EnrollRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.enrollment.enroll(request));
	}

}
