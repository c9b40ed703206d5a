package io.octoplane.brain.agent;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The tentacle connections held by this brain, by node name. At most one per node: a node
 * that reconnects while its old connection is still half-open replaces it.
 */
@Component
public class AgentSessions {

	private final ConcurrentMap<String, AgentSession> sessions = new ConcurrentHashMap<>();

	/**
	 * The live session of a node on this brain.
	 * @param nodeName the node
	 * @return its session, or empty if it is not connected here
	 */
	public Optional<AgentSession> find(String nodeName) {
		return Optional.ofNullable(this.sessions.get(nodeName));
	}

	/** Names of the nodes connected to this brain. */
	public Collection<String> nodeNames() {
		return List.copyOf(this.sessions.keySet());
	}

	/** Number of connected nodes. */
	public int size() {
		return this.sessions.size();
	}

	/**
	 * Closes a node's session on this brain, if it has one, and tells the tentacle not to
	 * dial again.
	 * @param nodeName the node
	 * @param reason what the tentacle logs
	 */
	public void closeForGood(String nodeName, String reason) {
		find(nodeName).ifPresent((session) -> session.close(reason, false));
	}

	@Nullable AgentSession register(AgentSession session) {
		return this.sessions.put(session.nodeName(), session);
	}

	void unregister(AgentSession session) {
		this.sessions.remove(session.nodeName(), session);
	}

	Collection<AgentSession> all() {
		return List.copyOf(this.sessions.values());
	}

}
