package io.octoplane.testsupport.octl;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one in-process octl run produced, the way the picocli docs test a CLI: the caller
 * makes the {@code Octl} command with the environment, home and standard input of its
 * test, and this runs it and collects its exit status and output.
 *
 * @param exitCode the exit status
 * @param out everything written to stdout
 * @param err everything written to stderr
 */
public record OctlRun(int exitCode, String out, String err) {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Runs a command line.
	 * @param commandLine octl's command line, as {@code Octl.commandLine(args)} makes it
	 * @param args its arguments
	 * @return what it produced
	 */
	public static OctlRun execute(CommandLine commandLine, String... args) {
		return execute(commandLine, new StringWriter(), args);
	}

	/**
	 * Runs a command line writing to the caller's stdout, which the caller can watch from
	 * another thread meanwhile.
	 * @param commandLine octl's command line, as {@code Octl.commandLine(args)} makes it
	 * @param out where stdout goes
	 * @param args its arguments
	 * @return what it produced
	 */
	public static OctlRun execute(CommandLine commandLine, StringWriter out, String... args) {
		StringWriter err = new StringWriter();
		int exitCode = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
		return new OctlRun(exitCode, out.toString(), err.toString());
	}

	/** Parses stdout as one JSON document, failing if anything else is there. */
	public JsonNode json() {
		return json.readTree(this.out);
	}

}
