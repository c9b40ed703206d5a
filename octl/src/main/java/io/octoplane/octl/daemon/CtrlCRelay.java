package io.octoplane.octl.daemon;

import java.io.DataOutputStream;
import java.io.IOException;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The front end's Ctrl-C while the daemon runs its call. By default Ctrl-C ends the front
 * end as it would any program, and the daemon, seeing the caller hang up, interrupts the
 * command. While the daemon says the command handles Ctrl-C itself (cancelling its job,
 * for one), each Ctrl-C is passed on to it instead, and the front end keeps relaying the
 * answer.
 */
final class CtrlCRelay {

	private final DataOutputStream toDaemon;

	private volatile boolean handled;

	private SignalHandler standard = SignalHandler.SIG_DFL;

	CtrlCRelay(DataOutputStream toDaemon) {
		this.toDaemon = toDaemon;
	}

	void install() {
		this.standard = Signal.handle(new Signal("INT"), this::interrupted);
	}

	void handled(boolean handled) {
		this.handled = handled;
	}

	private void interrupted(Signal signal) {
		if (this.handled) {
			try {
				DaemonFrames.signal(this.toDaemon, DaemonFrames.INTERRUPT);
				return;
			}
			catch (IOException ex) {
				// The daemon is gone: end as Ctrl-C always did.
			}
		}
		if (this.standard == SignalHandler.SIG_DFL || this.standard == SignalHandler.SIG_IGN) {
			// The JVM's own handler is always there; this is only for the type system.
			Runtime.getRuntime().exit(128 + signal.getNumber());
			return;
		}
		this.standard.handle(signal);
	}

}
