package io.octoplane.brain.workgroup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.octoplane.brain.node.NodeSelection;
import io.octoplane.brain.node.NodeService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.WorkgroupResponse;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.Selector;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The workgroup tree: who sees which nodes, passwords, and {@code @group} targets. */
@Service
public class WorkgroupService {

	/** The root workgroup, which sees every node. */
	public static final String ROOT = "/";

	private static final int MIN_PASSWORD = 12;

	private static final int MAX_PASSWORD = 256;

	/** How long a verified password is trusted before it is hashed (slowly) again. */
	private static final Duration VERIFIED_PASSWORD_TRUST = Duration.ofSeconds(60);

	private final WorkgroupRepository repository;

	private final NodeService nodes;

	private final NodeSelection selection;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	/** Hash checked against when a workgroup has no password, so timing does not tell. */
	private final String dummyHash;

	private final VerifiedPasswords verified;

	WorkgroupService(WorkgroupRepository repository, NodeService nodes, NodeSelection selection, Clock clock,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.nodes = nodes;
		this.selection = selection;
		this.clock = clock;
		this.events = events;
		this.dummyHash = this.encoder.encode("no password is set for this workgroup");
		this.verified = new VerifiedPasswords(clock, VERIFIED_PASSWORD_TRUST);
	}

	/**
	 * The canonical form of an absolute path.
	 * @param path a path such as {@code /lab/pis/}
	 * @return the canonical path, {@code /} for the root
	 * @throws InvalidRequestException for relative, malformed or too deep paths
	 */
	public static String normalize(String path) {
		try {
			return WorkgroupPaths.normalize(path);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	/**
	 * Resolves a path given relative to a workgroup ({@code pis}) or absolute
	 * ({@code /lab/pis}).
	 * @param base the workgroup relative paths start from
	 * @param path the path as given
	 * @return the canonical absolute path
	 * @throws InvalidRequestException for malformed paths
	 */
	public static String resolve(String base, String path) {
		try {
			return WorkgroupPaths.resolve(base, path);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	/**
	 * Whether a workgroup is the given one or below it.
	 * @param path the workgroup
	 * @param ancestor the possible ancestor
	 * @return {@code true} for {@code /a/b} below {@code /a}, {@code false} for
	 * {@code /ab}
	 */
	public static boolean isSameOrBelow(String path, String ancestor) {
		return WorkgroupPaths.isSameOrBelow(path, ancestor);
	}

	/**
	 * Whether a target list entry stands for a group of nodes ({@code ALL},
	 * {@code @group}, {@code label:SELECTOR}) rather than one node.
	 * @param target the entry as given
	 * @return whether {@link #expandTargets} replaces it by the nodes it stands for
	 */
	public static boolean isGroupTarget(String target) {
		return TargetNames.isGroup(target.strip()) || Selector.isTarget(target);
	}

	/**
	 * The selectors of a target list, in their canonical spelling, for a job to record.
	 * @param targets the targets as given
	 * @return the {@code label:} entries' selectors, in order
	 * @throws InvalidRequestException if one does not parse
	 */
	public static List<String> selectors(List<String> targets) {
		return targets.stream().filter(Selector::isTarget).map((target) -> parse(target).toString()).toList();
	}

	private static Selector parse(String target) {
		try {
			return Selector.ofTarget(target);
		}
		catch (InvalidSelectorException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	/** Whether a workgroup exists; the root always does. */
	public boolean exists(String path) {
		return ROOT.equals(path) || this.repository.exists(path);
	}

	/** The nodes a workgroup may see: every node for the root. */
	public Set<String> visibleNodes(String path) {
		return ROOT.equals(path) ? this.nodes.names() : this.repository.nodes(path);
	}

	/**
	 * A workgroup and every workgroup below it.
	 * @param path the workgroup
	 * @return the paths, parents before their children; empty if the workgroup does not
	 * exist
	 */
	public List<String> subtree(String path) {
		return exists(path) ? this.repository.subtree(path) : List.of();
	}

	/**
	 * Which of some nodes a workgroup may see, reading only those: cheaper than
	 * {@link #visibleNodes} when they are few.
	 * @param path the workgroup
	 * @param names node names
	 * @return those the workgroup sees, in the order given
	 */
	public Set<String> visibleAmong(String path, Collection<String> names) {
		return ROOT.equals(path) ? this.nodes.registered(names) : this.repository.nodesAmong(path, names);
	}

	/** Whether a workgroup may see a node. */
	public boolean canSee(String path, String node) {
		return !visibleAmong(path, List.of(node)).isEmpty();
	}

	/**
	 * Expands a target list as Octopoda's brain does: {@code ALL} (and {@code @},
	 * {@code @ALL}, {@code @all}, {@code @.}) is every node the acting workgroup sees;
	 * {@code @name} is a child of the acting workgroup (or deeper, {@code @a/b}),
	 * {@code @/abs} must lie within it; {@code label:SELECTOR} is every node of the
	 * acting workgroup the selector matches now. Plain names pass unchanged, so an
	 * unknown one meets the caller's usual per-node "not found".
	 * @param path the acting workgroup
	 * @param targets the targets as given
	 * @return node names in order, without duplicates
	 * @throws NotFoundException if a group is unknown or outside the acting workgroup
	 * @throws InvalidRequestException if the list is empty or an entry stands for no node
	 * (an empty target list never means "all")
	 */
	public List<String> expandTargets(String path, List<String> targets) {
		Set<String> expanded = new LinkedHashSet<>();
		for (String given : targets) {
			String target = given.strip();
			if (target.isEmpty()) {
				continue;
			}
			if (Selector.isTarget(target)) {
				Selector selector = parse(target);
				List<String> matched = this.selection.select(selector, visibleNodes(path));
				if (matched.isEmpty()) {
					// Never "every node" by accident.
					throw new InvalidRequestException("selector " + selector + " matches no node in workgroup " + path);
				}
				expanded.addAll(matched);
				continue;
			}
			if (!TargetNames.isGroup(target)) {
				expanded.add(target);
				continue;
			}
			String resolved = TargetNames.isAll(target) ? path : resolve(path, target.substring(1));
			if (!isSameOrBelow(resolved, path) || !exists(resolved)) {
				throw new NotFoundException(ErrorCode.WORKGROUP_NOT_FOUND, "no such workgroup: " + target);
			}
			Set<String> members = visibleNodes(resolved);
			if (members.isEmpty()) {
				throw new InvalidRequestException(
						target + " has no nodes" + (TargetNames.isAll(target) ? " in workgroup " + path : ""));
			}
			expanded.addAll(members.stream().sorted().toList());
		}
		if (expanded.isEmpty()) {
			throw new InvalidRequestException("targets must name at least one node, @group or ALL");
		}
		return new ArrayList<>(expanded);
	}

	/**
	 * Expands a target list that may be empty, which then stands for every node the
	 * acting workgroup sees, as listings read no names.
	 * @param path the acting workgroup
	 * @param targets the targets as given, possibly empty
	 * @return node names in order, or empty for every visible node
	 * @throws NotFoundException if a group is unknown or outside the acting workgroup
	 * @throws InvalidRequestException if a given entry stands for no node
	 */
	public List<String> expandOptionalTargets(String path, List<String> targets) {
		boolean none = targets.stream().allMatch(String::isBlank);
		return none ? List.of() : expandTargets(path, targets);
	}

	/**
	 * Checks a workgroup's password.
	 * @param path the workgroup
	 * @param password the password given
	 * @return whether it matches; {@code false} when none is set or the path is unknown
	 */
	public boolean verifyPassword(String path, String password) {
		String hash = this.repository.passwordHash(path);
		if (hash == null) {
			this.encoder.matches(password, this.dummyHash);
			return false;
		}
		if (this.verified.isVerified(hash, password)) {
			return true;
		}
		boolean matches = this.encoder.matches(password, hash);
		if (matches) {
			this.verified.remember(hash, password);
		}
		return matches;
	}

	/**
	 * Sets a workgroup's password (stored as an Argon2 hash only).
	 * @param path the workgroup
	 * @param password the new password, 12 to 256 characters
	 */
	public void setPassword(String path, String password) {
		if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
			throw new InvalidRequestException(
					"a password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
		}
		this.repository.setPasswordHash(path, this.encoder.encode(password), this.clock.instant());
	}

	/**
	 * Puts a newly enrolled node into a workgroup and its ancestors, so every level above
	 * it may see it too.
	 * @param path the workgroup the join token belongs to
	 * @param node the node
	 */
	public void enroll(String path, String node) {
		this.repository.create(path, this.clock.instant());
		String current = path;
		while (!ROOT.equals(current)) {
			this.repository.addNodes(current, List.of(node));
			current = WorkgroupPaths.parent(current);
		}
	}

	WorkgroupResponse describe(String path) {
		return new WorkgroupResponse(path, List.copyOf(visibleNodes(path)),
				List.copyOf(this.repository.children(path)));
	}

	/**
	 * Adds nodes to a workgroup below the acting one, creating it if needed. Workgroups
	 * in between receive the nodes too: a workgroup never holds a node its parent cannot
	 * see. The names may be a target list ({@code ALL}, {@code @group}), as in Octopoda's
	 * {@code wg add}.
	 */
	WorkgroupResponse addNodes(String acting, String path, Collection<String> targets) {
		if (path.equals(acting) || !isSameOrBelow(path, acting)) {
			throw new InvalidRequestException("nodes are given to workgroups below " + acting + ", not to " + path);
		}
		if (targets.isEmpty()) {
			throw new InvalidRequestException("nodes must name at least one node");
		}
		List<String> names = expandTargets(acting, List.copyOf(targets));
		Set<String> allowed = visibleNodes(acting);
		List<String> unknown = names.stream().filter((name) -> !allowed.contains(name)).distinct().toList();
		if (!unknown.isEmpty()) {
			// Unknown and invisible nodes get the same answer, so names do not leak.
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + String.join(", ", unknown));
		}
		this.repository.create(path, this.clock.instant());
		for (String current = path; !current.equals(acting); current = WorkgroupPaths.parent(current)) {
			this.repository.addNodes(current, names);
		}
		return describe(path);
	}

	WorkgroupResponse removeNodes(String path, Collection<String> names) {
		removeBelow(path, names);
		return describe(path);
	}

	private void removeBelow(String path, Collection<String> names) {
		this.repository.removeNodes(path, names);
		for (String child : this.repository.children(path)) {
			removeBelow(child, names);
		}
	}

	void delete(String path) {
		if (ROOT.equals(path)) {
			throw new InvalidRequestException("the root workgroup cannot be removed");
		}
		this.events.publishEvent(new WorkgroupDeletedEvent(this.repository.delete(path)));
	}

}
