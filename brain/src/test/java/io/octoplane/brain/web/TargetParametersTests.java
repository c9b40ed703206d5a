package io.octoplane.brain.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TargetParametersTests {

	@Test
	void namesMaySeparateWithCommasOrRepeat() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addParameter("name", "pi1, pi2", "@lab");
		assertThat(TargetParameters.of(request, "name")).containsExactly("pi1", "pi2", "@lab");
	}

	@Test
	void aSelectorKeepsItsCommasToTheEndOfItsParameter() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addParameter("target", "pi1,label:site=lab,arch in (arm64,armv7)", "label:role");
		assertThat(TargetParameters.of(request, "target")).containsExactly("pi1",
				"label:site=lab,arch in (arm64,armv7)", "label:role");
	}

	@Test
	void anAbsentParameterIsAnEmptyList() {
		assertThat(TargetParameters.of(new MockHttpServletRequest(), "name")).isEmpty();
	}

}
