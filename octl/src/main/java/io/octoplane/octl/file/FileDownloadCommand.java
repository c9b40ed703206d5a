package io.octoplane.octl.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.octoplane.client.FileApi.NodeSentFile;
import io.octoplane.client.FileTransferException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.TargetNames;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileNames;
import io.octoplane.protocol.file.SentFile;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file download}: has nodes send a file or folder to the brain, then streams
 * it here, checks its SHA-256 and puts it in place under its own name; from several
 * nodes, each copy lands in a folder named after its node. From {@code brain}, the path
 * is the SHA-256 of a blob or a file or folder of the brain's file store.
 */
@Command(name = "download",
		customSynopsis = "octl file download PATH [LOCAL_DIR] NODE|@GROUP|ALL...|brain[:NAME] [OPTIONS]",
		description = {
				"Download a file or folder from nodes (or a blob, or a file or folder of the brain's file store, "
						+ "from the brain) into LOCAL_DIR (default: the current folder).",
				"Prints the local path, size and SHA-256. A folder arrives as a folder, permissions kept; "
						+ "an existing folder of the same name is not overwritten. From several nodes (an @GROUP, "
						+ "ALL or more than one name) each copy goes to LOCAL_DIR/NODE/." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl file download /var/log/syslog . pi1", "  octl file download @workspace/app ./backup pi2",
				"  octl file download @fstore/foobar ./copies @lab", "  octl file download 3a7bd3e2...c4 . brain",
				"  octl file download reports/today.csv . brain" })
public final class FileDownloadCommand extends OctlCommand {

	private static final String BRAIN = "brain";

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
			description = "Time limit for each node to send it (default: 1h).")
	private Duration timeout = Duration.ofHours(1);

	@Parameters(paramLabel = "ARG", arity = "0..*",
			description = "PATH, optional LOCAL_DIR, then nodes, @GROUPs, ALL, brain or brain:NAME.")
	private List<String> arguments = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		if (this.arguments.size() < 2) {
			throw new ParameterException(spec().commandLine(), "name a path, optionally a local folder, and a node");
		}
		String path = this.arguments.get(0);
		boolean withDir = this.arguments.size() >= 3;
		Path localDir = octl.resolve(withDir ? this.arguments.get(1) : ".");
		List<String> targets = this.arguments.subList(withDir ? 2 : 1, this.arguments.size())
			.stream()
			.distinct()
			.toList();
		OctoplaneClient client = octl.client();
		if (targets.stream().anyMatch(FileLsCommand::isBrain)) {
			if (targets.size() > 1) {
				throw new ParameterException(spec().commandLine(), "download from one brain or from nodes, not both");
			}
			return print(octl, fromBrain(octl, client, path, localDir, targets.get(0)));
		}
		if (targets.size() == 1 && !TargetNames.standsForSeveral(targets.get(0))) {
			String node = targets.get(0);
			JobResponse job = FileTransfers.await(client, client.files().fetch(node, path, this.timeout), this.timeout);
			SentFile sent;
			try {
				sent = client.files().sent(job);
			}
			catch (FileTransferException ex) {
				throw new ExitException(ExitStatus.GENERIC, "cannot download " + path + ": " + ex.getMessage(), ex);
			}
			return print(octl, save(octl, client, node, path, sent, localDir));
		}
		JobResponse job = FileTransfers.await(client, client.files().fetch(targets, path, this.timeout), this.timeout);
		List<Map<String, Object>> results = new ArrayList<>();
		boolean failed = false;
		for (NodeSentFile each : client.files().sentFiles(job)) {
			SentFile sent = each.sent();
			if (sent == null) {
				failed = true;
				spec().commandLine()
					.getErr()
					.println("octl: cannot download " + path + " from " + each.node() + ": " + each.error());
				continue;
			}
			results.add(save(octl, client, each.node(), path, sent,
					localDir.resolve(FileNames.requireSegment(each.node()))));
		}
		octl.printer(spec()).print(results, FileDownloadCommand::table);
		return failed ? ExitStatus.GENERIC : ExitStatus.OK;
	}

	private Map<String, Object> fromBrain(Octl octl, OctoplaneClient client, String path, Path localDir, String brain) {
		// Blobs are shared: any brain finds one by its digest, fetching it from a peer.
		if (FileNames.isSha256(path)) {
			return save(octl, client, BRAIN, path, new SentFile(path, 0, FileKind.FILE, path, 0644), localDir);
		}
		ProgressBar bar = new ProgressBar(spec().commandLine().getErr(), "download " + path, 0, octl.interactive());
		try {
			Path written = client.files().store().download(FileLsCommand.named(brain), path, localDir, bar);
			if (Files.isDirectory(written)) {
				return result(brain, path, written, FileKind.DIRECTORY, treeSize(written), null);
			}
			return result(brain, path, written, FileKind.FILE, Files.size(written), null);
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot download " + path + ": " + ex.getMessage(), ex);
		}
		finally {
			bar.finish();
		}
	}

	private static long treeSize(Path folder) throws IOException {
		try (Stream<Path> tree = Files.walk(folder)) {
			return tree.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	private Map<String, Object> save(Octl octl, OctoplaneClient client, String node, String path, SentFile sent,
			Path localDir) {
		ProgressBar bar = new ProgressBar(spec().commandLine().getErr(), "download " + sent.name(), sent.sizeBytes(),
				octl.interactive());
		try {
			Path written = client.files().download(sent, localDir, bar);
			// A blob named by its digest alone arrives without a size.
			long size = (sent.kind() == FileKind.FILE) ? Files.size(written) : sent.sizeBytes();
			return result(node, path, written, sent.kind(), size, sent.sha256());
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot download " + path + ": " + ex.getMessage(), ex);
		}
		finally {
			bar.finish();
		}
	}

	private static Map<String, Object> result(String node, String path, Path written, FileKind kind, long size,
			@Nullable String sha256) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("node", node);
		result.put("source", path);
		result.put("path", written.toString());
		result.put("kind", (kind == FileKind.FILE) ? "file" : "directory");
		result.put("size_bytes", size);
		if (sha256 != null) {
			result.put("sha256", sha256);
		}
		return result;
	}

	private int print(Octl octl, Map<String, Object> result) {
		octl.printer(spec())
			.print(result,
					(value) -> Table.withHeaders("PATH", "KIND", "SIZE", "SHA256")
						.row(value.get("path"), value.get("kind"), value.get("size_bytes"), value.get("sha256"))
						.render());
		return ExitStatus.OK;
	}

	static String table(List<Map<String, Object>> results) {
		Table table = Table.withHeaders("NODE", "PATH", "KIND", "SIZE", "SHA256");
		results.forEach((value) -> table.row(value.get("node"), value.get("path"), value.get("kind"),
				value.get("size_bytes"), value.get("sha256")));
		return table.render();
	}

}
