package io.octoplane.octl.scen;

import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.TargetNames;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.ScenarioInfo;
import io.octoplane.protocol.api.ScenarioListResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code octl scen get}: the acting workgroup's scenarios, or one of them. */
@Command(name = "get", description = "Show the scenarios of the acting workgroup, or one of them.",
		footerHeading = "%nExamples:%n", footer = { "  octl scen get", "  octl scen get helloWorld -o table" })
public final class ScenGetCommand extends OctlCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "SCEN",
			description = "A scenario's name; without it (or ALL, as in Octopoda) every scenario.")
	private @Nullable String name;

	@Override
	protected int execute(Octl octl) {
		if (this.name != null && !TargetNames.ALL.equals(this.name)) {
			ScenarioInfo info = octl.client().scenarios().get(this.name);
			octl.printer(spec()).print(info, (one) -> table(new ScenarioListResponse(List.of(one))));
		}
		else {
			octl.printer(spec()).print(octl.client().scenarios().list(), ScenGetCommand::table);
		}
		return ExitStatus.OK;
	}

	static String table(ScenarioListResponse scenarios) {
		Table table = Table.withHeaders("NAME", "VERSION", "APP", "NODES", "DESCRIPTION");
		for (ScenarioInfo scenario : scenarios.scenarios()) {
			for (ScenarioInfo.App app : scenario.apps()) {
				table.row(scenario.name(), (scenario.version() != null) ? scenario.version().substring(0, 10) : "-",
						app.name(), String.join(",", app.nodes()), scenario.description());
			}
		}
		return table.render();
	}

}
