package io.octoplane.brain.workgroup;

import java.util.List;

/**
 * Published after a workgroup and everything below it were removed, so features that keep
 * state per workgroup (tokens) can drop theirs: a credential of a removed workgroup must
 * not keep working, nor bring the workgroup back.
 *
 * @param paths the removed workgroups, the named one first
 */
public record WorkgroupDeletedEvent(List<String> paths) {

	public WorkgroupDeletedEvent {
		paths = List.copyOf(paths);
	}

}
