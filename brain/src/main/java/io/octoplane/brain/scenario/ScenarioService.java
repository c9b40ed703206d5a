package io.octoplane.brain.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.octoplane.brain.file.BlobAccess;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.protocol.api.ScenarioApplyRequest;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import io.octoplane.protocol.api.ScenarioInfo;
import io.octoplane.protocol.api.ScenarioListResponse;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import io.octoplane.protocol.selector.Selector;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.server.web.OctoplaneException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Applies scenario targets, lists scenarios and their versions, and resets them. A
 * scenario is applied, reset or deleted by one call at a time across every brain sharing
 * Redis ({@link ScenarioLocks}), so two operators cannot interleave scripts on the same
 * nodeapps, while different scenarios apply in parallel.
 */
@Service
class ScenarioService {

	private static final Logger logger = LoggerFactory.getLogger(ScenarioService.class);

	private final ScenarioProperties properties;

	private final NodeappTasks tasks;

	private final NodeappShipper shipper;

	private final BlobAccess blobs;

	private final ScenarioVersions versions;

	private final WorkgroupService workgroups;

	private final ScenarioLocks locks;

	ScenarioService(ScenarioProperties properties, NodeappTasks tasks, NodeappShipper shipper, BlobAccess blobs,
			ScenarioVersions versions, WorkgroupService workgroups, ScenarioLocks locks) {
		this.properties = properties;
		this.tasks = tasks;
		this.shipper = shipper;
		this.blobs = blobs;
		this.versions = versions;
		this.workgroups = workgroups;
		this.locks = locks;
	}

	ScenarioApplyResponse apply(String name, ScenarioApplyRequest request, Caller caller) {
		checkName(name);
		return this.locks.holding(caller.workgroup(), name, "apply by " + caller.name(),
				() -> applyHolding(name, request, caller));
	}

	private ScenarioApplyResponse applyHolding(String name, ScenarioApplyRequest request, Caller caller) {
		String workgroup = caller.workgroup();
		ScenarioFolder folder = ScenarioFolder.read(this.blobs.open(request.archiveSha256(), workgroup),
				this.properties.maxUnpacked().toBytes());
		Deployment written = DeploymentParser.parse(folder);
		if (!written.name().equals(name)) {
			throw new InvalidDeploymentException(ScenarioFolder.DEPLOYMENT, "name",
					"is '" + written.name() + "' but the scenario applied is '" + name + "'");
		}
		Deployment deployment = resolveNodes(written, workgroup);
		// Octopoda names prepare + start "default".
		List<String> targets = (request.target() != null && !"default".equals(request.target()))
				? List.of(request.target()) : List.of("prepare", "start");
		for (String target : targets) {
			if (!deployment.targets().contains(target)) {
				throw new InvalidDeploymentException(ScenarioFolder.DEPLOYMENT, "script",
						"no application has a script for target '" + target + "' (targets: "
								+ String.join(", ", deployment.targets()) + ")");
			}
		}
		String message = (request.message() != null && !request.message().isBlank()) ? request.message().strip()
				: String.join("+", targets);
		Run run = new Run(name, workgroup, caller.name(), targets);
		logger.info("Scenario {} in {}: {} by {}", name, workgroup, targets, caller.name());
		// Scripts always, sources on prepare; shipped before any script runs.
		boolean withSources = targets.contains("prepare");
		Map<Deployment.App, NodeappTasks.Submitted> syncs = new LinkedHashMap<>();
		// Large folders take as long as the scenario allows its scripts.
		Duration syncTimeout = Objects.requireNonNullElse(deployment.timeout(), this.tasks.defaultTimeout());
		for (Deployment.App app : deployment.apps()) {
			NodeappTask.ArchiveBlob archive = this.shipper.ship(folder, app, withSources, workgroup, syncTimeout);
			syncs.put(app,
					this.tasks.submit(app.nodes(),
							new NodeappTask(NodeappTask.Action.SYNC, app.name(), name, archive, null, null, null, null),
							syncTimeout, workgroup, caller.name()));
		}
		for (Map.Entry<Deployment.App, NodeappTasks.Submitted> sync : syncs.entrySet()) {
			if (!run.step("ship", -1, sync.getKey().name(), "(files)", this.tasks.await(sync.getValue()))) {
				return run.response(null);
			}
		}
		String version = null;
		for (String target : targets) {
			if (!runTarget(run, deployment, target)) {
				return run.response(version);
			}
			if (target.equals("prepare") || target.equals("commit")) {
				Map<String, String> heads = commitAll(run, deployment, target + ": " + message);
				if (heads == null) {
					return run.response(version);
				}
				byte[] file = folder.file(ScenarioFolder.DEPLOYMENT).orElseThrow();
				version = this.versions.record(workgroup, name, file, folder.file(AliasFile.FILE).orElse(null), heads,
						target + ": " + message, caller.name());
			}
			if (target.equals("purge")) {
				for (Deployment.App app : deployment.apps()) {
					if (!run.step("purge", -1, app.name(), "(remove nodeapp)",
							this.tasks.await(this.tasks.submit(app.nodes(),
									task(NodeappTask.Action.PURGE, app.name(), name), workgroup, caller.name())))) {
						return run.response(version);
					}
				}
			}
		}
		return run.response(version);
	}

	private boolean runTarget(Run run, Deployment deployment, String target) {
		// order -> (app, script), ascending; one order's scripts run in parallel.
		TreeMap<Integer, List<Map.Entry<Deployment.App, Deployment.Script>>> steps = new TreeMap<>();
		for (Deployment.App app : deployment.apps()) {
			for (Deployment.Script script : app.scripts()) {
				if (script.target().equals(target)) {
					steps.computeIfAbsent(script.order(), (order) -> new ArrayList<>()).add(Map.entry(app, script));
				}
			}
		}
		for (Map.Entry<Integer, List<Map.Entry<Deployment.App, Deployment.Script>>> order : steps.entrySet()) {
			List<NodeappTasks.Submitted> jobs = new ArrayList<>();
			for (Map.Entry<Deployment.App, Deployment.Script> step : order.getValue()) {
				Deployment.App app = step.getKey();
				jobs.add(this.tasks.submit(app.nodes(),
						new NodeappTask(NodeappTask.Action.RUN, app.name(), run.scenario, null, step.getValue().file(),
								target, null, null),
						deployment.timeout(step.getValue(), this.tasks.defaultTimeout()), run.workgroup, run.caller));
			}
			boolean ok = true;
			for (int i = 0; i < jobs.size(); i++) {
				Map.Entry<Deployment.App, Deployment.Script> step = order.getValue().get(i);
				ok &= run.step(target, order.getKey(), step.getKey().name(), step.getValue().file(),
						this.tasks.await(jobs.get(i)));
			}
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private @Nullable Map<String, String> commitAll(Run run, Deployment deployment, String message) {
		Map<String, String> heads = new TreeMap<>();
		for (Deployment.App app : deployment.apps()) {
			NodeappTasks.Outcome outcome = this.tasks
				.await(this.tasks.submit(app.nodes(), new NodeappTask(NodeappTask.Action.COMMIT, app.name(),
						run.scenario, null, null, null, message, null), run.workgroup, run.caller));
			if (!run.step("commit", -1, app.name(), "(git commit)", outcome)) {
				return null;
			}
			outcome.heads().forEach((node, head) -> heads.put(app.name() + "@" + node, head));
		}
		return heads;
	}

	ScenarioApplyResponse reset(String name, ResetRequest request, Caller caller) {
		checkName(name);
		String workgroup = caller.workgroup();
		return this.locks.holding(workgroup, name, "reset by " + caller.name(), () -> {
			String id = this.versions.resolve(workgroup, name, request.version());
			ScenarioVersions.Content old = this.versions.content(workgroup, name, id);
			resolveNodes(deployment(old), workgroup);
			String message = "reset to " + id.substring(0, 10) + ": " + request.message();
			Run run = new Run(name, workgroup, caller.name(), List.of("reset"));
			Map<String, String> heads = new TreeMap<>();
			for (Map.Entry<String, String> nodeapp : old.nodeapps().entrySet()) {
				String app = nodeapp.getKey().substring(0, nodeapp.getKey().indexOf('@'));
				String node = nodeapp.getKey().substring(nodeapp.getKey().indexOf('@') + 1);
				NodeappTasks.Outcome outcome = this.tasks
					.await(this.tasks.submit(List.of(node), new NodeappTask(NodeappTask.Action.RESET, app, name, null,
							null, null, message, nodeapp.getValue()), workgroup, caller.name()));
				if (!run.step("reset", -1, app, "(git reset)", outcome)) {
					return run.response(null);
				}
				heads.put(nodeapp.getKey(), outcome.heads().get(node));
			}
			String version = this.versions.record(workgroup, name, old.deployment(), old.aliases(), heads, message,
					caller.name());
			return run.response(version);
		});
	}

	ScenarioInfo get(String name, Caller caller) {
		checkName(name);
		ScenarioVersions.Content head = this.versions.head(caller.workgroup(), name).orElseThrow(() -> notFound(name));
		Deployment deployment = deployment(head);
		return new ScenarioInfo(name, deployment.description(), caller.workgroup(), head.id(),
				deployment.apps().stream().map((app) -> new ScenarioInfo.App(app.name(), app.nodes())).toList());
	}

	ScenarioListResponse list(Caller caller) {
		return new ScenarioListResponse(this.versions.names(caller.workgroup())
			.stream()
			.flatMap((name) -> this.versions.head(caller.workgroup(), name).stream().map((head) -> {
				Deployment deployment = deployment(head);
				return new ScenarioInfo(name, deployment.description(), caller.workgroup(), head.id(),
						deployment.apps()
							.stream()
							.map((app) -> new ScenarioInfo.App(app.name(), app.nodes()))
							.toList());
			}))
			.toList());
	}

	ScenarioVersionsResponse versions(String name, int offset, int limit, Caller caller) {
		checkName(name);
		if (!this.versions.exists(caller.workgroup(), name)) {
			throw notFound(name);
		}
		if (offset < 0 || limit < 1 || limit > 1000) {
			throw new InvalidRequestException("offset must be 0 or more and limit between 1 and 1000");
		}
		return this.versions.list(caller.workgroup(), name, offset, limit);
	}

	/**
	 * Removes a scenario's record and version repository, as Octopoda's purge removes its
	 * record; the nodeapps on the nodes are left to the purge target.
	 */
	void delete(String name, Caller caller) {
		checkName(name);
		boolean deleted = this.locks.holding(caller.workgroup(), name, "delete by " + caller.name(),
				() -> this.versions.delete(caller.workgroup(), name));
		if (!deleted) {
			throw notFound(name);
		}
		logger.info("Scenario {} in {} deleted by {}", name, caller.workgroup(), caller.name());
	}

	private static Deployment deployment(ScenarioVersions.Content content) {
		return DeploymentParser.parseRecorded(content.deployment(), content.aliases());
	}

	/**
	 * Expands each application's {@code @workgroup} entries into nodes and checks that
	 * every node is one the workgroup sees.
	 */
	private Deployment resolveNodes(Deployment deployment, String workgroup) {
		Set<String> visible = this.workgroups.visibleNodes(workgroup);
		return deployment.withNodes((app) -> {
			String field = "applications[" + deployment.apps().indexOf(app) + "].nodes";
			Set<String> nodes = new LinkedHashSet<>();
			for (String entry : app.nodes()) {
				if (entry.startsWith("@") || Selector.isTarget(entry)) {
					try {
						nodes.addAll(this.workgroups.expandTargets(workgroup, List.of(entry)));
					}
					catch (OctoplaneException ex) {
						throw new InvalidDeploymentException(ScenarioFolder.DEPLOYMENT, field,
								Selector.isTarget(entry) ? "'" + entry + "': " + ex.getBody().getDetail()
										: "'" + entry + "' is neither an alias of " + AliasFile.FILE
												+ " nor a workgroup with nodes (" + ex.getBody().getDetail() + ")");
					}
				}
				else if (!visible.contains(entry)) {
					// Worded like every unknown node, so an invisible one does not leak.
					throw new NotFoundException(ErrorCode.NODE_NOT_FOUND,
							ScenarioFolder.DEPLOYMENT + ": " + field + ": no such node " + entry);
				}
				else {
					nodes.add(entry);
				}
			}
			return List.copyOf(nodes);
		});
	}

	private static void checkName(String name) {
		if (!NodeappTask.NAME.matcher(name).matches()) {
			throw new InvalidRequestException("'" + name + "' is not a scenario name");
		}
	}

	static NotFoundException notFound(String name) {
		return new NotFoundException(ErrorCode.SCENARIO_NOT_FOUND, "no scenario " + name);
	}

	private static NodeappTask task(NodeappTask.Action action, String app, String scenario) {
		return new NodeappTask(action, app, scenario, null, null, null, null, null);
	}

	/** The steps of one apply or reset, and its first failure. */
	private static final class Run {

		private final String scenario;

		private final String workgroup;

		private final String caller;

		private final List<String> targets;

		private final List<ScenarioApplyResponse.Step> steps = new ArrayList<>();

		private @Nullable String failure;

		Run(String scenario, String workgroup, String caller, List<String> targets) {
			this.scenario = scenario;
			this.workgroup = workgroup;
			this.caller = caller;
			this.targets = targets;
		}

		boolean step(String target, int order, String app, String script, NodeappTasks.Outcome outcome) {
			this.steps.add(new ScenarioApplyResponse.Step(target, order, app, script, outcome.results()));
			if (this.failure == null && outcome.failure() != null) {
				this.failure = target + " " + script + " of app " + app + ": " + outcome.failure();
			}
			return outcome.failure() == null;
		}

		ScenarioApplyResponse response(@Nullable String version) {
			return new ScenarioApplyResponse(this.scenario, this.targets, this.failure == null, this.failure, version,
					this.steps);
		}

	}

}
