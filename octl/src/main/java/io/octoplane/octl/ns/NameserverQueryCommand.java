package io.octoplane.octl.ns;

import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameListResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code octl nameserver query}: one entry by its exact name. */
@Command(name = "query", description = "Show one live entry by its exact name.", footerHeading = "%nExamples:%n",
		footer = { "  octl nameserver query brain" })
public final class NameserverQueryCommand extends OctlCommand {

	@Mixin
	private NameserverTarget target;

	@Parameters(paramLabel = "NAME", description = "The entry's name, such as brain.")
	private String name;

	@Override
	protected int execute(Octl octl) {
		NameEntry entry = this.target.api(octl).query(this.name);
		octl.printer(spec()).print(entry, (shown) -> NameserverListCommand.table(new NameListResponse(List.of(shown))));
		return ExitStatus.OK;
	}

}
