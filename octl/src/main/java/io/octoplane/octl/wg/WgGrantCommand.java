package io.octoplane.octl.wg;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg grant}: sets a workgroup's password. The password is never taken as an
 * argument, where shell history and {@code ps} would keep it.
 */
@Command(name = "grant",
		description = { "Set the password of a workgroup (the acting one or one below it).",
				"The password comes from standard input with --password-stdin, or from a prompt." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl wg grant /lab --password-stdin < lab-password.txt", "  octl wg grant /lab" })
public final class WgGrantCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "PATH", description = "The workgroup.")
	private String path = "";

	@Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
	private boolean fromStdin;

	@Override
	protected int execute(Octl octl) throws IOException {
		String password = readPassword();
		octl.client().workgroups().setPassword(this.path, password);
		spec().commandLine().getErr().println("octl: password of workgroup " + this.path + " set");
		return ExitStatus.OK;
	}

	private String readPassword() throws IOException {
		if (this.fromStdin) {
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isEmpty()) {
				throw new ParameterException(spec().commandLine(), "no password on standard input");
			}
			return line;
		}
		Console console = System.console();
		if (console == null) {
			throw new ParameterException(spec().commandLine(),
					"no terminal to prompt on; pipe the password with --password-stdin");
		}
		char[] first = console.readPassword("New password for %s: ", this.path);
		char[] second = console.readPassword("Again: ");
		if (first == null || second == null || !Arrays.equals(first, second)) {
			throw new ParameterException(spec().commandLine(), "the two passwords differ");
		}
		return new String(first);
	}

}
