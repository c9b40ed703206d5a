package io.octoplane.tentacle.file;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FilePathsTests {

	private final FilePaths paths = new FilePaths(new NodePaths(Path.of("/srv/tentacle")), Path.of("/home/pi"));

	private final Path fstore = new NodePaths(Path.of("/srv/tentacle")).resolve("@fstore");

	@Test
	void relativeUploadTargetsLandInTheFileStoreAsInOctopoda() throws Exception {
		assertThat(this.paths.target("foobar")).isEqualTo(this.fstore.resolve("foobar"));
		assertThat(this.paths.target("a/b/")).isEqualTo(this.fstore.resolve("a/b"));
		assertThat(this.paths.target(".")).isEqualTo(this.fstore);
		assertThat(this.paths.target("")).isEqualTo(this.fstore);
	}

	@Test
	void tildeIsTheTentacleUsersHome() throws Exception {
		assertThat(this.paths.target("~")).isEqualTo(Path.of("/home/pi"));
		assertThat(this.paths.target("~/inbox")).isEqualTo(Path.of("/home/pi/inbox"));
	}

	@Test
	void absoluteAndAliasTargetsStayAsTheySay() throws Exception {
		assertThat(this.paths.target("/opt/app")).isEqualTo(Path.of("/opt/app"));
		assertThat(this.paths.target("/opt/app/../lib")).isEqualTo(Path.of("/opt/lib"));
		assertThat(this.paths.target("@fstore/x")).isEqualTo(this.fstore.resolve("x"));
	}

	@Test
	void downloadsAndListingsResolveRelativePathsInTheWorkspace() throws Exception {
		assertThat(this.paths.source("inbox/a")).isEqualTo(Path.of("/srv/tentacle/inbox/a"));
	}

	@Test
	void pathsThatLeaveTheirBaseAreRefused() {
		for (String escape : new String[] { "@fstore/../../etc", "@log/..", "../etc", "a/../../x", "~/../root" }) {
			assertThatExceptionOfType(TransferFailedException.class).as(escape)
				.isThrownBy(() -> this.paths.target(escape))
				.withMessageContaining("leaves");
		}
		for (String escape : new String[] { "@fstore/../../etc/passwd", "../etc/passwd" }) {
			assertThatExceptionOfType(TransferFailedException.class).as(escape)
				.isThrownBy(() -> this.paths.source(escape))
				.withMessageContaining("leaves");
		}
	}

	@Test
	void unknownAliasIsTold() {
		assertThatExceptionOfType(TransferFailedException.class).isThrownBy(() -> this.paths.target("@nowhere/x"))
			.withMessageContaining("unknown path alias @nowhere");
	}

}
