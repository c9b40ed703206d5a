package io.octoplane.brain.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.host.HostSampler;
import io.octoplane.server.web.UnavailableException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The host status of the brain that answers, as Octopoda's {@code node status brain}
 * shows it: sampled on demand with the tentacle's own sampler, the disk being the file
 * system of the brain's data folder.
 */
@Component
class BrainHostStatus {

	/** The name the brain's host goes by in target lists and status answers. */
	static final String NAME = "brain";

	private final HostSampler sampler;

	@Autowired
	BrainHostStatus(BrainProperties brain, Clock clock) {
		this(new HostSampler(Path.of("/proc"), brain.dataDir(), clock));
	}

	BrainHostStatus(HostSampler sampler) {
		this.sampler = sampler;
	}

	/**
	 * Samples the brain's host now.
	 * @return its status, named {@value #NAME}
	 * @throws UnavailableException if the host's metrics cannot be read
	 */
	NodeStatusInfo sample() {
		NodeStatus status;
		try {
			status = this.sampler.sample();
		}
		catch (IOException | RuntimeException ex) {
			throw new UnavailableException("cannot read the brain host's metrics: " + ex.getMessage());
		}
		String platform = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		return NodeService.toStatusInfo(NAME, platform, status);
	}

}
