package io.octoplane.octl.wg;

import java.util.Objects;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.ConfigFileEditor;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.protocol.api.WorkgroupResponse;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg cd}: changes the acting workgroup by rewriting the config's
 * {@code workgroup} key, after the brain confirmed it may act there.
 */
@Command(name = "cd",
		description = { "Change the acting workgroup: later commands act in it (the X-Octoplane-Workgroup header).",
				"Relative paths and '..' resolve against the current one, like a shell's cd; without PATH, back to "
						+ "the workgroup octl logs in as. The brain must confirm the workgroup exists and is yours "
						+ "or below it; then the 'workgroup:' line of the config file is rewritten, the rest of the "
						+ "file kept. A context that sets its own workgroup keeps it: edit that context instead." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl wg cd /lab/pis", "  octl wg cd pis", "  octl wg cd ..", "  octl wg cd" })
public final class WgCdCommand extends OctlCommand {

	@Parameters(paramLabel = "PATH", arity = "0..1",
			description = "Absolute, or relative to the acting workgroup (default: the workgroup octl logs in as).")
	private @Nullable String path;

	@Override
	protected int execute(Octl octl) {
		OctlConfig config = octl.config();
		String target = target(config);
		WorkgroupResponse found = config.withWorkgroup(target).client().workgroups().get(null);
		ConfigFileEditor.setWorkgroup(Objects.requireNonNull(config.source(), "config file"), found.path(),
				octl.context());
		octl.printer(spec()).print(new WorkgroupPath(found.path()), WorkgroupPath::table);
		return ExitStatus.OK;
	}

	private String target(OctlConfig config) {
		if (this.path == null) {
			return config.credentials().home().orElseGet(() -> asked(config.withWorkgroup(null)));
		}
		String current = this.path.strip().startsWith("/") ? WorkgroupPaths.ROOT
				: config.actingWorkgroup().orElseGet(() -> asked(config));
		try {
			return WorkgroupPaths.navigate(current, this.path.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(spec().commandLine(), ex.getMessage());
		}
	}

	/** The acting workgroup when only the brain knows it (an API token's). */
	private static String asked(OctlConfig config) {
		return config.client().workgroups().get(null).path();
	}

}
