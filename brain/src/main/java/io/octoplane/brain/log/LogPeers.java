package io.octoplane.brain.log;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.peer.PeerService;
import io.octoplane.protocol.log.LogQuery;
import io.octoplane.server.web.OctoplaneException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Serves this brain's own log to another brain, which took an operator's
 * {@code log get brain:NAME} and checked the caller may read brain logs.
 */
@Component
class LogPeers implements PeerService {

	static final String READ = "log-read";

	private final LogService logs;

	private final JsonMapper json;

	LogPeers(LogService logs, JsonMapper json) {
		this.logs = logs;
		this.json = json;
	}

	@Override
	public Set<String> verbs() {
		return Set.of(READ);
	}

	@Override
	public void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException {
		byte[] answer;
		try {
			answer = this.json.writeValueAsBytes(this.logs
				.own(new LogQuery(Integer.parseInt(arguments.get(0)), Integer.parseInt(arguments.get(1)))));
		}
		catch (OctoplaneException ex) {
			connection.answer(PeerConnection.MISSING, Objects.toString(ex.getBody().getDetail(), "no log"));
			return;
		}
		catch (RuntimeException ex) {
			connection.answer(PeerConnection.REFUSED, "a log-read call takes lines and days");
			return;
		}
		connection.answer(PeerConnection.OK, "");
		connection.out().writeInt(answer.length);
		connection.out().write(answer);
		connection.out().flush();
	}

}
