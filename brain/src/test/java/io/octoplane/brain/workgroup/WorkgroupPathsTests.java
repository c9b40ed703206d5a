package io.octoplane.brain.workgroup;

import io.octoplane.brain.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkgroupPathsTests {

	@Test
	void rootHasOneCanonicalForm() {
		assertThat(WorkgroupPaths.normalize("")).isEqualTo("/");
		assertThat(WorkgroupPaths.normalize("/")).isEqualTo("/");
		assertThat(WorkgroupPaths.normalize(" / ")).isEqualTo("/");
	}

	@Test
	void trailingSlashIsDropped() {
		assertThat(WorkgroupPaths.normalize("/lab/pis/")).isEqualTo("/lab/pis");
	}

	@Test
	void walkingPathsAreRefusedNotResolved() {
		for (String path : new String[] { "/a/../b", "/a/./b", "/..", "/a//b", "lab", "/a b", "/ä", "/a/-x" }) {
			assertThatExceptionOfType(InvalidRequestException.class).as(path)
				.isThrownBy(() -> WorkgroupPaths.normalize(path));
		}
	}

	@Test
	void depthIsBounded() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WorkgroupPaths.normalize("/a".repeat(17)));
		assertThat(WorkgroupPaths.normalize("/a".repeat(16))).isEqualTo("/a".repeat(16));
	}

	@Test
	void relativePathsResolveAgainstTheActingWorkgroup() {
		assertThat(WorkgroupPaths.resolve("/lab", "pis")).isEqualTo("/lab/pis");
		assertThat(WorkgroupPaths.resolve("/", "lab")).isEqualTo("/lab");
		assertThat(WorkgroupPaths.resolve("/lab", "/other")).isEqualTo("/other");
	}

	@Test
	void belowMeansBelowNotSharingAPrefix() {
		assertThat(WorkgroupPaths.isSameOrBelow("/a/b", "/a")).isTrue();
		assertThat(WorkgroupPaths.isSameOrBelow("/a", "/a")).isTrue();
		assertThat(WorkgroupPaths.isSameOrBelow("/ab", "/a")).isFalse();
		assertThat(WorkgroupPaths.isSameOrBelow("/a", "/a/b")).isFalse();
		assertThat(WorkgroupPaths.isSameOrBelow("/anything", "/")).isTrue();
	}

	@Test
	void parentOfTopLevelIsRoot() {
		assertThat(WorkgroupPaths.parent("/a")).isEqualTo("/");
		assertThat(WorkgroupPaths.parent("/a/b")).isEqualTo("/a");
	}

}
