package io.octoplane.octl.file;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.FileTransferException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.job.JobWaiter;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.SentFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file copy}: node to node through the brain's blob store; the bytes never
 * pass through this machine.
 */
@Command(name = "copy", customSynopsis = "octl file copy NODE:PATH TARGET:DIR... [OPTIONS]",
		description = { "Copy a file or folder from one node into a folder of others; the bytes go through the "
				+ "brain, not through this machine. TARGET is a node, an @GROUP or ALL. A missing DIR is created "
				+ "unless --no-create is given. Prints each installing node's result." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl file copy pi1:/etc/app.conf pi2:/etc", "  octl file copy pi1:@fstore/data @lab:@fstore",
				"  octl file copy pi1:/etc/app.conf pi2:/etc pi3:/etc" })
public final class FileCopyCommand extends OctlCommand {

	@Mixin
	private CreateTargetOptions createTarget = new CreateTargetOptions();

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
			description = "Time limit for each of the two transfers (default: 1h).")
	private Duration timeout = Duration.ofHours(1);

	@Parameters(index = "0", paramLabel = "NODE:PATH", description = "The source.")
	private String source = "";

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET:DIR",
			description = "Target folders: a node, @GROUP or ALL, a colon, the folder.")
	private List<String> targets = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		boolean create = this.createTarget.create(spec());
		String[] from = split(this.source);
		// Targets sharing a folder go in one job.
		Map<String, List<String>> byFolder = new LinkedHashMap<>();
		for (String target : this.targets) {
			String[] to = split(target);
			byFolder.computeIfAbsent(to[1], (folder) -> new ArrayList<>()).add(to[0]);
		}
		OctoplaneClient client = octl.client();
		SentFile sent;
		try {
			sent = client.files()
				.sent(FileTransfers.await(client, client.files().fetch(from[0], from[1], this.timeout), this.timeout));
		}
		catch (FileTransferException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot copy " + this.source + ": " + ex.getMessage(), ex);
		}
		StagedFile staged = new StagedFile(new BlobResponse(sent.sha256(), sent.sizeBytes()), sent.kind(), sent.name(),
				sent.mode());
		int status = ExitStatus.OK;
		for (Map.Entry<String, List<String>> folder : byFolder.entrySet()) {
			JobResponse accepted = client.files()
				.install(staged, folder.getKey(), folder.getValue(), create, this.timeout, Duration.ZERO);
			int each = JobWaiter.await(octl, spec(), client, accepted, this.timeout.plus(FileTransfers.ANSWER_MARGIN),
					false);
			status = (status != ExitStatus.OK) ? status : each;
		}
		return status;
	}

	private String[] split(String text) {
		int colon = text.indexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw new ParameterException(spec().commandLine(), "'" + text + "' must be NODE:PATH");
		}
		return new String[] { text.substring(0, colon), text.substring(colon + 1) };
	}

}
