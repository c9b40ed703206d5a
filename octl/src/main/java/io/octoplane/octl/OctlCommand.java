package io.octoplane.octl;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code octl <noun> <verb>} command. It finds the enclosing {@link Octl}
 * and turns any failure into an exit status and one line on standard error, so commands
 * behave the same whether picocli was set up by {@link Octl#commandLine()} or by a test's
 * plain {@code new CommandLine(octl)}.
 */
public abstract class OctlCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public final Integer call() {
		Octl octl = Octl.of(this.spec);
		try {
			return execute(octl);
		}
		catch (ParameterException ex) {
			// Usage errors keep picocli's handling: message, usage help, status 2.
			throw ex;
		}
		catch (Exception ex) {
			return octl.errorReporter().report(ex, this.spec.commandLine().getErr());
		}
	}

	/**
	 * Runs the command.
	 * @param octl the top command, holding the global options, config and client
	 * @return the exit status, one of {@link ExitStatus}
	 * @throws Exception any failure; it is reported and mapped to an exit status
	 */
	protected abstract int execute(Octl octl) throws Exception;

	/** This command's picocli model, for its output streams and usage errors. */
	protected CommandSpec spec() {
		return this.spec;
	}

}
