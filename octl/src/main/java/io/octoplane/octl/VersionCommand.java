package io.octoplane.octl;

import java.util.LinkedHashMap;
import java.util.Map;

import io.octoplane.protocol.api.BrainInfo;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octl version}: the client's version and, unless {@code --client}, the version of
 * the brain it is configured for, so a skew between the two is seen at a glance.
 */
@Command(name = "version", description = "Print the version of octl and of the brain it talks to.",
		footerHeading = "%nExamples:%n",
		footer = { "  octl version", "  octl version --client", "  octl version -o yaml" })
public final class VersionCommand extends OctlCommand {

	@Option(names = "--client", description = "Only octl's own version; do not call the brain.")
	private boolean clientOnly;

	@Override
	protected int execute(Octl octl) {
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("version", OctlVersion.version());
		client.put("java", Runtime.version().toString());
		Map<String, Object> versions = new LinkedHashMap<>();
		versions.put("client", client);
		BrainInfo brain = this.clientOnly ? null : octl.client().info();
		if (brain != null) {
			versions.put("brain", brain);
		}
		octl.printer(spec()).print(versions, (value) -> table(client, brain));
		return ExitStatus.OK;
	}

	private static String table(Map<String, Object> client, @Nullable BrainInfo brain) {
		StringBuilder text = new StringBuilder();
		text.append("octl ").append(client.get("version")).append(" (Java ").append(client.get("java")).append(")\n");
		if (brain != null) {
			text.append("brain ")
				.append(brain.name())
				.append(' ')
				.append(brain.version())
				.append(" at ")
				.append(brain.addr())
				.append('\n');
		}
		return text.toString();
	}

}
