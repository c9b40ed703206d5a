package io.octoplane.octl.wg;

import java.util.Objects;

/**
 * What {@code octl wg pwd} and {@code octl wg cd} print: the acting workgroup.
 *
 * @param path the absolute workgroup path
 */
public record WorkgroupPath(String path) {

	public WorkgroupPath {
		Objects.requireNonNull(path, "path must not be null");
	}

	static String table(WorkgroupPath workgroup) {
		return workgroup.path() + "\n";
	}

}
