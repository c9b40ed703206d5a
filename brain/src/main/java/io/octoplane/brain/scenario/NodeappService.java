package io.octoplane.brain.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.NodeappReport;
import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.protocol.api.NodeappResponse;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * One node's nodeapps. Which nodeapps a node has comes from the current versions of the
 * workgroup's scenarios; a nodeapp's history is read from its git repository on the node.
 */
@Service
class NodeappService {

	private final ScenarioVersions versions;

	private final NodeappTasks tasks;

	private final WorkgroupService workgroups;

	NodeappService(ScenarioVersions versions, NodeappTasks tasks, WorkgroupService workgroups) {
		this.versions = versions;
		this.tasks = tasks;
		this.workgroups = workgroups;
	}

	List<NodeappResponse> list(String node, Caller caller) {
		checkNode(node, caller);
		List<NodeappResponse> found = new ArrayList<>();
		for (String scenario : this.versions.names(caller.workgroup())) {
			this.versions.head(caller.workgroup(), scenario).ifPresent((head) -> head.nodeapps().forEach((key, id) -> {
				int at = key.indexOf('@');
				if (key.substring(at + 1).equals(node)) {
					found.add(new NodeappResponse(node, key.substring(0, at) + "@" + scenario, id, List.of(), null));
				}
			}));
		}
		return found;
	}

	/**
	 * A page of a nodeapp's history, newest first.
	 * @param offset how many of the newest to skip
	 * @param limit how many at most
	 */
	NodeappResponse versions(String node, String nodeapp, int offset, int limit, Caller caller) {
		if (offset < 0 || limit < 1 || limit > 1000) {
			throw new InvalidRequestException("offset must be 0 or more and limit between 1 and 1000");
		}
		NodeappResponse all = versions(node, nodeapp, caller);
		List<NodeappResponse.Commit> page = all.versions()
			.subList(Math.min(offset, all.versions().size()), Math.min(offset + limit, all.versions().size()));
		return new NodeappResponse(node, nodeapp, all.head(), page, all.versions().size());
	}

	private NodeappResponse versions(String node, String nodeapp, Caller caller) {
		NodeappTask task = task(node, nodeapp, caller, NodeappTask.Action.LOG, null, null);
		NodeappReport report = run(node, task, caller);
		List<NodeappResponse.Commit> commits = (report.log() != null) ? report.log()
			.stream()
			.map((commit) -> new NodeappResponse.Commit(commit.id(), Instant.ofEpochSecond(commit.timeSeconds()),
					commit.message()))
			.toList() : List.of();
		return new NodeappResponse(node, nodeapp, report.head(), commits, null);
	}

	NodeappResponse reset(String node, String nodeapp, ResetRequest request, Caller caller) {
		String prefix = request.version().toLowerCase();
		if (prefix.length() < 3 || !prefix.matches("[0-9a-f]+")) {
			throw new InvalidRequestException("version must be at least 3 hexadecimal characters of a commit id");
		}
		List<NodeappResponse.Commit> matches = versions(node, nodeapp, caller).versions()
			.stream()
			.filter((commit) -> commit.id().startsWith(prefix))
			.toList();
		if (matches.isEmpty()) {
			throw new NotFoundException(ErrorCode.VERSION_NOT_FOUND,
					"nodeapp " + nodeapp + " on " + node + " has no commit starting with " + prefix);
		}
		if (matches.size() > 1) {
			throw new InvalidRequestException("version prefix " + prefix + " matches " + matches.size() + " commits");
		}
		String id = matches.get(0).id();
		run(node, task(node, nodeapp, caller, NodeappTask.Action.RESET,
				"reset to " + id.substring(0, 10) + ": " + request.message(), id), caller);
		NodeappResponse after = versions(node, nodeapp, caller);
		return new NodeappResponse(node, nodeapp, after.head(), after.versions(), after.versions().size());
	}

	private NodeappReport run(String node, NodeappTask task, Caller caller) {
		NodeappTasks.Outcome outcome = this.tasks
			.await(this.tasks.submit(List.of(node), task, caller.workgroup(), caller.name()));
		if (outcome.failure() != null) {
			throw new ConflictException("nodeapp " + task.folder() + " " + outcome.failure());
		}
		NodeappReport report = outcome.reports().get(node);
		if (report == null) {
			throw new ConflictException("nodeapp " + task.folder() + " on " + node + ": the node sent no report");
		}
		return report;
	}

	private NodeappTask task(String node, String nodeapp, Caller caller, NodeappTask.Action action,
			@Nullable String message, @Nullable String commit) {
		checkNode(node, caller);
		int at = nodeapp.indexOf('@');
		if (at <= 0 || !NodeappTask.NAME.matcher(nodeapp.substring(0, at)).matches()
				|| !NodeappTask.NAME.matcher(nodeapp.substring(at + 1)).matches()) {
			throw new InvalidRequestException("'" + nodeapp + "' is not <app>@<scenario>");
		}
		return new NodeappTask(action, nodeapp.substring(0, at), nodeapp.substring(at + 1), null, null, null, message,
				commit);
	}

	private void checkNode(String node, Caller caller) {
		if (!this.workgroups.canSee(caller.workgroup(), node)) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node " + node);
		}
	}

}
