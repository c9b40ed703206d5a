package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemHandlerTests {

	@Test
	void everyRefusalStatusHasItsCode() {
		assertThat(ProblemHandler.codeFor(400)).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(ProblemHandler.codeFor(401)).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(ProblemHandler.codeFor(403)).isEqualTo(ErrorCode.FORBIDDEN);
		assertThat(ProblemHandler.codeFor(404)).isEqualTo(ErrorCode.NOT_FOUND);
		assertThat(ProblemHandler.codeFor(405)).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(ProblemHandler.codeFor(409)).isEqualTo(ErrorCode.CONFLICT);
		assertThat(ProblemHandler.codeFor(413)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
		assertThat(ProblemHandler.codeFor(414)).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(ProblemHandler.codeFor(429)).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
		assertThat(ProblemHandler.codeFor(431)).isEqualTo(ErrorCode.INVALID_REQUEST);
	}

	@Test
	void serverFailuresAreInternalOrUnavailable() {
		assertThat(ProblemHandler.codeFor(500)).isEqualTo(ErrorCode.INTERNAL);
		assertThat(ProblemHandler.codeFor(502)).isEqualTo(ErrorCode.INTERNAL);
		assertThat(ProblemHandler.codeFor(503)).isEqualTo(ErrorCode.UNAVAILABLE);
	}

}
