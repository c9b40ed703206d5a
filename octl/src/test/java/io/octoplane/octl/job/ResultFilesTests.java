package io.octoplane.octl.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFilesTests {

	@Test
	void nodeNameCannotLeaveTheFolderOrHideItsFiles() {
		assertThat(ResultFiles.fileName("../etc/passwd")).isEqualTo("_._etc_passwd");
		assertThat(ResultFiles.fileName(".hidden")).isEqualTo("_hidden");
		assertThat(ResultFiles.fileName("pi-1.lab")).isEqualTo("pi-1.lab");
	}

}
