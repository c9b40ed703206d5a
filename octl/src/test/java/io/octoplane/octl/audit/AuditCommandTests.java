package io.octoplane.octl.audit;

import java.time.Instant;
import java.util.List;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTests extends StubBrainCommandTest {

	@Test
	void tableShowsWhoDidWhatWhereWithWhatStatus() {
		AuditEntry entry = new AuditEntry(Instant.parse("2026-11-22T10:15:30Z"), "alice", "/lab", "10.0.0.5",
				"POST /api/v1/commands", List.of("pi1", "pi2"), 202, null);
		this.brain.answerJson("GET", ApiPaths.AUDIT, new AuditResponse(List.of(entry)));
		OctlRun run = this.octl.run(this.config, "audit", "--limit", "10", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=10");
		assertThat(run.out())
			.isEqualTo("TIME                  CALLER  WORKGROUP  ACTION                 STATUS  TARGETS\n"
					+ "2026-11-22T10:15:30Z  alice   /lab       POST /api/v1/commands  202     pi1,pi2\n");
	}

	@Test
	void limitOutOfRangeIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "audit", "--limit", "0");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--limit must be between 1 and 1000");
		assertThat(this.brain.requests()).isEmpty();
	}

}
