package io.octoplane.octl;

import io.octoplane.protocol.selector.Selector;

/**
 * How octl reads a target list before the brain expands it: {@code ALL} (Octopoda's word
 * for every node the workgroup sees) and {@code @group} stand for several nodes, any
 * other word for one node.
 */
public final class TargetNames {

	/** Every node the acting workgroup sees; also "every one" in {@code scen get ALL}. */
	public static final String ALL = "ALL";

	private TargetNames() {
	}

	/**
	 * Whether a target may stand for several nodes, so answers are shown per node.
	 * @param target one entry of a target list
	 * @return whether it is {@code ALL}, a {@code @group} or a {@code label:} selector
	 */
	public static boolean standsForSeveral(String target) {
		return ALL.equals(target) || target.startsWith("@") || Selector.isTarget(target);
	}

}
