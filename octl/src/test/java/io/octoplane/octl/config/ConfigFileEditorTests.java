package io.octoplane.octl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFileEditorTests {

	@TempDir
	Path dir;

	@Test
	void replacesTheWorkgroupLineKeepingEverythingElse() {
		String before = "# my brain\nbrain: https://b:1\nworkgroup: /old   # where I work\nca: ca.crt\n";
		assertThat(ConfigFileEditor.withWorkgroup(before, "/lab/pis"))
			.isEqualTo("# my brain\nbrain: https://b:1\nworkgroup: /lab/pis   # where I work\nca: ca.crt\n");
		assertThat(ConfigFileEditor.withWorkgroup("\"workgroup\": '/x'\r\nca: c\r\n", "/y"))
			.isEqualTo("\"workgroup\": /y\r\nca: c\r\n");
	}

	@Test
	void leavesIndentedKeysAloneAndAppendsWhenMissing() {
		assertThat(ConfigFileEditor.withWorkgroup("ca: c\nother:\n  workgroup: /nested", "/lab"))
			.isEqualTo("ca: c\nother:\n  workgroup: /nested\nworkgroup: /lab\n");
		assertThat(ConfigFileEditor.withWorkgroup("", "/")).isEqualTo("workgroup: /\n");
	}

	@Test
	void rewritesTheFileInPlaceKeepingItsPermissions() throws IOException {
		Path file = Files.writeString(this.dir.resolve("octl.yaml"), "ca: ca.crt\nworkgroup: /a\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		Path link = Files.createSymbolicLink(this.dir.resolve("link.yaml"), file);
		ConfigFileEditor.setWorkgroup(link, "/b", null);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(file).hasContent("ca: ca.crt\nworkgroup: /b\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(this.dir)) {
			assertThat(files.map((each) -> each.getFileName().toString())).containsExactlyInAnyOrder("octl.yaml",
					"link.yaml");
		}
	}

}
