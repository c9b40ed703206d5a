package io.octoplane.octl.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkgroupPathsTests {

	@Test
	void resolvesLikeAShellCd() {
		assertThat(WorkgroupPaths.resolve("/lab", "pis")).isEqualTo("/lab/pis");
		assertThat(WorkgroupPaths.resolve("/lab/pis", "..")).isEqualTo("/lab");
		assertThat(WorkgroupPaths.resolve("/lab/pis", "../../..")).isEqualTo("/");
		assertThat(WorkgroupPaths.resolve("/lab/pis", "../racks/./a/")).isEqualTo("/lab/racks/a");
		assertThat(WorkgroupPaths.resolve("/lab", "/ops//db")).isEqualTo("/ops/db");
		assertThat(WorkgroupPaths.resolve("/", ".")).isEqualTo("/");
	}

	@Test
	void refusesWhatCannotBeAPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.resolve("/", "a b"));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.resolve("/", " "));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("lab"))
			.withMessageContaining("must start with /");
	}

}
