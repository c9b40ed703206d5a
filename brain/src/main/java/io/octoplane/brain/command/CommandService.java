package io.octoplane.brain.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.web.InvalidRequestException;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.CommandResponse;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.NodeCommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Sends one command to many nodes at once and waits for every result, up to the run
 * timeout plus a grace period for the result to travel back.
 */
@Service
class CommandService {

	private static final Logger logger = LoggerFactory.getLogger(CommandService.class);

	private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	private final AgentSessions sessions;

	private final NodeService nodes;

	private final CommandProperties properties;

	CommandService(AgentSessions sessions, NodeService nodes, CommandProperties properties) {
		this.sessions = sessions;
		this.nodes = nodes;
		this.properties = properties;
	}

	CommandResponse run(CommandRequest request) {
		validate(request);
		Duration timeout = timeout(request);
		int outputLimit = outputLimit(request);
		String id = UUID.randomUUID().toString();
		logger.info("Command {} ({}) to {} node(s)", id, request.mode(), request.targets().size());
		List<CompletableFuture<NodeCommandResult>> pending = new ArrayList<>();
		for (String target : request.targets()) {
			RunCommand command = new RunCommand(id, request.mode(), request.command(), timeout.toMillis(), outputLimit);
			pending.add(dispatch(target, command));
		}
		long deadline = System.nanoTime() + timeout.plus(this.properties.resultGrace()).toNanos();
		List<NodeCommandResult> results = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			results.add(await(request.targets().get(i), pending.get(i), deadline));
		}
		return CommandResponse.of(id, results);
	}

	private CompletableFuture<NodeCommandResult> dispatch(String target, RunCommand command) {
		Optional<AgentSession> session = this.sessions.find(target);
		if (session.isEmpty()) {
			boolean known = this.nodes.exists(target);
			return CompletableFuture.completedFuture(communicationFailure(target, known ? "offline" : "not-found",
					known ? "node is not connected" : "no such node"));
		}
		return session.get().run(command).thenApply((result) -> toResult(target, result));
	}

	private static NodeCommandResult await(String target, CompletableFuture<NodeCommandResult> result, long deadline) {
		try {
			return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(false);
			return communicationFailure(target, "lost", "no result arrived within the run timeout plus grace");
		}
		catch (ExecutionException ex) {
			return communicationFailure(target, "lost", ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return communicationFailure(target, "lost", "interrupted while waiting for the result");
		}
	}

	private static NodeCommandResult toResult(String target, CommandResult result) {
		ErrorKind kind = switch (result.outcome()) {
			case SUCCEEDED, STARTED -> ErrorKind.NONE;
			case FAILED, TIMED_OUT, ERROR -> ErrorKind.PROCESS;
		};
		String state = switch (result.outcome()) {
			case SUCCEEDED -> "succeeded";
			case STARTED -> "started";
			case FAILED -> "failed";
			case TIMED_OUT -> "timed-out";
			case ERROR -> "error";
		};
		Integer exitCode = (result.exitCode() >= 0) ? result.exitCode() : null;
		return new NodeCommandResult(target, state, kind, exitCode, result.stdout(), result.stderr(),
				result.outputTruncated(), result.finishedAtMillis() - result.startedAtMillis(), result.error());
	}

	private static NodeCommandResult communicationFailure(String target, String state, String error) {
		return new NodeCommandResult(target, state, ErrorKind.COMMUNICATION, null, "", "", false, null, error);
	}

	private void validate(CommandRequest request) {
		if (request.targets().isEmpty()) {
			throw new InvalidRequestException("targets must name at least one node");
		}
		if (request.targets().size() > this.properties.maxTargets()) {
			throw new InvalidRequestException("at most " + this.properties.maxTargets() + " targets per command, got "
					+ request.targets().size());
		}
		Set<String> seen = new HashSet<>();
		for (String target : request.targets()) {
			if (!NODE_NAME.matcher(target).matches()) {
				throw new InvalidRequestException("'" + target + "' is not a valid node name");
			}
			if (!seen.add(target)) {
				throw new InvalidRequestException("node " + target + " is named twice in targets");
			}
		}
		if (request.command().isBlank()) {
			throw new InvalidRequestException("command must not be blank");
		}
		long commandBytes = request.command().getBytes(StandardCharsets.UTF_8).length;
		if (commandBytes > this.properties.maxCommandBytes().toBytes()) {
			throw new InvalidRequestException("command is " + commandBytes + " bytes; the limit is "
					+ this.properties.maxCommandBytes().toBytes());
		}
	}

	private Duration timeout(CommandRequest request) {
		if (request.timeoutSeconds() == null) {
			return this.properties.defaultTimeout();
		}
		Duration timeout = Duration.ofSeconds(request.timeoutSeconds());
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(this.properties.maxTimeout()) > 0) {
			throw new InvalidRequestException("timeout_seconds must be between 1 and "
					+ this.properties.maxTimeout().toSeconds() + ", got " + request.timeoutSeconds());
		}
		return timeout;
	}

	private int outputLimit(CommandRequest request) {
		if (request.outputLimitBytes() == null) {
			return (int) this.properties.defaultOutputLimit().toBytes();
		}
		int limit = request.outputLimitBytes();
		if (limit < 1 || limit > this.properties.maxOutputLimit().toBytes()) {
			throw new InvalidRequestException("output_limit_bytes must be between 1 and "
					+ this.properties.maxOutputLimit().toBytes() + ", got " + limit);
		}
		return limit;
	}

}
