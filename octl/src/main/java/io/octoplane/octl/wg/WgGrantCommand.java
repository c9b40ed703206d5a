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
import io.octoplane.octl.daemon.TerminalBound;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg grant}: sets a workgroup's password. The safe ways keep the password out
 * of the command line, where shell history and {@code ps} would keep it; Octopoda's
 * {@code wg grant PATH PASSWORD} still works, with a warning that says so.
 */
@Command(name = "grant",
		description = {
				"Set the password of a workgroup (the acting one or one below it); it then logs in with "
						+ "'user: PATH' and that password.",
				"The password (" + WgGrantCommand.MIN_LENGTH + " to " + WgGrantCommand.MAX_LENGTH
						+ " characters) comes from the first line of standard input with --password-stdin, "
						+ "or from a prompt that does not echo it.",
				"Octopoda's 'octl wg grant PATH PASSWORD' is accepted with a warning: the process list and the shell "
						+ "history show the password." },
		footerHeading = "%nExamples:%n", footer = { "  octl wg grant /lab --password-stdin < lab-password.txt",
				"  pass show octoplane/lab | octl wg grant /lab --password-stdin", "  octl wg grant /lab" })
public final class WgGrantCommand extends OctlCommand implements TerminalBound {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 256;

	@Parameters(index = "0", paramLabel = "PATH", description = "The workgroup.")
	private String path = "";

	@Parameters(index = "1", arity = "0..1", paramLabel = "PASSWORD",
			description = "Octopoda's way: the password as an argument (visible to others; prefer --password-stdin).")
	private @Nullable String argument;

	@Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
	private boolean fromStdin;

	@Override
	protected int execute(Octl octl) throws IOException {
		String password = readPassword(octl);
		if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
			throw new ParameterException(spec().commandLine(), "the password has " + password.length()
					+ " characters; it needs " + MIN_LENGTH + " to " + MAX_LENGTH);
		}
		octl.client().workgroups().setPassword(this.path, password);
		spec().commandLine().getErr().println("octl: password of workgroup " + this.path + " set");
		spec().commandLine().getErr().flush();
		return ExitStatus.OK;
	}

	private String readPassword(Octl octl) throws IOException {
		if (this.argument != null) {
			if (this.fromStdin) {
				throw new ParameterException(spec().commandLine(),
						"give the password either as an argument or with --password-stdin");
			}
			spec().commandLine()
				.getErr()
				.println("octl: warning: a password given as an argument is visible in the process list and "
						+ "kept in the shell history; use --password-stdin or the prompt instead");
			spec().commandLine().getErr().flush();
			return this.argument;
		}
		if (this.fromStdin) {
			String line = new BufferedReader(new InputStreamReader(octl.stdin(), StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isEmpty()) {
				throw new ParameterException(spec().commandLine(), "no password on standard input");
			}
			return line;
		}
		Console console = octl.terminal();
		if (console == null) {
			throw new ParameterException(spec().commandLine(),
					"no terminal to prompt on; pipe the password in with --password-stdin");
		}
		char[] first = console.readPassword("New password for workgroup %s: ", this.path);
		char[] second = console.readPassword("Repeat it: ");
		try {
			if (first == null || second == null || !Arrays.equals(first, second)) {
				throw new ParameterException(spec().commandLine(), "the two passwords differ");
			}
			return new String(first);
		}
		finally {
			if (first != null) {
				Arrays.fill(first, ' ');
			}
			if (second != null) {
				Arrays.fill(second, ' ');
			}
		}
	}

}
