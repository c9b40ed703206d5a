package io.octoplane.octl.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.client.FileTransferException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileNames;
import io.octoplane.protocol.file.SentFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file download}: has a node send a file or folder to the brain, then streams
 * it here, checks its SHA-256 and puts it in place under its own name. With {@code brain}
 * as the source, the path is the SHA-256 of a blob in the brain's store.
 */
@Command(name = "download", customSynopsis = "octl file download PATH [LOCAL_DIR] NODE|brain [OPTIONS]",
		description = {
				"Download a file or folder from a node (or a blob from the brain) into LOCAL_DIR "
						+ "(default: the current folder).",
				"Prints the local path, size and SHA-256. A folder arrives as a folder, permissions kept; "
						+ "an existing folder of the same name is not overwritten." },
		footerHeading = "%nExamples:%n", footer = { "  octl file download /var/log/syslog . pi1",
				"  octl file download @workspace/app ./backup pi2", "  octl file download 3a7bd3e2...c4 . brain" })
public final class FileDownloadCommand extends OctlCommand {

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
			description = "Time limit for the node to send it (default: 1h).")
	private Duration timeout = Duration.ofHours(1);

	@Parameters(paramLabel = "ARG", arity = "0..*", description = "PATH, optional LOCAL_DIR, then NODE or brain.")
	private List<String> arguments = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		if (this.arguments.size() < 2 || this.arguments.size() > 3) {
			throw new ParameterException(spec().commandLine(), "name a path, optionally a local folder, and a node");
		}
		String path = this.arguments.get(0);
		Path localDir = octl.resolve((this.arguments.size() == 3) ? this.arguments.get(1) : ".");
		String node = this.arguments.get(this.arguments.size() - 1);
		OctoplaneClient client = octl.client();
		SentFile sent;
		if (node.equals("brain")) {
			if (!FileNames.isSha256(path)) {
				throw new ParameterException(spec().commandLine(),
						"from the brain, PATH is the SHA-256 of a blob (64 lower-case hex digits)");
			}
			sent = new SentFile(path, 0, FileKind.FILE, path, 0644);
		}
		else {
			JobResponse job = FileTransfers.await(client, client.files().fetch(node, path, this.timeout), this.timeout);
			try {
				sent = client.files().sent(job);
			}
			catch (FileTransferException ex) {
				throw new ExitException(ExitStatus.GENERIC, "cannot download " + path + ": " + ex.getMessage(), ex);
			}
		}
		ProgressBar bar = new ProgressBar(spec().commandLine().getErr(), "download " + sent.name(), sent.sizeBytes(),
				octl.interactive());
		Path written;
		long size;
		try {
			written = client.files().download(sent, localDir, bar);
			// A blob named by its digest alone arrives without a size.
			size = (sent.kind() == FileKind.FILE) ? Files.size(written) : sent.sizeBytes();
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot download " + path + ": " + ex.getMessage(), ex);
		}
		finally {
			bar.finish();
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("node", node);
		result.put("source", path);
		result.put("path", written.toString());
		result.put("kind", (sent.kind() == FileKind.FILE) ? "file" : "directory");
		result.put("size_bytes", size);
		result.put("sha256", sent.sha256());
		octl.printer(spec())
			.print(result,
					(value) -> Table.withHeaders("PATH", "KIND", "SIZE", "SHA256")
						.row(value.get("path"), value.get("kind"), value.get("size_bytes"), value.get("sha256"))
						.render());
		return ExitStatus.OK;
	}

}
