package io.octoplane.octl.ns;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameListResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code octl nameserver list}: the live entries, filtered by name. */
@Command(name = "list", description = "List live entries; the filters combine.", footerHeading = "%nExamples:%n",
		footer = { "  octl nameserver list", "  octl ns list --prefix brain --suffix .eu -o table" })
public final class NameserverListCommand extends OctlCommand {

	@Mixin
	private NameserverTarget target;

	@Option(names = "--prefix", paramLabel = "TEXT", description = "Names starting with this.")
	private @Nullable String prefix;

	@Option(names = "--suffix", paramLabel = "TEXT", description = "Names ending with this.")
	private @Nullable String suffix;

	@Option(names = "--contains", paramLabel = "TEXT", description = "Names containing this.")
	private @Nullable String contains;

	@Override
	protected int execute(Octl octl) {
		NameListResponse response = this.target.api(octl).list(this.prefix, this.suffix, this.contains);
		octl.printer(spec()).print(response, NameserverListCommand::table);
		return ExitStatus.OK;
	}

	static String table(NameListResponse response) {
		Table table = Table.withHeaders("NAME", "KIND", "ADDRESSES", "EXPIRES_AT", "REGISTERED_BY");
		for (NameEntry entry : response.entries()) {
			table.row(entry.name(), entry.kind(), String.join(",", entry.addresses()), entry.expiresAt(),
					entry.registeredBy());
		}
		return table.render();
	}

}
