package io.octoplane.protocol.workgroup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkgroupPathsTests {

	@Test
	void rootHasOneCanonicalForm() {
		assertThat(WorkgroupPaths.normalize("/")).isEqualTo("/");
		assertThat(WorkgroupPaths.normalize(" / ")).isEqualTo("/");
	}

	@Test
	void blankIsNoPath() {
		for (String path : new String[] { "", " ", "\t" }) {
			assertThatIllegalArgumentException().as(path)
				.isThrownBy(() -> WorkgroupPaths.normalize(path))
				.withMessageContaining("must not be blank");
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> WorkgroupPaths.resolve("/lab", path));
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> WorkgroupPaths.navigate("/lab", path));
		}
	}

	@Test
	void trailingSlashIsDropped() {
		assertThat(WorkgroupPaths.normalize("/lab/pis/")).isEqualTo("/lab/pis");
	}

	@Test
	void walkingPathsAreRefusedNotResolved() {
		for (String path : new String[] { "/a/../b", "/a/./b", "/..", "/a//b", "lab", "/a b", "/ä", "/a/-x" }) {
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> WorkgroupPaths.normalize(path));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("lab"))
			.withMessageContaining("must start with /");
	}

	@Test
	void emptyPartsAndNonAsciiNamesAreRefused() {
		for (String path : new String[] { "//", "//a", "/a//", "/\u00e9t\u00e9", "/lab/\u0440\u0456", "/a\u0000b",
				"/a\\b", "/.hidden", "/a/%2e%2e", "/a:b", "/a\nb" }) {
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> WorkgroupPaths.normalize(path));
		}
	}

	@Test
	void errorsQuoteAPrintableExcerpt() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("/a\u0000b"))
			.withMessageContaining("'/a?b'");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("/" + "x".repeat(100_000)))
			.withMessageContaining("...'")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
	}

	@Test
	void namesAreBoundedToSixtyThreeCharacters() {
		String longest = "a".repeat(63);
		assertThat(WorkgroupPaths.normalize("/" + longest)).isEqualTo("/" + longest);
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("/" + longest + "b"));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("/" + "x".repeat(100_000)));
	}

	@Test
	void namesMayHoldDotsDashesAndUnderscoresAfterTheFirstCharacter() {
		assertThat(WorkgroupPaths.normalize("/lab-1/pi_2.local")).isEqualTo("/lab-1/pi_2.local");
	}

	@Test
	void depthIsBounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.normalize("/a".repeat(17)))
			.withMessageContaining("deeper than 16");
		assertThat(WorkgroupPaths.normalize("/a".repeat(16))).isEqualTo("/a".repeat(16));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.navigate("/a", "b" + "/b".repeat(15)));
	}

	@Test
	void relativePathsResolveAgainstTheActingWorkgroup() {
		assertThat(WorkgroupPaths.resolve("/lab", "pis")).isEqualTo("/lab/pis");
		assertThat(WorkgroupPaths.resolve("/", "lab")).isEqualTo("/lab");
		assertThat(WorkgroupPaths.resolve("/lab", "/other")).isEqualTo("/other");
		assertThat(WorkgroupPaths.resolve("/lab", "pis/a")).isEqualTo("/lab/pis/a");
		assertThat(WorkgroupPaths.resolve("/lab", " pis/ ")).isEqualTo("/lab/pis");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.resolve("/lab", "../other"));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.resolve("/lab", "."));
	}

	@Test
	void navigateMovesLikeAShellCd() {
		assertThat(WorkgroupPaths.navigate("/lab", "pis")).isEqualTo("/lab/pis");
		assertThat(WorkgroupPaths.navigate("/lab/pis", "..")).isEqualTo("/lab");
		assertThat(WorkgroupPaths.navigate("/lab/pis", "../../..")).isEqualTo("/");
		assertThat(WorkgroupPaths.navigate("/lab/pis", "../racks/./a/")).isEqualTo("/lab/racks/a");
		assertThat(WorkgroupPaths.navigate("/lab", "/ops//db")).isEqualTo("/ops/db");
		assertThat(WorkgroupPaths.navigate("/", ".")).isEqualTo("/");
	}

	@Test
	void navigateStillRefusesInvalidNames() {
		for (String path : new String[] { "a b", "/a:b", "../-x", "/\u00e9t\u00e9", "x/.hidden" }) {
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> WorkgroupPaths.navigate("/lab", path));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> WorkgroupPaths.navigate("lab", "pis"))
			.withMessageContaining("must start with /");
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
		assertThat(WorkgroupPaths.parent("/")).isEqualTo("/");
	}

}
