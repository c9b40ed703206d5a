package io.octoplane.octl.file;

import java.time.Duration;
import java.util.List;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file copy}: node to node through the brain's blob store; the bytes never
 * pass through this machine.
 */
@Command(name = "copy", customSynopsis = "octl file copy [-f] NODE:PATH NODE:DIR [OPTIONS]",
		description = { "Copy a file or folder from one node into a folder of another; the bytes go through the "
				+ "brain, not through this machine. Prints the installing node's result." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl file copy pi1:/etc/app.conf pi2:/etc", "  octl file copy -f pi1:@fstore/data pi2:@fstore" })
public final class FileCopyCommand extends OctlCommand {

	@Option(names = "-f", description = "Create the target folder if it does not exist.")
	private boolean create;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
			description = "Time limit for each of the two transfers (default: 1h).")
	private Duration timeout = Duration.ofHours(1);

	@Parameters(index = "0", paramLabel = "NODE:PATH", description = "The source.")
	private String source = "";

	@Parameters(index = "1", paramLabel = "NODE:DIR", description = "The target folder.")
	private String target = "";

	@Override
	protected int execute(Octl octl) {
		String[] from = split(this.source);
		String[] to = split(this.target);
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
		JobResponse accepted = client.files()
			.install(staged, to[1], List.of(to[0]), this.create, this.timeout, Duration.ZERO);
		return JobWaiter.await(octl, spec(), client, accepted, this.timeout.plus(FileTransfers.ANSWER_MARGIN), false);
	}

	private String[] split(String text) {
		int colon = text.indexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw new ParameterException(spec().commandLine(), "'" + text + "' must be NODE:PATH");
		}
		return new String[] { text.substring(0, colon), text.substring(colon + 1) };
	}

}
