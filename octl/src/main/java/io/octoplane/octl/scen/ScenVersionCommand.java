package io.octoplane.octl.scen;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code octl scen version}: a scenario's versions, newest first. */
@Command(name = "version", description = "List a scenario's versions, newest first.", footerHeading = "%nExamples:%n",
		footer = { "  octl scen version helloWorld -l 5 -o table", "  octl scen version helloWorld -o 5 -l 5" },
		preprocessor = OffsetSpelling.class)
public final class ScenVersionCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name.")
	private String name = "";

	// -o N (Octopoda's spelling) arrives here through OffsetSpelling: -o is also octl's
	// output format.
	@Option(names = "--offset", paramLabel = "N",
			description = "Skip the N newest (default 0); -o N is read as --offset N.")
	private int offset;

	@Option(names = { "-l", "--limit" }, paramLabel = "N", description = "Show at most N (default 20).")
	private int limit = 20;

	@Override
	protected int execute(Octl octl) {
		ScenarioVersionsResponse versions = octl.client().scenarios().versions(this.name, this.offset, this.limit);
		octl.printer(spec()).print(versions, ScenVersionCommand::table);
		return ExitStatus.OK;
	}

	static String table(ScenarioVersionsResponse versions) {
		Table table = Table.withHeaders("VERSION", "TIME", "MESSAGE");
		versions.versions()
			.forEach((version) -> table.row(version.id().substring(0, 10), version.time().toString(),
					version.message().strip()));
		return table.render();
	}

}
