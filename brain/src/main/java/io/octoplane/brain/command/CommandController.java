package io.octoplane.brain.command;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.CommandResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Runs commands on nodes over REST. */
@RestController
class CommandController {

	private final CommandService commands;

	CommandController(CommandService commands) {
		this.commands = commands;
	}

	@PostMapping(ApiPaths.COMMANDS)
	CommandResponse run(@RequestBody CommandRequest request) {
		return this.commands.run(request);
	}

}
