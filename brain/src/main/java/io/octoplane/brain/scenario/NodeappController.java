package io.octoplane.brain.scenario;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeappListResponse;
import io.octoplane.protocol.api.NodeappResponse;
import io.octoplane.protocol.api.ResetRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl napp}: one node's nodeapps, a nodeapp's git history (a page of it, default
 * all up to 1000), and its reset.
 */
@RestController
class NodeappController {

	private final NodeappService nodeapps;

	NodeappController(NodeappService nodeapps) {
		this.nodeapps = nodeapps;
	}

	/**
	 * Lists the nodeapps deployed on a node.
	 * @param node the node
	 */
	@GetMapping(ApiPaths.NODEAPPS)
	NodeappListResponse list(@PathVariable String node, HttpServletRequest http) {
		return new NodeappListResponse(this.nodeapps.list(node, Caller.of(http)));
	}

	/**
	 * Lists the versions of a nodeapp on a node, newest first.
	 * @param node the node
	 * @param app the nodeapp's name
	 * @param offset how many of the newest versions to skip
	 */
	@GetMapping(ApiPaths.NODEAPP_VERSIONS)
	NodeappResponse versions(@PathVariable String node, @PathVariable String app,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "1000") int limit,
			HttpServletRequest http) {
		return this.nodeapps.versions(node, app, offset, limit, Caller.of(http));
	}

	/**
	 * Resets a nodeapp on a node to one of its earlier versions.
	 * @param node the node
	 * @param app the nodeapp's name
	 */
	@PostMapping(ApiPaths.NODEAPP_RESET)
	NodeappResponse reset(@PathVariable String node, @PathVariable String app, @RequestBody ResetRequest request,
			HttpServletRequest http) {
		AuditTargets.set(http, List.of(node));
		return this.nodeapps.reset(node, app, request, Caller.of(http));
	}

}
