package io.octoplane.octl.ssh;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.SshLogin;
import io.octoplane.protocol.api.SshLoginListResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code octl ssh ls}: the acting workgroup's SSH logins. */
@Command(name = "ls", aliases = "list",
		description = "List the SSH logins of the acting workgroup, or of the nodes named (names, @GROUPs, ALL).",
		footerHeading = "%nExamples:%n", footer = { "  octl ssh ls -o table", "  octl ssh ls @lab" })
public final class SshListCommand extends OctlCommand {

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Parameters(paramLabel = "TARGET", arity = "0..*", description = "Nodes, @GROUPs or ALL (default: every login).")
	private List<String> targets = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		List<String> targets = new ArrayList<>(this.targets);
		targets.addAll(this.selector.targets(spec()));
		SshLoginListResponse logins = octl.client().ssh().list(targets);
		octl.printer(spec()).print(logins, SshListCommand::table);
		return ExitStatus.OK;
	}

	static String table(SshLoginListResponse logins) {
		Table table = Table.withHeaders("NAME", "NODE", "USER", "PORT");
		logins.logins().forEach((login) -> add(table, login));
		return table.render();
	}

	static String row(SshLogin login) {
		Table table = Table.withHeaders("NAME", "NODE", "USER", "PORT");
		add(table, login);
		return table.render();
	}

	private static void add(Table table, SshLogin login) {
		table.row(login.name(), login.node(), (login.user() != null) ? login.user() : "-",
				Integer.toString(login.port()));
	}

}
