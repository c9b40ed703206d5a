package io.octoplane.brain.scenario;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeappShipperTests {

	private static final Deployment.App APP = new Deployment.App("web", "", "web/scripts", "web/src", List.of("n1"),
			List.of());

	@Test
	void scriptsAlwaysSourcesOnlyWhenAsked() throws IOException {
		ScenarioFolder folder = ScenarioFolder.of(Map.of("web/scripts/run.sh", "echo".getBytes(), "web/src/a/b.txt",
				"b".getBytes(), "other/x.txt", "x".getBytes()));
		assertThat(entries(folder, false)).containsExactly("scripts/run.sh");
		assertThat(entries(folder, true)).containsExactly("scripts/run.sh", "src/", "src/a/b.txt");
	}

	@Test
	void wholeFolderAsSourcesHoldsTheScriptsTwice() throws IOException {
		Deployment.App whole = new Deployment.App("web", "", "web/scripts", "", List.of("n1"), List.of());
		ScenarioFolder folder = ScenarioFolder.of(Map.of("web/scripts/run.sh", "echo".getBytes()));
		assertThat(entries(folder, whole, true)).containsExactly("scripts/run.sh", "src/", "src/web/scripts/run.sh");
	}

	private static List<String> entries(ScenarioFolder folder, boolean withSources) throws IOException {
		return entries(folder, APP, withSources);
	}

	private static List<String> entries(ScenarioFolder folder, Deployment.App app, boolean withSources)
			throws IOException {
		ByteArrayOutputStream packed = new ByteArrayOutputStream();
		NodeappShipper.pack(folder, app, withSources, packed);
		List<String> names = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new ByteArrayInputStream(packed.toByteArray())))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				names.add(entry.getName());
			}
		}
		return names;
	}

}
