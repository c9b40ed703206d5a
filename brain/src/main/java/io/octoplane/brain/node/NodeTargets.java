package io.octoplane.brain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.server.web.InvalidRequestException;

/**
 * A node target list of a listing call split in two: nodes named one by one, which must
 * exist (an unknown one is "not found"), and the nodes that {@code ALL} and
 * {@code @group} entries stand for, which are taken as the registry has them (a group may
 * still list a node that was pruned). Both empty means every node the caller sees.
 *
 * @param names nodes named one by one, in order, without duplicates
 * @param members registered nodes the group entries stand for
 * @param includesBrain whether the list named {@code brain}, the brain's own host
 */
record NodeTargets(List<String> names, List<String> members, boolean includesBrain) {

	NodeTargets {
		names = List.copyOf(names);
		members = List.copyOf(members);
	}

	/**
	 * Splits and expands a target list.
	 * @param given the list as given; blank entries are ignored
	 * @param workgroup the acting workgroup
	 * @param workgroups expands the group entries
	 * @param registered every registered node, read only when a group is given
	 * @param brainHost whether {@code brain} names the brain's host rather than a node
	 * @return the split list
	 * @throws InvalidRequestException if the group entries stand for no registered node
	 */
	static NodeTargets of(List<String> given, String workgroup, WorkgroupService workgroups,
			Supplier<Set<String>> registered, boolean brainHost) {
		List<String> names = new ArrayList<>();
		List<String> groups = new ArrayList<>();
		boolean brain = false;
		for (String entry : given) {
			String target = entry.strip();
			if (target.isEmpty()) {
				continue;
			}
			if (brainHost && target.equals(BrainHostStatus.NAME)) {
				brain = true;
			}
			else if (WorkgroupService.isGroupTarget(target)) {
				groups.add(target);
			}
			else if (!names.contains(target)) {
				names.add(target);
			}
		}
		List<String> members = List.of();
		if (!groups.isEmpty()) {
			Set<String> known = registered.get();
			members = workgroups.expandTargets(workgroup, groups).stream().filter(known::contains).toList();
		}
		if (!groups.isEmpty() && members.isEmpty()) {
			// Never "every node" by accident.
			throw new InvalidRequestException(String.join(", ", groups) + " stands for no registered node");
		}
		return new NodeTargets(names, members, brain);
	}

	/** Whether no node was asked for, which listings read as every visible node. */
	boolean everyNode() {
		return this.names.isEmpty() && this.members.isEmpty();
	}

	/** Every node asked for, named first. */
	List<String> all() {
		List<String> all = new ArrayList<>(this.names);
		this.members.stream().filter((name) -> !all.contains(name)).forEach(all::add);
		return all;
	}

}
