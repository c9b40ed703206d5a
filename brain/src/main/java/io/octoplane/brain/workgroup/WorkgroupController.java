package io.octoplane.brain.workgroup;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.security.Callers;
import io.octoplane.brain.web.InvalidRequestException;
import io.octoplane.brain.web.NotFoundException;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.PasswordRequest;
import io.octoplane.protocol.api.WorkgroupNodesRequest;
import io.octoplane.protocol.api.WorkgroupResponse;
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

	@GetMapping(ApiPaths.WORKGROUP)
	WorkgroupResponse get(@RequestParam(name = "path", required = false) @Nullable String path,
			HttpServletRequest http) {
		return this.workgroups.describe(visible(Callers.of(http), path, false));
	}

	@DeleteMapping(ApiPaths.WORKGROUP)
	ResponseEntity<Void> delete(@RequestParam(name = "path") String path, HttpServletRequest http) {
		this.workgroups.delete(visible(Callers.of(http), path, true));
		return ResponseEntity.noContent().build();
	}

	@PutMapping(ApiPaths.WORKGROUP_NODES)
	WorkgroupResponse addNodes(@RequestParam(name = "path") String path, @RequestBody WorkgroupNodesRequest request,
			HttpServletRequest http) {
		AuditTargets.set(http, request.nodes());
		Caller caller = Callers.of(http);
		String resolved = WorkgroupPaths.resolve(caller.workgroup(), path);
		if (!WorkgroupPaths.isSameOrBelow(resolved, caller.workgroup()) || resolved.equals(caller.workgroup())) {
			throw new InvalidRequestException(
					"nodes are added to workgroups below " + caller.workgroup() + ", not to " + resolved);
		}
		return this.workgroups.addNodes(resolved, request.nodes());
	}

	@DeleteMapping(ApiPaths.WORKGROUP_NODES)
	WorkgroupResponse removeNodes(@RequestParam(name = "path") String path,
			@RequestParam(name = "node") List<String> nodes, HttpServletRequest http) {
		AuditTargets.set(http, nodes);
		return this.workgroups.removeNodes(visible(Callers.of(http), path, true), nodes);
	}

	@PutMapping(ApiPaths.WORKGROUP_PASSWORD)
	ResponseEntity<Void> setPassword(@RequestParam(name = "path", required = false) @Nullable String path,
			@RequestBody PasswordRequest request, HttpServletRequest http) {
		this.workgroups.setPassword(visible(Callers.of(http), path, false), request.password());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Resolves a path against the acting workgroup and checks the caller may manage it.
	 * @param strictlyBelow whether the acting workgroup itself is excluded (it cannot
	 * delete itself or change its own node set)
	 */
	private String visible(Caller caller, @Nullable String path, boolean strictlyBelow) {
		String resolved = (path == null || path.isBlank()) ? caller.workgroup()
				: WorkgroupPaths.resolve(caller.workgroup(), path);
		boolean inside = WorkgroupPaths.isSameOrBelow(resolved, caller.workgroup())
				&& !(strictlyBelow && resolved.equals(caller.workgroup()));
		if (!inside || !this.workgroups.exists(resolved)) {
			throw new NotFoundException(ErrorCode.WORKGROUP_NOT_FOUND, "no such workgroup: " + resolved);
		}
		return resolved;
	}

}
