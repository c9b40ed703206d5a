package io.octoplane.octl.daemon;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.octl.Octl;
import picocli.CommandLine;

/**
 * The model of every octl command, built once and kept, for the calls that need all of it
 * and nothing of the caller's environment: help, version, a mistyped or missing command.
 * Building it costs more than the rest of such a call, so the daemon reuses it, one call
 * at a time (a command line holds the state of the parse it is doing).
 */
final class WholeTree {

	private CommandLine commandLine;

	synchronized int execute(String[] args, PrintWriter out, PrintWriter err) {
		if (this.commandLine == null) {
			// No environment, folder or input: these calls read none of them.
			this.commandLine = new Octl(Map.of(), Path.of("/"), false, InputStream.nullInputStream(), Path.of("/"),
					(config) -> {
						throw new IllegalStateException("help and version calls use no client");
					})
				.commandLine();
		}
		try {
			return this.commandLine.setOut(out).setErr(err).execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

}
