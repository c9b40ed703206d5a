package io.octoplane.brain.workgroup;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.PasswordRequest;
import io.octoplane.protocol.api.WorkgroupNodesRequest;
import io.octoplane.protocol.api.WorkgroupResponse;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl wg}: a workgroup manages itself and what is below it, never what is above
 * or beside it (which answers 404, as if it did not exist).
 */
@RestController
class WorkgroupController {

	private final WorkgroupService workgroups;

	WorkgroupController(WorkgroupService workgroups) {
		this.workgroups = workgroups;
	}

	/**
	 * Reads a workgroup: its nodes and its child workgroups.
	 * @param path the workgroup, such as /lab; the acting workgroup when absent
	 */
	@GetMapping(ApiPaths.WORKGROUP)
	WorkgroupResponse get(@RequestParam(name = "path", required = false) @Nullable String path,
			HttpServletRequest http) {
		Caller caller = Caller.of(http);
		return this.workgroups.describe(existing(caller, resolve(caller, path)));
	}

	/**
	 * Removes a workgroup below the acting one, with every workgroup below it.
	 * @param path the workgroup
	 */
	@DeleteMapping(ApiPaths.WORKGROUP)
	ResponseEntity<Void> delete(@RequestParam(name = "path") String path, HttpServletRequest http) {
		Caller caller = Caller.of(http);
		this.workgroups.delete(existing(caller, below(caller, path, "removed")));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Adds nodes to a workgroup below the acting one, creating it if needed; workgroups
	 * in between receive them too. Names may be ALL and @group.
	 * @param path the workgroup
	 */
	@PutMapping(ApiPaths.WORKGROUP_NODES)
	WorkgroupResponse addNodes(@RequestParam(name = "path") String path, @RequestBody WorkgroupNodesRequest request,
			HttpServletRequest http) {
		AuditTargets.set(http, request.nodes());
		Caller caller = Caller.of(http);
		return this.workgroups.addNodes(caller.workgroup(), inside(caller, below(caller, path, "given nodes")),
				request.nodes());
	}

	/**
	 * Removes nodes from a workgroup and from every workgroup below it.
	 * @param path the workgroup
	 */
	@DeleteMapping(ApiPaths.WORKGROUP_NODES)
	WorkgroupResponse removeNodes(@RequestParam(name = "path") String path,
			@RequestParam(name = "node") List<String> nodes, HttpServletRequest http) {
		AuditTargets.set(http, nodes);
		Caller caller = Caller.of(http);
		return this.workgroups.removeNodes(existing(caller, below(caller, path, "changed")), nodes);
	}

	/**
	 * Sets the password a workgroup logs in with.
	 * @param path the workgroup; the acting workgroup when absent
	 */
	@PutMapping(ApiPaths.WORKGROUP_PASSWORD)
	ResponseEntity<Void> setPassword(@RequestParam(name = "path", required = false) @Nullable String path,
			@RequestBody PasswordRequest request, HttpServletRequest http) {
		Caller caller = Caller.of(http);
		this.workgroups.setPassword(existing(caller, resolve(caller, path)), request.password());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Resolves a path against the acting workgroup: absent means the acting workgroup,
	 * relative paths start from it.
	 */
	private static String resolve(Caller caller, @Nullable String path) {
		return (path == null || path.isBlank()) ? caller.workgroup()
				: WorkgroupService.resolve(caller.workgroup(), path);
	}

	/**
	 * Resolves a path that must lie strictly below the acting workgroup, since a
	 * workgroup's own node set and existence are its parent's business.
	 */
	private static String below(Caller caller, String path, String what) {
		String resolved = resolve(caller, path);
		if (resolved.equals(caller.workgroup())) {
			throw new InvalidRequestException(
					"workgroup " + resolved + " cannot be " + what + " by itself; act in a workgroup above it");
		}
		return resolved;
	}

	/**
	 * Checks a workgroup exists and the caller may see it; what lies above or beside the
	 * acting workgroup answers exactly like a workgroup that does not exist.
	 */
	private String existing(Caller caller, String path) {
		if (!this.workgroups.exists(inside(caller, path))) {
			throw notFound(path);
		}
		return path;
	}

	private static String inside(Caller caller, String path) {
		if (!WorkgroupService.isSameOrBelow(path, caller.workgroup())) {
			throw notFound(path);
		}
		return path;
	}

	private static NotFoundException notFound(String path) {
		return new NotFoundException(ErrorCode.WORKGROUP_NOT_FOUND, "no such workgroup: " + path);
	}

}
