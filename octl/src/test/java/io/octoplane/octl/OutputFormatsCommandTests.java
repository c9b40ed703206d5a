package io.octoplane.octl;

import java.util.List;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -o name}, {@code -o jsonpath=...} and the paging options of the listings, as
 * scripts use them against a brain.
 */
class OutputFormatsCommandTests extends StubBrainCommandTest {

	@Test
	void nameListsOneNodePerLine() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get", "-o", "name");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("pi1\npi2-long-name\n");
	}

	@Test
	void nameListsJobIdsBeforeOrAfterTheCommand() {
		this.brain.answerJson("GET", ApiPaths.JOBS, ApiFixtures.jobList());
		assertThat(this.octl.run(this.config, "job", "ls", "-o", "name").out()).isEqualTo("job-2\njob-1\n");
		assertThat(this.octl.run(this.config, "-o", "name", "job", "list").out()).isEqualTo("job-2\njob-1\n");
	}

	@Test
	void jsonpathRangePrintsOneLinePerJob() {
		this.brain.answerJson("GET", ApiPaths.JOBS, ApiFixtures.jobList());
		OctlRun run = this.octl.run(this.config, "job", "ls",
				"-o=jsonpath={range .jobs[*]}{.id}{\"\\t\"}{.state}{\"\\n\"}{end}");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("job-2\trunning\njob-1\tcompleted\n");
		OctlRun one = this.octl.run(this.config, "job", "ls", "-o", "jsonpath={.jobs[0].id}");
		assertThat(one.out()).isEqualTo("job-2");
	}

	@Test
	void badJsonpathIsInvalidInputBeforeAnyCall() {
		OctlRun run = this.octl.run(this.config, "node", "get", "-o", "jsonpath={.nodes[*].name");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("bad jsonpath template").contains("'{' without '}'");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void unknownFormatIsInvalidInput() {
		OctlRun run = this.octl.run(this.config, "node", "get", "-o", "xml");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use json, yaml, table, wide, name or jsonpath=TEMPLATE");
	}

	@Test
	void jobListSendsTheCursorAndTellsATableReaderAboutTheNextPage() {
		this.brain.answerJson("GET", ApiPaths.JOBS, new JobListResponse(ApiFixtures.jobList().jobs(), "bmV4dA"));
		OctlRun run = this.octl.run(this.config, "job", "ls", "--limit", "2", "--cursor", "c3RhcnQ", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=2&cursor=c3RhcnQ");
		assertThat(run.err()).contains("--cursor bmV4dA");
		OctlRun json = this.octl.run(this.config, "job", "ls", "--limit", "2");
		assertThat(json.json().path("next_cursor").asString()).isEqualTo("bmV4dA");
		assertThat(json.err()).isEmpty();
	}

	@Test
	void auditSendsTheCursor() {
		this.brain.answerJson("GET", ApiPaths.AUDIT, new AuditResponse(List.of(), "bmV4dA"));
		OctlRun run = this.octl.run(this.config, "audit", "--limit", "5", "--cursor", "c3RhcnQ");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=5&cursor=c3RhcnQ");
		assertThat(run.json().path("next_cursor").asString()).isEqualTo("bmV4dA");
	}

}
