package io.octoplane.octl.scen;

import java.nio.file.Path;
import java.util.Map;

import io.octoplane.octl.Octl;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetSpellingTests {

	@TempDir
	Path home;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			scen version demo -o 5 -l 2           | 5 | json
			scen version demo --offset 3 -o table | 3 | table
			-o yaml scen version demo -o 7        | 7 | yaml
			napp version node1 a@demo -o 2        | 2 | json
			napp version node1 a@demo -o wide     | 0 | wide
			""")
	void numberAfterDashOIsAnOffsetAndAFormatNameStaysTheFormat(String line, int offset, String format) {
		String[] args = line.strip().split(" +");
		ParseResult root = new Octl(Map.of(), this.home).commandLine(args).parseArgs(args);
		ParseResult leaf = root;
		while (leaf.subcommand() != null) {
			leaf = leaf.subcommand();
		}
		assertThat(leaf.matchedOptionValue("--offset", 0)).isEqualTo(offset);
		String chosen = format;
		for (ParseResult level = root; level != null; level = level.subcommand()) {
			if (level.hasMatchedOption("-o")) {
				chosen = String.valueOf(level.matchedOptionValue("-o", (Object) null)).toLowerCase();
			}
		}
		assertThat(chosen).isEqualTo(format);
	}

}
