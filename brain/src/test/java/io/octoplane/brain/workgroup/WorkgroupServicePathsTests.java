package io.octoplane.brain.workgroup;

import io.octoplane.server.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The brain's face of the shared path rules: a bad path is a 400, never a 500. */
class WorkgroupServicePathsTests {

	@Test
	void pathsFollowTheSharedRules() {
		assertThat(WorkgroupService.normalize("/lab/pis/")).isEqualTo("/lab/pis");
		assertThat(WorkgroupService.resolve("/lab", "pis")).isEqualTo("/lab/pis");
		assertThat(WorkgroupService.isSameOrBelow("/lab/pis", "/lab")).isTrue();
	}

	@Test
	void malformedPathsAreInvalidRequests() {
		for (String path : new String[] { "", "lab", "/a/../b", "/a//b", "/a b", "/" + "a".repeat(64) }) {
			assertThatExceptionOfType(InvalidRequestException.class).as(path)
				.isThrownBy(() -> WorkgroupService.normalize(path))
				.withMessageContaining("workgroup path");
		}
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WorkgroupService.resolve("/lab", "../other"))
			.withMessageContaining("invalid part '..'");
	}

}
