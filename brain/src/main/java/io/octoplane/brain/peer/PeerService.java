package io.octoplane.brain.peer;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What a brain serves its peers under some verbs. The {@link PeerServer} hands each call
 * from a brain to the service of its verb, on a thread of its own, and closes the
 * connection when {@link #serve} returns.
 */
public interface PeerService {

	/** The verbs this service answers. */
	Set<String> verbs();

	/**
	 * Serves one call; must {@link PeerConnection#answer answer} it first.
	 * @param verb the verb
	 * @param arguments its arguments
	 * @param connection the connection, to answer and then to stream on
	 * @throws IOException if the connection breaks
	 */
	void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException;

}
