package io.octoplane.brain.log;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.octoplane.brain.job.JobService;
import io.octoplane.brain.job.NodeJobs;
import io.octoplane.brain.peer.PeerClient;
import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.peer.PeerRefusedException;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.log.LogQuery;
import io.octoplane.protocol.log.LogTail;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.server.web.UnavailableException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LogFile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Reads log lines: a brain's from its own file (another brain's through the peer port), a
 * node's by asking its tentacle with a {@code log-read} job, which takes the durable
 * command path like any command (listed with the jobs; a node that is offline fails at
 * once instead of being waited for).
 */
@Service
class LogService {

	static final String BRAIN = "brain";

	// Far above any octoplane.log.max-bytes answer: a bound, not a limit.
	private static final int MAX_RELAYED_BYTES = 256 << 20;

	private final WorkgroupService workgroups;

	private final JobService jobs;

	private final NodeJobs nodeJobs;

	private final JsonMapper json;

	private final LogProperties properties;

	private final LogTail tail;

	private final @Nullable LogFile file;

	private final PeerClient peers;

	LogService(WorkgroupService workgroups, JobService jobs, NodeJobs nodeJobs, JsonMapper json,
			LogProperties properties, Clock clock, Environment environment, PeerClient peers) {
		this.peers = peers;
		this.workgroups = workgroups;
		this.jobs = jobs;
		this.nodeJobs = nodeJobs;
		this.json = json;
		this.properties = properties;
		this.tail = new LogTail(clock);
		this.file = LogFile.get(environment);
	}

	LogResponse brain(LogQuery query, Caller caller, @Nullable String brain) {
		// The brain's log tells about every workgroup's nodes and jobs: only the root
		// may read it, and below the root it does not exist.
		if (!WorkgroupService.ROOT.equals(caller.workgroup())) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no such log: brain");
		}
		if (brain == null || brain.isBlank() || brain.equals(this.peers.self())) {
			return own(query);
		}
		try (PeerConnection connection = this.peers.call(brain, LogPeers.READ, Integer.toString(query.lines()),
				Integer.toString(query.days()))) {
			int size = connection.in().readInt();
			if (size < 0 || size > MAX_RELAYED_BYTES) {
				throw new IOException("brain " + brain + " announced a log of " + size + " bytes");
			}
			byte[] answer = connection.in().readNBytes(size);
			return this.json.readValue(answer, LogResponse.class);
		}
		catch (PeerRefusedException ex) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, ex.getMessage());
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot read the log of " + brain + ": " + ex.getMessage());
		}
	}

	/**
	 * The newest lines of this brain's own log file.
	 * @param query which lines
	 * @return the lines, named after this brain
	 */
	LogResponse own(LogQuery query) {
		if (this.file == null || this.file.toString().isBlank()) {
			throw new NotFoundException(ErrorCode.NOT_FOUND,
					"brain " + this.peers.self() + " writes no log file (set logging.file.name to have one)");
		}
		Path path = Path.of(this.file.toString());
		try {
			LogTail.Lines lines = this.tail.read(path, query, this.properties.maxBytes().toBytes());
			return new LogResponse(BRAIN, lines.lines(), lines.truncated());
		}
		catch (NoSuchFileException ex) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "the brain's log file " + path + " does not exist");
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot read the brain's log file " + path + ": " + ex.getMessage());
		}
	}

	LogResponse node(String name, LogQuery query, Caller caller) {
		if (!this.workgroups.canSee(caller.workgroup(), name)) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node " + name);
		}
		CommandRequest request = new CommandRequest(List.of(name), CommandMode.LOG_READ,
				this.json.writeValueAsString(query), this.properties.nodeTimeout().toSeconds(),
				(int) this.properties.maxBytes().toBytes(), null, null, null, null, null);
		JobResponse job = this.jobs.submit(request, caller);
		// The job ends by itself at its time limit; the margin covers delivery.
		NodeCommandResult result = this.nodeJobs.await(job.id(), this.properties.nodeTimeout().plusSeconds(15))
			.results()
			.get(0);
		return switch (result.state()) {
			case "succeeded" -> new LogResponse(name, lines(result.output()), result.truncated());
			case "expired" -> throw new ConflictException(ErrorCode.NODE_OFFLINE,
					"node " + name + " is offline; its log can be read once it is connected");
			default -> throw new ConflictException("reading the log of node " + name + " failed (" + result.state()
					+ "): " + ((result.error() != null) ? result.error() : result.stderr().strip()));
		};
	}

	private static List<String> lines(String output) {
		if (output.isEmpty()) {
			return List.of();
		}
		String text = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
		return Arrays.asList(text.split("\n", -1));
	}

}
