package io.octoplane.octl.log;

import java.io.PrintWriter;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.OutputFormat;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.log.LogQuery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * {@code octl log get}: the newest lines of the brain's log or of a node's, as plain text
 * unless {@code -o} asks for a document.
 */
@Command(name = "get",
		description = { "Print the newest lines of the brain's log (root workgroup only) or of a node's, oldest first.",
				"Plain text by default; -o json or -o yaml print a document with the lines.",
				"A node that is offline is an error (exit 3): its log is read by its tentacle." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl log get brain", "  octl log get brain:brain-b -l 50", "  octl log get pi1 -l 500",
				"  octl log get pi1 -d 1 | grep ERROR", "  octl log get pi1 -l 20 -o json" })
public final class LogGetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE|brain[:NAME]",
			description = "A node's name, brain for the log of the brain that answers, or brain:NAME for a named brain's.")
	private String source;

	@Option(names = { "-l", "--lines" }, paramLabel = "N",
			description = "Lines to show, 1 to " + LogQuery.MAX_LINES + " (default " + LogQuery.DEFAULT_LINES + ").")
	private int lines = LogQuery.DEFAULT_LINES;

	@Option(names = { "-d", "--days" }, paramLabel = "D",
			description = "Only lines of the last D days, 1 to " + LogQuery.MAX_DAYS + " (default: every kept line).")
	private @Nullable Integer days;

	@Override
	protected int execute(Octl octl) {
		if (this.lines < 1 || this.lines > LogQuery.MAX_LINES) {
			throw new ParameterException(spec().commandLine(), "--lines must be between 1 and " + LogQuery.MAX_LINES);
		}
		if (this.days != null && (this.days < 1 || this.days > LogQuery.MAX_DAYS)) {
			throw new ParameterException(spec().commandLine(), "--days must be between 1 and " + LogQuery.MAX_DAYS);
		}
		LogResponse log = octl.client().logs().read(this.source, this.lines, this.days);
		PrintWriter out = spec().commandLine().getOut();
		OutputFormat format = octl.outputFormat();
		if (formatChosen() && format != OutputFormat.TABLE && format != OutputFormat.WIDE) {
			octl.printer(spec()).print(log, LogGetCommand::text);
		}
		else {
			out.print(text(log));
			out.flush();
		}
		if (log.truncated()) {
			PrintWriter err = spec().commandLine().getErr();
			err.println("octl: older lines were left out: an answer holds at most the brain's octoplane.log.max-bytes");
			err.flush();
		}
		return ExitStatus.OK;
	}

	static String text(LogResponse log) {
		StringBuilder text = new StringBuilder();
		log.lines().forEach((line) -> text.append(line).append('\n'));
		return text.toString();
	}

	/**
	 * Whether {@code -o} was given, before or after the command names: octl's default
	 * format is JSON, but a log reads best as the lines themselves.
	 */
	private boolean formatChosen() {
		ParseResult result = spec().root().commandLine().getParseResult();
		while (result != null) {
			if (result.hasMatchedOption("-o")) {
				return true;
			}
			result = result.subcommand();
		}
		return false;
	}

}
