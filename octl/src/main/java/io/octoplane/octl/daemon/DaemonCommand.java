package io.octoplane.octl.daemon;

import java.util.concurrent.Callable;

import io.octoplane.octl.ExitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code octl daemon status|stop}: the per-user octl daemon that keeps octl warm. The
 * daemon answers these itself; they run here only when no daemon does.
 */
@Command(name = "daemon",
		description = {
				"The octl daemon: a per-user background process that keeps octl and its "
						+ "TLS connection to the brain warm, so each octl call answers in tens of milliseconds.",
				"",
				"The octl launcher starts it on first use; it listens on a socket only you can reach "
						+ "($XDG_RUNTIME_DIR/octl, else /tmp/octl-$USER; $OCTL_DAEMON_DIR overrides) and exits after "
						+ "$OCTL_DAEMON_IDLE (default 15m) without calls. Every command works the same without it; "
						+ "OCTL_DAEMON=off never uses it." },
		subcommands = { DaemonCommand.Status.class, DaemonCommand.Stop.class })
public final class DaemonCommand {

	/** {@code octl daemon status}. */
	@Command(name = "status",
			description = "Tell whether the octl daemon runs (exit status 0) or not (exit status 3), with its pid.")
	public static final class Status implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Override
		public Integer call() {
			this.spec.commandLine().getOut().println("no octl daemon is running");
			return ExitStatus.UNEXPECTED_STATE;
		}

	}

	/** {@code octl daemon stop}. */
	@Command(name = "stop", description = "Stop the octl daemon; the next octl call starts a fresh one.")
	public static final class Stop implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Override
		public Integer call() {
			this.spec.commandLine().getOut().println("no octl daemon is running");
			return ExitStatus.OK;
		}

	}

}
