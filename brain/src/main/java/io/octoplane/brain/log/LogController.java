package io.octoplane.brain.log;

import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.log.LogQuery;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl log get}: the newest lines of the brain's log or of a node's. Reads, so not
 * audited.
 */
@RestController
class LogController {

	private final LogService logs;

	LogController(LogService logs) {
		this.logs = logs;
	}

	/**
	 * The newest lines of a brain's own log; root workgroup only.
	 * @param lines how many of the newest lines
	 * @param days how many days of rotated logs to read back
	 * @param brain the brain whose log to read, by name; none for the one that answers
	 */
	@GetMapping(ApiPaths.BRAIN_LOGS)
	LogResponse brain(@RequestParam(required = false) @Nullable Integer lines,
			@RequestParam(required = false) @Nullable Integer days,
			@RequestParam(required = false) @Nullable String brain, HttpServletRequest http) {
		return this.logs.brain(query(lines, days), Caller.of(http), brain);
	}

	/**
	 * The newest lines of a node's tentacle log, read from the node now.
	 * @param name the node
	 * @param lines how many of the newest lines
	 * @param days how many days of rotated logs to read back
	 */
	@GetMapping(ApiPaths.NODE_LOGS)
	LogResponse node(@PathVariable String name, @RequestParam(required = false) @Nullable Integer lines,
			@RequestParam(required = false) @Nullable Integer days, HttpServletRequest http) {
		return this.logs.node(name, query(lines, days), Caller.of(http));
	}

	private static LogQuery query(@Nullable Integer lines, @Nullable Integer days) {
		int count = (lines != null) ? lines : LogQuery.DEFAULT_LINES;
		if (count < 1 || count > LogQuery.MAX_LINES) {
			throw new InvalidRequestException("lines must be between 1 and " + LogQuery.MAX_LINES + ", got " + count);
		}
		// No days: every line the retained files hold.
		if (days != null && (days < 1 || days > LogQuery.MAX_DAYS)) {
			throw new InvalidRequestException("days must be between 1 and " + LogQuery.MAX_DAYS + ", got " + days);
		}
		return new LogQuery(count, (days != null) ? days : 0);
	}

}
