package io.octoplane.octl.file;

import java.time.Duration;

import io.octoplane.client.FileTransferException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.file.FileListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code octl file ls}: lists a folder of a node. */
@Command(name = "ls", description = "List a folder of a node: name, type, size, permissions, modification time.",
		footerHeading = "%nExamples:%n", footer = { "  octl file ls /etc pi1", "  octl file ls @log pi1 -o table" })
public final class FileLsCommand extends OctlCommand {

	private static final Duration LIMIT = Duration.ofSeconds(60);

	@Parameters(index = "0", paramLabel = "DIR", description = "The folder: absolute, or starting with an @ alias.")
	private String path = "";

	@Parameters(index = "1", paramLabel = "NODE", description = "The node.")
	private String node = "";

	@Override
	protected int execute(Octl octl) {
		OctoplaneClient client = octl.client();
		FileListing listing;
		try {
			listing = client.files()
				.listing(FileTransfers.await(client, client.files().list(this.node, this.path), LIMIT));
		}
		catch (FileTransferException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot list " + this.path + ": " + ex.getMessage(), ex);
		}
		octl.printer(spec()).print(listing, FileLsCommand::table);
		return ExitStatus.OK;
	}

	static String table(FileListing listing) {
		Table table = Table.withHeaders("MODE", "TYPE", "SIZE", "MODIFIED", "NAME");
		listing.entries()
			.forEach((entry) -> table.row(entry.mode(), entry.type(), entry.sizeBytes(), entry.modified(),
					entry.name()));
		return table.render();
	}

}
