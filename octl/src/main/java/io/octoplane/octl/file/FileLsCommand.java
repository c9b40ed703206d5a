package io.octoplane.octl.file;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.client.FileApi.NodeListing;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.TargetNames;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.file.FileListSpec;
import io.octoplane.protocol.file.FileListing;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file ls}: lists a folder as a tree, on nodes or in the brain's file store,
 * as Octopoda's {@code file ls} does.
 */
@Command(name = "ls", customSynopsis = "octl file ls DIR NODE|@GROUP|ALL|brain[:NAME]... [--depth N] [OPTIONS]",
		description = {
				"List a folder as a tree: path, type, size, permissions, modification time; folders are "
						+ "followed by their entries, symbolic links are shown, not followed.",
				"On a node DIR is absolute, relative to the workspace, or starts with an @ alias; on 'brain' it "
						+ "is a folder of the file store of the brain that answers, on 'brain:NAME' of the named brain's. Several targets print a NODE column (JSON: one "
						+ "object per node)." },
		footerHeading = "%nExamples:%n", footer = { "  octl file ls /etc pi1 --depth 1",
				"  octl file ls @log pi1 -o table", "  octl file ls @fstore ALL", "  octl file ls / brain -o table" })
public final class FileLsCommand extends OctlCommand {

	private static final Duration LIMIT = Duration.ofSeconds(60);

	private static final String BRAIN = "brain";

	@Option(names = "--depth", paramLabel = "N", defaultValue = "0",
			description = "Levels to list: 1 for the folder's own entries, 0 for every level (the default; "
					+ "at most 5000 entries per node).")
	private int depth;

	@Parameters(index = "0", paramLabel = "DIR", description = "The folder.")
	private String path = "";

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET",
			description = "Nodes, @GROUPs, ALL, brain (the brain that answers) or brain:NAME (a named brain).")
	private List<String> targets = new ArrayList<>();

	/** Whether a target is the brain that answers ({@code brain}) or a named one. */
	static boolean isBrain(String target) {
		return target.equals(BRAIN) || target.startsWith(BRAIN + ":");
	}

	/** The brain a target names, or {@code null} for the one that answers. */
	static @Nullable String named(String target) {
		return target.equals(BRAIN) ? null : target.substring(BRAIN.length() + 1);
	}

	@Override
	protected int execute(Octl octl) {
		if (this.depth < 0 || this.depth > FileListSpec.MAX_DEPTH) {
			throw new ParameterException(spec().commandLine(),
					"--depth must be between 0 (every level) and " + FileListSpec.MAX_DEPTH);
		}
		OctoplaneClient client = octl.client();
		List<NodeListing> listings = new ArrayList<>();
		List<String> nodes = this.targets.stream().filter((target) -> !isBrain(target)).distinct().toList();
		for (String brain : this.targets.stream().filter(FileLsCommand::isBrain).distinct().toList()) {
			listings
				.add(new NodeListing(brain, client.files().store().list(named(brain), this.path, this.depth), null));
		}
		if (!nodes.isEmpty()) {
			listings.addAll(client.files()
				.listings(FileTransfers.await(client, client.files().list(nodes, this.path, this.depth), LIMIT)));
		}
		boolean single = this.targets.size() == 1 && !TargetNames.standsForSeveral(this.targets.get(0));
		if (single) {
			NodeListing only = listings.get(0);
			if (only.listing() == null) {
				throw new ExitException(ExitStatus.GENERIC, "cannot list " + this.path + ": " + only.error());
			}
			octl.printer(spec()).print(only.listing(), FileLsCommand::table);
			return ExitStatus.OK;
		}
		List<NodeListingView> views = listings.stream().map(NodeListingView::of).toList();
		octl.printer(spec()).print(views, FileLsCommand::tables);
		for (NodeListing listing : listings) {
			if (listing.error() != null) {
				spec().commandLine().getErr().println("octl: cannot list " + this.path + ": " + listing.error());
			}
		}
		return listings.stream().allMatch((listing) -> listing.error() == null) ? ExitStatus.OK : ExitStatus.GENERIC;
	}

	static String table(FileListing listing) {
		Table table = Table.withHeaders("MODE", "TYPE", "SIZE", "MODIFIED", "NAME");
		listing.entries()
			.forEach((entry) -> table.row(entry.mode(), entry.type(), entry.sizeBytes(), entry.modified(),
					entry.name()));
		return table.render() + truncation(listing);
	}

	static String tables(List<NodeListingView> views) {
		Table table = Table.withHeaders("NODE", "MODE", "TYPE", "SIZE", "MODIFIED", "NAME");
		StringBuilder notes = new StringBuilder();
		for (NodeListingView view : views) {
			view.entries()
				.forEach((entry) -> table.row(view.node(), entry.mode(), entry.type(), entry.sizeBytes(),
						entry.modified(), entry.name()));
			if (view.truncated()) {
				notes.append("(").append(view.node()).append(": more entries than a listing holds)\n");
			}
		}
		return table.render() + notes;
	}

	private static String truncation(FileListing listing) {
		return listing.truncated() ? "(more entries than a listing holds; list a deeper folder or use --depth)\n" : "";
	}

}
