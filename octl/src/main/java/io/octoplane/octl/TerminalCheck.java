package io.octoplane.octl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether one of this process's standard streams is a terminal a person watches.
 * Java can only ask whether the console as a whole is a terminal; on Linux the target of
 * the descriptor tells about each stream alone, and elsewhere the answer is no. It uses
 * nothing but the JDK, because the octl daemon's front end asks it before anything else
 * is loaded.
 */
public final class TerminalCheck {

	private TerminalCheck() {
	}

	/**
	 * Whether a file descriptor of this process is a terminal.
	 * @param descriptor 0 for standard input, 1 for output, 2 for error
	 * @return {@code true} for a terminal, {@code false} for a file, pipe or socket
	 */
	public static boolean isTerminal(int descriptor) {
		try {
			String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

}
