package io.octoplane.brain.upgrade;

import java.time.Instant;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeRequest;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import io.octoplane.protocol.api.BrainUpgradeState;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.upgrade.HistoryWindow;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl upgrade ACTION [VERSION] brain}: the upgrade home of the brain that
 * answers. Only operators acting in the root workgroup may see it; anyone else gets the
 * same 404 as for a path that does not exist, since a workgroup's operators have no
 * business with the brain's versions. Every action is audited with what it did.
 */
@RestController
class BrainUpgradeController {

	private final BrainUpgradeService upgrades;

	BrainUpgradeController(BrainUpgradeService upgrades) {
		this.upgrades = upgrades;
	}

	/**
	 * The state of the brain's own upgrade: running version, and the one being installed
	 * if any.
	 */
	@GetMapping(ApiPaths.BRAIN_UPGRADE)
	BrainUpgradeState state(HttpServletRequest http) {
		requireRoot(http);
		return this.upgrades.state();
	}

	/**
	 * The history of the brain's upgrades, newest first.
	 * @param since only upgrades from this time on (ISO-8601)
	 * @param limit most entries
	 */
	@GetMapping(ApiPaths.BRAIN_UPGRADE_HISTORY)
	BrainUpgradeHistory history(@RequestParam(required = false) @Nullable Instant since,
			@RequestParam(required = false) @Nullable Integer limit, HttpServletRequest http) {
		requireRoot(http);
		if (limit != null && limit <= 0) {
			throw new InvalidRequestException("limit must be positive, not " + limit);
		}
		return this.upgrades.history(new HistoryWindow(since, limit));
	}

	/**
	 * Acts on the brain's upgrade: installs, upgrades to or downgrades to a release
	 * version, or confirms, cancels or cleans up the upgrade under way.
	 */
	@PostMapping(ApiPaths.BRAIN_UPGRADE)
	BrainUpgradeResponse apply(@RequestBody BrainUpgradeRequest request, HttpServletRequest http) {
		requireRoot(http);
		AuditTargets.describe(http,
				"brain " + request.action() + ((request.version() != null) ? " " + request.version() : ""));
		return this.upgrades.apply(request);
	}

	private static void requireRoot(HttpServletRequest http) {
		if (!WorkgroupService.ROOT.equals(Caller.of(http).workgroup())) {
			// Worded like Spring's answer for an unknown path, so it tells nothing more.
			throw new NotFoundException(ErrorCode.NOT_FOUND,
					"No static resource " + http.getRequestURI().substring(1) + ".");
		}
	}

}
