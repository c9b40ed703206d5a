package io.octoplane.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code certs} subcommand shares: turning failures into one-line messages and
 * exit statuses instead of stack traces. The handling lives here rather than in a handler
 * registered on the {@code CommandLine}, so that it also applies when another program
 * runs {@code new CommandLine(new CertsCommand())} itself.
 */
abstract class CertsSubcommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@ParentCommand
	CertsCommand parent;

	@Option(names = { "-x", "--stacktrace" }, description = "Print the full stack trace when an error occurs.")
	boolean stacktrace;

	@Override
	public final Integer call() {
		try {
			execute();
			return ExitCode.OK;
		}
		catch (ParameterException ex) {
			// picocli prints these with the usage help and exits with status 2.
			throw ex;
		}
		catch (FileAlreadyExistsException ex) {
			return fail(ex, ExitCode.SOFTWARE,
					"refusing to overwrite " + ex.getFile() + ": it already exists (pass --force to replace it)",
					false);
		}
		catch (NoSuchFileException ex) {
			String hint = (ex.getReason() != null) ? " (" + ex.getReason() + ")" : "";
			return fail(ex, ExitCode.SOFTWARE, "no such file: " + ex.getFile() + hint, false);
		}
		catch (IllegalArgumentException ex) {
			return fail(ex, ExitCode.USAGE, ex.getMessage(), false);
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			return fail(ex, ExitCode.SOFTWARE, ex.getMessage(), true);
		}
	}

	/**
	 * Does the work.
	 * @throws IOException if reading or writing files fails
	 * @throws GeneralSecurityException if the JDK's cryptography fails
	 */
	abstract void execute() throws IOException, GeneralSecurityException;

	/**
	 * Converts a {@code --days} value, which must be positive.
	 */
	Duration validity(int days) {
		if (days <= 0) {
			throw new ParameterException(this.spec.commandLine(), "--days must be positive, was " + days);
		}
		return Duration.ofDays(days);
	}

	Clock clock() {
		return this.parent.clock();
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	private int fail(Exception ex, int status, @Nullable String message, boolean unexpected) {
		PrintWriter err = this.spec.commandLine().getErr();
		err.println("certs " + this.spec.name() + ": " + ((message != null) ? message : ex.toString()));
		if (this.stacktrace) {
			ex.printStackTrace(err);
		}
		else if (unexpected) {
			err.println("(run again with --stacktrace for details)");
		}
		err.flush();
		return status;
	}

}
