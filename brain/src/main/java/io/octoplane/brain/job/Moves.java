package io.octoplane.brain.job;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The nodes one settle step moves and the state each moves to: either one state shared by
 * all (a batch of starts, expiries or cancels, serialised once) or one per node (a
 * result).
 *
 * @param nodes the nodes, in order
 * @param shared the state every node moves to, or {@code null} when each has its own
 * @param each the state per node when {@code shared} is {@code null}
 */
record Moves(List<String> nodes, @Nullable Delivery shared, Map<String, Delivery> each) {

	Moves {
		nodes = List.copyOf(nodes);
		each = Map.copyOf(each);
	}

	static Moves all(List<String> nodes, Delivery delivery) {
		return new Moves(nodes, delivery, Map.of());
	}

	static Moves one(String node, Delivery delivery) {
		return new Moves(List.of(node), null, Map.of(node, delivery));
	}

	static Moves none() {
		return new Moves(List.of(), null, Map.of());
	}

	int size() {
		return this.nodes.size();
	}

	Delivery delivery(String node) {
		Delivery delivery = (this.shared != null) ? this.shared : this.each.get(node);
		if (delivery == null) {
			throw new IllegalArgumentException("no state for node " + node);
		}
		return delivery;
	}

}
