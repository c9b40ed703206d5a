package io.octoplane.protocol.agent;

import java.util.Locale;
import java.util.Set;

/**
 * The names each side of a control connection announces in {@link Hello} and
 * {@link Welcome} for what it can do beyond protocol version 1. A peer ignores names it
 * does not know, and a peer that announces nothing (an older release) can do exactly what
 * version 1 could: every command mode marked {@link CommandMode#baseline()}, no
 * compression, no gateway. So a newer brain can tell, before sending, whether a node can
 * take a frame, and answer for it when it cannot instead of waiting for a result that
 * never comes.
 */
public final class Capabilities {

	/**
	 * The link may switch to deflate streams after Welcome (see {@link LinkCompression}).
	 */
	public static final String COMPRESS_DEFLATE = "compress-deflate";

	/**
	 * The tentacle asks for the brain's frames to be compressed too (and its data
	 * connections); only a tentacle whose compression setting is {@code on} announces it.
	 */
	public static final String COMPRESS_DOWN = "compress-down";

	/**
	 * The brain inflates a data connection that sends a file to it when its
	 * {@link DataOpen} says {@code compressed}; a tentacle compresses its uploads only
	 * for a brain announcing it.
	 */
	public static final String COMPRESS_UPLOAD = "compress-upload";

	/**
	 * The tentacle relays other nodes' connections to the brain ({@code gateway.listen});
	 * a brain announcing it accepts {@link RelayOpen}.
	 */
	public static final String GATEWAY = "gateway";

	/**
	 * The tentacle asks for its own heartbeat interval and may leave the status out of
	 * most heartbeats; a brain announcing it honours the interval asked for.
	 */
	public static final String THIN_HEARTBEAT = "thin-heartbeat";

	/**
	 * The tentacle accepts, and the brain sends, heartbeat acknowledgements only where
	 * they matter ({@link SparseAcks}); only when both announce it.
	 */
	public static final String SPARSE_HEARTBEAT_ACKS = "sparse-heartbeat-acks";

	private static final String MODE_PREFIX = "mode:";

	private Capabilities() {
	}

	/**
	 * The capability that says a tentacle runs a command mode.
	 * @param mode the mode
	 * @return for example {@code mode:http-get}
	 */
	public static String mode(CommandMode mode) {
		return MODE_PREFIX + mode.wireName();
	}

	/**
	 * Whether a peer that announced these capabilities can run a mode.
	 * @param announced what the peer announced (empty for a release before capabilities)
	 * @param mode the mode
	 * @return whether it can
	 */
	public static boolean runs(Set<String> announced, CommandMode mode) {
		return mode.baseline() || announced.contains(mode(mode));
	}

	/**
	 * Says in a sentence why a node cannot run a mode, for the job result.
	 * @param agentVersion the node's tentacle release
	 * @param mode the mode
	 * @return the sentence
	 */
	public static String cannotRun(String agentVersion, CommandMode mode) {
		return String.format(Locale.ROOT,
				"this node's tentacle (%s) cannot run %s commands; upgrade it to a release that announces '%s'",
				agentVersion, mode.wireName(), mode(mode));
	}

}
