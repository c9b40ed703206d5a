package io.octoplane.brain.ssh;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.TargetParameters;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.SshLogin;
import io.octoplane.protocol.api.SshLoginListResponse;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl ssh set|ls|del} and the look-up behind {@code octl ssh login}. Logins
 * belong to the acting workgroup and name only nodes it sees; a login whose node left the
 * workgroup is hidden like the node.
 */
@RestController
class SshLoginController {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	// Never starting with '-': the user ends up on ssh's command line.
	private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");

	private final SshLoginRepository logins;

	private final WorkgroupService workgroups;

	SshLoginController(SshLoginRepository logins, WorkgroupService workgroups) {
		this.logins = logins;
		this.workgroups = workgroups;
	}

	/**
	 * Saves an SSH login of the acting workgroup: which node, user and port octl ssh
	 * login uses under this name.
	 * @param name the login's name, 1 to 63 letters, digits, '.', '_' or '-'
	 */
	@PutMapping(ApiPaths.SSH_LOGIN)
	SshLogin save(@PathVariable("name") String name, @RequestBody SshLogin login, HttpServletRequest http) {
		Caller caller = Caller.of(http);
		AuditTargets.set(http, List.of(login.node()));
		if (!NAME.matcher(name).matches()) {
			throw new InvalidRequestException(
					"login name must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (!name.equals(login.name())) {
			throw new InvalidRequestException("the body names login '" + login.name() + "', the path '" + name + "'");
		}
		if (login.user() != null && !USER.matcher(login.user()).matches()) {
			throw new InvalidRequestException(
					"user must be 1 to 32 letters, digits, '.', '_' or '-', not starting " + "with '-' or '.'");
		}
		if (login.port() < 1 || login.port() > 65535) {
			throw new InvalidRequestException("port must be between 1 and 65535, not " + login.port());
		}
		if (!this.workgroups.canSee(caller.workgroup(), login.node())) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + login.node());
		}
		this.logins.save(caller.workgroup(), login);
		return login;
	}

	/**
	 * Lists the SSH logins of the acting workgroup, optionally only those of some nodes.
	 * @param documented only logins of these nodes (names, {@code @group}s,
	 * {@code label:} selectors), each a {@code node} parameter; all when empty
	 */
	@GetMapping(ApiPaths.SSH_LOGINS)
	SshLoginListResponse list(@RequestParam(name = "node", defaultValue = "") List<String> documented,
			HttpServletRequest http) {
		List<String> targets = TargetParameters.of(http, "node");
		String workgroup = Caller.of(http).workgroup();
		Set<String> visible = new HashSet<>(this.workgroups.visibleNodes(workgroup));
		List<String> wanted = this.workgroups.expandOptionalTargets(workgroup, targets);
		if (!wanted.isEmpty()) {
			visible.retainAll(wanted);
		}
		return new SshLoginListResponse(this.logins.all(workgroup)
			.values()
			.stream()
			.filter((login) -> visible.contains(login.node()))
			.toList());
	}

	/**
	 * Reads one SSH login of the acting workgroup.
	 * @param name the login's name
	 */
	@GetMapping(ApiPaths.SSH_LOGIN)
	SshLogin get(@PathVariable("name") String name, HttpServletRequest http) {
		String workgroup = Caller.of(http).workgroup();
		return this.logins.find(workgroup, name)
			.filter((login) -> this.workgroups.canSee(workgroup, login.node()))
			.orElseThrow(() -> missing(name));
	}

	/**
	 * Removes an SSH login of the acting workgroup.
	 * @param name the login's name
	 */
	@DeleteMapping(ApiPaths.SSH_LOGIN)
	ResponseEntity<Void> delete(@PathVariable("name") String name, HttpServletRequest http) {
		AuditTargets.set(http, List.of(name));
		if (!this.logins.delete(Caller.of(http).workgroup(), name)) {
			throw missing(name);
		}
		return ResponseEntity.noContent().build();
	}

	private static NotFoundException missing(String name) {
		return new NotFoundException(ErrorCode.NOT_FOUND, "no such ssh login: " + name);
	}

}
