package io.octoplane.octl.daemon;

/**
 * Marks an octl command that needs the caller's own terminal, standard input or process
 * (ssh sessions, tunnels, prompts for a password or a confirmation): the daemon hands
 * such calls back to the front end, which runs them itself.
 */
public interface TerminalBound {

}
