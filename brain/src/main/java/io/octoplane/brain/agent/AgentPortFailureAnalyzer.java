package io.octoplane.brain.agent;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Tells an operator what to do when the agent port is taken. */
class AgentPortFailureAnalyzer extends AbstractFailureAnalyzer<AgentPortException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AgentPortException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Stop whatever listens on port " + cause.port() + " (see 'ss -ltnp'), or give the brain another agent "
						+ "port with octoplane.agent.port (and tell the tentacles).",
				cause);
	}

}
