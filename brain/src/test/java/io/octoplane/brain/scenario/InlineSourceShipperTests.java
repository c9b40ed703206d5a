package io.octoplane.brain.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InlineSourceShipperTests {

	private static final Deployment.App APP = new Deployment.App("web", "", "web/scripts", "web/src", List.of("n1"),
			List.of());

	@Test
	void scriptsAlwaysSourcesOnlyWhenAsked() throws IOException {
		ScenarioFolder folder = ScenarioFolder.of(Map.of("web/scripts/run.sh", "echo".getBytes(), "web/src/a/b.txt",
				"b".getBytes(), "other/x.txt", "x".getBytes()));
		InlineSourceShipper shipper = shipper(DataSize.ofMegabytes(2));
		assertThat(entries(shipper.ship(folder, APP, false))).containsExactly("scripts/run.sh");
		assertThat(entries(shipper.ship(folder, APP, true))).containsExactly("scripts/run.sh", "src/", "src/a/b.txt");
	}

	@Test
	void archiveOverTheLimitIsRefusedNamingTheLimit() {
		byte[] noise = new byte[64 * 1024];
		new Random(7).nextBytes(noise);
		ScenarioFolder folder = ScenarioFolder
			.of(Map.of("web/scripts/run.sh", "echo".getBytes(), "web/src/big.bin", noise));
		assertThatExceptionOfType(InvalidDeploymentException.class)
			.isThrownBy(() -> shipper(DataSize.ofKilobytes(16)).ship(folder, APP, true))
			.withMessageContaining("the limit for shipping them inline is 16384")
			.withMessageContaining("octoplane.scenario.max-archive");
	}

	private static InlineSourceShipper shipper(DataSize limit) {
		return new InlineSourceShipper(new ScenarioProperties(Duration.ofMinutes(1), limit, DataSize.ofMegabytes(64)));
	}

	private static List<String> entries(String base64) throws IOException {
		List<String> names = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64))))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				names.add(entry.getName());
			}
		}
		return names;
	}

}
