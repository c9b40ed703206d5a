package io.octoplane.octl.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.OctoplaneConnectionException;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.job.JobWaiter;
import io.octoplane.protocol.api.JobResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl file upload}: sends a local file or folder to the brain once, then has
 * every target node fetch and install it; prints each node's result like {@code cmd run}.
 */
@Command(name = "upload", customSynopsis = "octl file upload LOCAL TARGET_DIR NODE|@GROUP|ALL... [OPTIONS]",
		description = { "Upload a local file or folder (with its permissions) to a folder on nodes.",
				"TARGET_DIR is absolute, starts with @root, @workspace, @log, @fstore or @pakma, is ~ (the "
						+ "tentacle user's home), or is relative to @fstore, as in Octopoda. A missing TARGET_DIR "
						+ "is created unless --no-create is given. Each node installs it atomically after checking "
						+ "its SHA-256; a folder of the same name is replaced as a whole. Exit status is 0 only if "
						+ "every node installed it." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl file upload ./app.jar /opt/app pi1 pi2", "  octl file upload ./conf @workspace/etc @lab",
				"  octl file upload data.csv foobar ALL            # into @fstore/foobar",
				"  octl file upload --no-create ./app.jar /opt/app pi1",
				"  octl file upload big.iso @fstore pi1 --timeout 2h --wait-offline 1d" })
public final class FileUploadCommand extends OctlCommand {

	private static final Duration ANSWER_MARGIN = Duration.ofSeconds(60);

	@Mixin
	private CreateTargetOptions createTarget = new CreateTargetOptions();

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
			description = "Transfer time limit per node (default: 1h).")
	private Duration timeout = Duration.ofHours(1);

	@Option(names = "--wait-offline", paramLabel = "DURATION", converter = DurationConverter.OrZero.class,
			defaultValue = "0", description = "How long an offline node may take to come back (default: 0, "
					+ "offline nodes fail at once as 'expired').")
	private Duration waitOffline = Duration.ZERO;

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Option(names = "--dry-run",
			description = "Show the nodes the targets and selectors stand for now; upload nothing.")
	private boolean dryRun;

	@Parameters(paramLabel = "ARG", arity = "0..*", description = "LOCAL, TARGET_DIR, then nodes, @groups or ALL.")
	private List<String> arguments = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		boolean create = this.createTarget.create(spec());
		List<String> selected = this.selector.targets(spec());
		if (this.arguments.size() < 2 || (this.arguments.size() == 2 && selected.isEmpty())) {
			throw new ParameterException(spec().commandLine(),
					"name a local file or folder, a target folder and at least one node");
		}
		Path local = octl.resolve(this.arguments.get(0));
		String targetDir = this.arguments.get(1);
		Set<String> given = new LinkedHashSet<>(this.arguments.subList(2, this.arguments.size()));
		given.addAll(selected);
		List<String> targets = List.copyOf(given);
		if (this.dryRun) {
			return SelectorOption.dryRun(octl, spec(), targets);
		}
		if (!Files.exists(local)) {
			throw new ParameterException(spec().commandLine(), "no such file or folder: " + local);
		}
		OctoplaneClient client = octl.client();
		StagedFile staged;
		ProgressBar bar = new ProgressBar(spec().commandLine().getErr(), "upload " + local.getFileName(), sizeOf(local),
				octl.interactive());
		try {
			staged = client.files().stage(local, bar);
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot upload " + local + ": " + ex.getMessage(), ex);
		}
		catch (OctoplaneConnectionException ex) {
			throw cutOff(local, ex, "no node was sent anything yet");
		}
		finally {
			bar.finish();
		}
		JobResponse accepted;
		try {
			accepted = client.files().install(staged, targetDir, targets, create, this.timeout, this.waitOffline);
		}
		catch (OctoplaneConnectionException ex) {
			throw cutOff(local, ex, "the brain may have started sending it to nodes (`octl job list` shows it)");
		}
		return JobWaiter.await(octl, spec(), client, accepted, this.waitOffline.plus(this.timeout).plus(ANSWER_MARGIN),
				false, this.waitOffline.isZero() ? JobWaiter.WAIT_OFFLINE_HINT : null);
	}

	/**
	 * An upload cut off mid-call is safe to repeat, unlike most calls that got no answer:
	 * each node checks the file's SHA-256 and installs it whole or not at all.
	 */
	private static RuntimeException cutOff(Path local, OctoplaneConnectionException ex, String where) {
		if (ex.reason() != OctoplaneConnectionException.Reason.IO
				&& ex.reason() != OctoplaneConnectionException.Reason.TIMEOUT) {
			return ex;
		}
		return new ExitException(ExitStatus.INTERNAL,
				"the upload of " + local + " was cut off before the brain answered (" + ex.getMessage() + "); " + where
						+ ". Uploading again is safe: each node installs the same file whole or not at all.",
				ex);
	}

	private static long sizeOf(Path local) {
		try {
			// A folder's tar is a little larger; the bar then simply ends at 100%.
			return Files.isDirectory(local) ? 0 : Files.size(local);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
