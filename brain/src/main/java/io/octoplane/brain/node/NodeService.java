package io.octoplane.brain.node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.PruneResponse;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/** Answers questions about nodes from the registry. */
@Service
public class NodeService {

	private final NodeRepository repository;

	private final NodeStateRule stateRule;

	private final BrainIdentity identity;

	private final Clock clock;

	NodeService(NodeRepository repository, NodeStateRule stateRule, BrainIdentity identity, Clock clock) {
		this.repository = repository;
		this.stateRule = stateRule;
		this.identity = identity;
		this.clock = clock;
	}

	/**
	 * Lists nodes.
	 * @param names node names to list, or empty for all
	 * @param state only nodes in this state ({@code online} includes unstable), or
	 * {@code null} for all
	 * @param visible the nodes the caller may see
	 * @return the listing, sorted by name
	 * @throws NotFoundException if a named node is unknown
	 */
	public NodeListResponse list(Collection<String> names, @Nullable NodeState state, Set<String> visible) {
		Instant now = this.clock.instant();
		List<NodeInfo> nodes = select(names, visible).stream()
			.map((node) -> toInfo(node, this.stateRule.stateOf(node, now)))
			.filter((node) -> state == null || matches(node.state(), state))
			.toList();
		return NodeListResponse.of(this.identity.info(), nodes);
	}

	/**
	 * Lists one page of nodes. States and counts come from the liveness index, not from
	 * the node hashes, which reads only the nodes past a deadline; only the nodes on the
	 * page are read in full, and their state is the one they were counted in.
	 * @param selectable the nodes the caller may see and asked for
	 * @param query the filters and the page
	 * @return the page, sorted by name, with the counts of every node that matches
	 */
	public NodeListResponse page(Set<String> selectable, NodeQuery query) {
		LivenessIndex.Liveness liveness = this.repository.liveness(this.clock.instant());
		NodeState wanted = query.state();
		List<String> matching = selectable.stream()
			.filter(query.names())
			.filter((name) -> wanted == null || matches(liveness.stateOf(name), wanted))
			.sorted()
			.toList();
		int online = (int) matching.stream().filter((name) -> liveness.stateOf(name) != NodeState.OFFLINE).count();
		int from = 0;
		String after = query.after();
		if (after != null) {
			int position = Collections.binarySearch(matching, after);
			from = (position >= 0) ? position + 1 : -position - 1;
		}
		int to = (int) Math.min(matching.size(), (long) from + query.limit());
		List<NodeInfo> nodes = this.repository.findAll(matching.subList(from, to))
			.stream()
			.map((node) -> toInfo(node, liveness.stateOf(node.name())))
			.toList();
		String next = (to < matching.size() && to > from) ? NodeQuery.encodeCursor(matching.get(to - 1)) : null;
		return new NodeListResponse(this.identity.info(), nodes, matching.size(), online, matching.size() - online,
				next);
	}

	/**
	 * The latest status of nodes that reported one.
	 * @param names node names, or empty for all
	 * @param visible the nodes the caller may see
	 * @return statuses sorted by name
	 * @throws NotFoundException if a named node is unknown
	 */
	public NodeStatusResponse status(Collection<String> names, Set<String> visible) {
		List<NodeStatusInfo> statuses = select(names, visible).stream()
			.filter((node) -> node.status() != null)
			.map((node) -> toStatusInfo(node.name(), (node.os() + " " + node.arch()).trim(), node.status()))
			.toList();
		return NodeStatusResponse.of(statuses);
	}

	/**
	 * The latest status of a few named nodes, such as one page of a listing, read for
	 * those nodes only rather than through the whole registry.
	 * @param names node names; unknown and invisible ones are left out
	 * @param visible the nodes the caller may see
	 * @return statuses by node name, for the nodes that reported one
	 */
	public Map<String, NodeStatusInfo> statusOf(List<String> names, Set<String> visible) {
		Map<String, NodeStatusInfo> statuses = new HashMap<>();
		for (NodeRecord node : this.repository.findAll(names.stream().filter(visible::contains).toList())) {
			NodeStatus status = node.status();
			if (status != null) {
				statuses.put(node.name(), toStatusInfo(node.name(), (node.os() + " " + node.arch()).trim(), status));
			}
		}
		return statuses;
	}

	/**
	 * Removes offline nodes from the registry.
	 * @param names nodes named one by one; every one must be offline
	 * @param members nodes a group ({@code @group}, {@code ALL}) stands for; only the
	 * offline ones among them are removed
	 * @param visible the nodes the caller may see
	 * @return the removed names
	 * @throws NotFoundException if a named node is unknown
	 * @throws ConflictException if a named node is not offline
	 */
	public PruneResponse prune(Collection<String> names, Collection<String> members, Set<String> visible) {
		Instant now = this.clock.instant();
		List<NodeRecord> named = names.isEmpty() ? List.of() : select(names, visible);
		List<String> live = named.stream()
			.filter((node) -> this.stateRule.stateOf(node, now) != NodeState.OFFLINE)
			.map(NodeRecord::name)
			.toList();
		if (!live.isEmpty()) {
			throw new ConflictException(
					"only offline nodes can be pruned; still connected: " + String.join(", ", live));
		}
		List<NodeRecord> selected;
		if (names.isEmpty() && members.isEmpty()) {
			selected = select(List.of(), visible);
		}
		else {
			// A group may still list a node that was pruned before: not an error.
			Set<String> fromGroups = new HashSet<>(members);
			selected = new ArrayList<>(named);
			this.repository.findAll()
				.stream()
				.filter((node) -> fromGroups.contains(node.name()) && visible.contains(node.name()))
				.forEach(selected::add);
		}
		List<String> pruned = selected.stream()
			.filter((node) -> this.stateRule.stateOf(node, now) == NodeState.OFFLINE)
			.map(NodeRecord::name)
			.distinct()
			.sorted()
			.toList();
		return new PruneResponse(this.repository.deleteOffline(pruned, now));
	}

	/**
	 * Removes offline nodes from the registry.
	 * @param names nodes to remove, or empty for every offline node
	 * @param visible the nodes the caller may see
	 * @return the removed names
	 * @throws NotFoundException if a named node is unknown
	 * @throws ConflictException if a named node is not offline
	 */
	public PruneResponse prune(Collection<String> names, Set<String> visible) {
		return prune(names, List.of(), visible);
	}

	/**
	 * Whether a node holds a live connection to some brain, this one or another sharing
	 * the same Redis: connected and not yet offline by its last heartbeat.
	 * @param name the node
	 * @return whether some brain can reach it now
	 */
	public boolean isReachable(String name) {
		return this.repository.find(name)
			.map((node) -> node.connected() && this.stateRule.stateOf(node, this.clock.instant()) != NodeState.OFFLINE)
			.orElse(false);
	}

	/** Names of every node in the registry. */
	public Set<String> names() {
		return this.repository.names();
	}

	/**
	 * Which of some names are nodes in the registry.
	 * @param names the names
	 * @return those registered, in the order given
	 */
	public Set<String> registered(Collection<String> names) {
		return this.repository.registered(names);
	}

	/**
	 * Whether a node is registered and visible.
	 * @param name the node
	 * @param visible the nodes the caller may see
	 * @return the node's record, or empty when it is unknown or invisible alike
	 */
	public Optional<NodeRecord> find(String name, Set<String> visible) {
		return visible.contains(name) ? this.repository.find(name) : Optional.empty();
	}

	private List<NodeRecord> select(Collection<String> names, Set<String> visible) {
		// Nodes outside the caller's workgroup are treated exactly as unknown ones.
		List<NodeRecord> all = this.repository.findAll()
			.stream()
			.filter((node) -> visible.contains(node.name()))
			.toList();
		if (names.isEmpty()) {
			return all.stream().sorted(Comparator.comparing(NodeRecord::name)).toList();
		}
		Map<String, NodeRecord> byName = all.stream().collect(Collectors.toMap(NodeRecord::name, Function.identity()));
		Set<String> wanted = new LinkedHashSet<>(names);
		List<String> unknown = wanted.stream().filter((name) -> !byName.containsKey(name)).toList();
		if (!unknown.isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + String.join(", ", unknown));
		}
		return wanted.stream().map(byName::get).sorted(Comparator.comparing(NodeRecord::name)).toList();
	}

	private static boolean matches(NodeState actual, NodeState wanted) {
		if (wanted == NodeState.ONLINE) {
			return actual != NodeState.OFFLINE;
		}
		return actual == wanted;
	}

	private static NodeInfo toInfo(NodeRecord node, NodeState state) {
		boolean offline = state == NodeState.OFFLINE;
		double delayMillis = (node.rttMicros() < 0) ? -1 : node.rttMicros() / 1000.0;
		return new NodeInfo(node.name(), node.version(), node.addr(), state, delayMillis,
				offline ? null : node.connectedAt(), offline ? offlineSince(node) : null, node.lastSeen(), node.os(),
				node.arch(), node.clockOffsetMillis(), node.gateway().isEmpty() ? null : node.gateway());
	}

	private static @Nullable Instant offlineSince(NodeRecord node) {
		// A brain that died never recorded the
		// disconnect; the last frame is the best guess.
		return (node.disconnectedAt() != null && !node.connected()) ? node.disconnectedAt() : node.lastSeen();
	}

	static NodeStatusInfo toStatusInfo(String name, String platform, NodeStatus status) {
		return new NodeStatusInfo(name, platform, status.cpuCores(), Instant.ofEpochMilli(status.localTimeMillis()),
				status.load1(), status.load5(), status.load15(), status.memoryUsedBytes(), status.memoryTotalBytes(),
				percent(status.memoryUsedBytes(), status.memoryTotalBytes()), status.diskUsedBytes(),
				status.diskTotalBytes(), percent(status.diskUsedBytes(), status.diskTotalBytes()),
				status.uptimeSeconds());
	}

	private static double percent(long used, long total) {
		return (total <= 0) ? 0 : Math.round(used * 10000.0 / total) / 100.0;
	}

}
