package io.octoplane.brain.workgroup;

import io.octoplane.server.web.InvalidRequestException;
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
	void emptyPartsAndNonAsciiNamesAreRefused() {
		for (String path : new String[] { "//", "//a", "/a//", "/\u00e9t\u00e9", "/lab/\u0440\u0456", "/a\u0000b",
				"/a\\b", "/.hidden", "/a/%2e%2e" }) {
			assertThatExceptionOfType(InvalidRequestException.class).as(path)
				.isThrownBy(() -> WorkgroupPaths.normalize(path));
		}
	}

	@Test
	void namesAreBoundedToSixtyThreeCharacters() {
		String longest = "a".repeat(63);
		assertThat(WorkgroupPaths.normalize("/" + longest)).isEqualTo("/" + longest);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WorkgroupPaths.normalize("/" + longest + "b"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WorkgroupPaths.normalize("/" + "x".repeat(100_000)));
	}

	@Test
	void namesMayHoldDotsDashesAndUnderscoresAfterTheFirstCharacter() {
		assertThat(WorkgroupPaths.normalize("/lab-1/pi_2.local")).isEqualTo("/lab-1/pi_2.local");
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
		assertThat(WorkgroupPaths.resolve("/lab", "pis/a")).isEqualTo("/lab/pis/a");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WorkgroupPaths.resolve("/lab", "../other"));
	}

	@Test
	void belowMeansBelowNotSharingAPrefix() {
		assertThat(WorkgroupPaths.isSameOrBelow("/a/b", "/a")).isTrue();
		assertThat(WorkgroupPaths.isSameOrBelow("/a", "/a")).isTrue();
		assertThat(WorkgroupPaths.isSameOrBelow("/ab", "/a")).isFalse();
		assertThat(WorkgroupPaths.isSameOrBelow("/a", "/a/b")).isFalse();
		assertThat(WorkgroupPaths.isSameOrBelow("/anything", "/")).isTrue();
		assertThat(WorkgroupPaths.isSameOrBelow("/", "/a")).isFalse();
		assertThat(WorkgroupPaths.isSameOrBelow("/a-b/c", "/a")).isFalse();
	}

	@Test
	void parentOfTopLevelIsRoot() {
		assertThat(WorkgroupPaths.parent("/a")).isEqualTo("/");
		assertThat(WorkgroupPaths.parent("/a/b")).isEqualTo("/a");
	}

}
