package io.octoplane.brain.workgroup;

import java.util.Set;

/**
 * The spellings of a target list entry that stand for more than one node. Octopoda's octl
 * sends {@code ALL} for "every node", its brain reads {@code @}, {@code @ALL} and
 * {@code @all} as the current workgroup; {@code @.} is this brain's own spelling of it.
 */
final class TargetNames {

	/** Bare word for every node the acting workgroup sees. */
	static final String ALL = "ALL";

	private static final Set<String> EVERY_NODE = Set.of(ALL, "@", "@ALL", "@all", "@.");

	private TargetNames() {
	}

	/** Whether an entry names a group of nodes rather than one node. */
	static boolean isGroup(String target) {
		return isAll(target) || target.startsWith("@");
	}

	/** Whether an entry stands for every node of the acting workgroup. */
	static boolean isAll(String target) {
		return EVERY_NODE.contains(target);
	}

}
