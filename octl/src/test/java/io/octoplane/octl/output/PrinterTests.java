package io.octoplane.octl.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.octoplane.octl.ExitException;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrinterTests {

	@Test
	void nameListsNodeNamesOnePerLine() {
		assertThat(print(OutputChoice.parse("name"), ApiFixtures.nodeList())).isEqualTo("pi1\npi2-long-name\n");
	}

	@Test
	void nameListsJobIdsWhereItemsHaveNoName() {
		assertThat(print(OutputChoice.parse("NAME"), ApiFixtures.jobList())).isEqualTo("job-2\njob-1\n");
	}

	@Test
	void nameOfOneItemIsOneLine() {
		assertThat(print(OutputChoice.parse("name"), ApiFixtures.job())).isEqualTo(ApiFixtures.JOB_ID + "\n");
	}

	@Test
	void nameOfAnEmptyListIsNothing() {
		assertThat(print(OutputChoice.parse("name"), new AuditResponse(List.of()))).isEmpty();
	}

	@Test
	void nameOfItemsWithoutNamesIsInvalidInput() {
		AuditResponse audit = new AuditResponse(List.of(new AuditEntry(ApiFixtures.NOW, "alice", "/", "127.0.0.1",
				"POST /api/v1/commands", List.of("pi1"), 202, null)));
		assertThatExceptionOfType(ExitException.class).isThrownBy(() -> print(OutputChoice.parse("name"), audit))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(2))
			.withMessageContaining("no names or ids");
	}

	@Test
	void jsonpathRendersTheWireNames() {
		OutputChoice choice = OutputChoice.parse("jsonpath={range .nodes[*]}{.name} {.state}{\"\\n\"}{end}");
		assertThat(print(choice, ApiFixtures.nodeList())).isEqualTo("pi1 online\npi2-long-name offline\n");
		assertThat(print(OutputChoice.parse("jsonpath={.nodes[0].last_active}"), ApiFixtures.nodeList()))
			.isEqualTo("2026-11-22T10:15:30Z");
	}

	@Test
	void unknownFormatNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutputChoice.parse("xml"))
			.withMessageContaining("json, yaml, table, wide, name or jsonpath=TEMPLATE");
	}

	private static String print(OutputChoice choice, Object value) {
		StringWriter out = new StringWriter();
		new Printer(choice, new PrintWriter(out)).print(value, (shown) -> "table\n");
		return out.toString();
	}

}
