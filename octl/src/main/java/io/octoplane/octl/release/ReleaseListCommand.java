package io.octoplane.octl.release;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.ns.NameserverTarget;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.protocol.api.ReleaseListResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code octl release list}: the releases the nameserver stores. */
@Command(name = "list", description = "List the releases stored on the nameserver.")
public final class ReleaseListCommand extends OctlCommand {

	@Mixin
	private NameserverTarget target;

	@Override
	protected int execute(Octl octl) {
		ReleaseListResponse releases = this.target.api(octl).releases();
		octl.printer(spec()).print(releases, ReleaseListCommand::table);
		return ExitStatus.OK;
	}

	static String table(ReleaseListResponse response) {
		Table table = Table.withHeaders("COMPONENT", "VERSION", "SIZE", "SHA256", "UPLOADED_AT", "UPLOADED_BY");
		for (ReleaseInfo release : response.releases()) {
			table.row(release.component(), release.version(), release.sizeBytes(), release.sha256().substring(0, 12),
					release.uploadedAt(), release.uploadedBy());
		}
		return table.render();
	}

}
