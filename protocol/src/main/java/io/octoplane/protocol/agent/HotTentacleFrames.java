package io.octoplane.protocol.agent;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The tentacle's side of {@link HotFrames}: the brain's welcome, heartbeat answers,
 * result acknowledgements and commands read, and the tentacle's hello, facts, heartbeats,
 * command starts and results written, without Jackson. In the fleet simulator, which runs
 * this codec for thousands of nodes, Jackson's polymorphic path was half the CPU of a
 * command's round trip; on a node, a tentacle that connects, idles and runs shell
 * commands never loads Jackson at all, which saves some 8 MiB of class metadata. As on
 * the brain's side, only the plain forms are handled; anything else returns {@code null}
 * and {@link FrameCodec} uses Jackson.
 */
final class HotTentacleFrames {

	private static final byte[] HEARTBEAT_ACK = HotFrames.ascii("heartbeat-ack");

	private static final byte[] RESULT_ACK = HotFrames.ascii("result-ack");

	private static final byte[] RUN_COMMAND = HotFrames.ascii("run-command");

	private static final byte[][] STORED_RESULT_PRIMITIVES = { HotFrames.ascii("exitCode"),
			HotFrames.ascii("outputTruncated"), HotFrames.ascii("startedAtMillis"),
			HotFrames.ascii("finishedAtMillis") };

	private static final byte[] WELCOME = HotFrames.ascii("welcome");

	private static final byte[] NODE_NAME = HotFrames.ascii("nodeName");

	private static final byte[] BRAIN_NAME = HotFrames.ascii("brainName");

	private static final byte[] BRAIN_VERSION = HotFrames.ascii("brainVersion");

	private static final byte[] CAPABILITIES = HotFrames.ascii("capabilities");

	private static final byte[] COMPRESSION = HotFrames.ascii("compression");

	private static final byte[] TENTACLE_SENT_AT_MILLIS = HotFrames.ascii("tentacleSentAtMillis");

	private static final byte[] BRAIN_RECEIVED_AT_MILLIS = HotFrames.ascii("brainReceivedAtMillis");

	private static final byte[] BRAIN_SENT_AT_MILLIS = HotFrames.ascii("brainSentAtMillis");

	private static final byte[] HEARTBEAT_INTERVAL_MILLIS = HotFrames.ascii("heartbeatIntervalMillis");

	private static final byte[] MODE = HotFrames.ascii("mode");

	private static final byte[] COMMAND = HotFrames.ascii("command");

	private static final byte[] TIMEOUT_MILLIS = HotFrames.ascii("timeoutMillis");

	private static final byte[] OUTPUT_LIMIT_BYTES = HotFrames.ascii("outputLimitBytes");

	private static final byte[] CONTINUOUS = HotFrames.ascii("continuous");

	private static final byte[] STREAM_OUTPUT = HotFrames.ascii("streamOutput");

	private static final byte[] START_AT_MILLIS = HotFrames.ascii("startAtMillis");

	private static final byte[] MAX_CLOCK_ERROR_MILLIS = HotFrames.ascii("maxClockErrorMillis");

	private HotTentacleFrames() {
	}

	/**
	 * Reads a brain's frame, if it is a heartbeat answer, a result acknowledgement or a
	 * command in plain form.
	 * @param source the frame's bytes
	 * @param from where its JSON starts
	 * @param to where it ends, exclusive
	 * @return the message, or {@code null} to let Jackson read it
	 */
	static @Nullable BrainMessage readBrainMessage(byte[] source, int from, int to) {
		try {
			JsonSpans frame = JsonSpans.document(source, from, to);
			int type = frame.find(HotFrames.TYPE);
			if (type < 0) {
				return null;
			}
			if (frame.isString(type, HEARTBEAT_ACK)) {
				return new HeartbeatAck(frame.longValue(HotFrames.SEQ), frame.longValue(TENTACLE_SENT_AT_MILLIS),
						frame.longValue(BRAIN_RECEIVED_AT_MILLIS), frame.longValue(BRAIN_SENT_AT_MILLIS),
						frame.longValue(HEARTBEAT_INTERVAL_MILLIS));
			}
			if (frame.isString(type, RESULT_ACK)) {
				return new ResultAck(HotFrames.required(frame.stringValue(HotFrames.COMMAND_ID)));
			}
			if (frame.isString(type, RUN_COMMAND)) {
				return runCommand(frame);
			}
			if (frame.isString(type, WELCOME)) {
				return welcome(frame);
			}
			return null;
		}
		catch (JsonSpans.NotRecognised | IllegalArgumentException | NullPointerException ex) {
			// Jackson reads it again and raises its own error, if any.
			return null;
		}
	}

	private static RunCommand runCommand(JsonSpans frame) {
		return new RunCommand(HotFrames.required(frame.stringValue(HotFrames.COMMAND_ID)),
				HotFrames.mode(frame.stringValue(MODE)), HotFrames.required(frame.stringValue(COMMAND)),
				frame.longValue(TIMEOUT_MILLIS), frame.intValue(OUTPUT_LIMIT_BYTES), frame.booleanValue(CONTINUOUS),
				frame.booleanValue(STREAM_OUTPUT), frame.longValue(START_AT_MILLIS),
				frame.longValue(MAX_CLOCK_ERROR_MILLIS));
	}

	private static Welcome welcome(JsonSpans frame) {
		List<String> capabilities = frame.stringArray(CAPABILITIES);
		return new Welcome(HotFrames.required(frame.stringValue(NODE_NAME)), frame.longValue(HEARTBEAT_INTERVAL_MILLIS),
				HotFrames.required(frame.stringValue(BRAIN_NAME)), HotFrames.required(frame.stringValue(BRAIN_VERSION)),
				(capabilities != null) ? Set.copyOf(capabilities) : null, compression(frame.stringValue(COMPRESSION)));
	}

	/**
	 * Reads a command result stored by the tentacle as its frame's JSON. Its stores were
	 * read by a mapper that refuses nulls and gaps in primitives, so those are left to
	 * it, not read as zeros as in a frame.
	 * @param source the bytes
	 * @param from where the result's object starts
	 * @param to where it ends, exclusive
	 * @return the result
	 * @throws JsonSpans.NotRecognised if it is not in plain form
	 */
	static CommandResult storedResult(byte[] source, int from, int to) {
		JsonSpans result = JsonSpans.document(source, from, to);
		for (byte[] name : STORED_RESULT_PRIMITIVES) {
			if (!result.hasValue(name)) {
				throw JsonSpans.NotRecognised.INSTANCE;
			}
		}
		AgentMessage message = HotFrames.readAgentMessage(source, from, to);
		if (!(message instanceof CommandResult stored)) {
			throw JsonSpans.NotRecognised.INSTANCE;
		}
		return stored;
	}

	private static @Nullable LinkCompression compression(@Nullable String wire) {
		if (wire == null) {
			return null;
		}
		return switch (wire) {
			case "deflate-up" -> LinkCompression.UP;
			case "deflate" -> LinkCompression.BOTH;
			// A newer brain's: Jackson says so.
			default -> throw JsonSpans.NotRecognised.INSTANCE;
		};
	}

	/**
	 * Writes a tentacle's frame, if it is a hello, its facts, a heartbeat, a command
	 * start or a command result.
	 * @param message the message
	 * @return its JSON after five bytes left for the frame's header, or {@code null} to
	 * let Jackson write it
	 */
	static @Nullable JsonOut json(Object message) {
		return switch (message) {
			case Heartbeat heartbeat -> heartbeat(heartbeat);
			case CommandStarted started -> new JsonOut(5, 160).raw(Names.COMMAND_STARTED)
				.string(started.commandId())
				.raw(Names.STARTED_AT_MILLIS)
				.number(started.startedAtMillis())
				.raw(Names.CLOCK_OFFSET_MILLIS)
				.number(started.clockOffsetMillis())
				.raw(Names.CLOCK_ERROR_MILLIS)
				.number(started.clockErrorMillis())
				.raw(Names.END);
			case CommandResult result ->
				commandResult(new JsonOut(5, 320 + result.stdout().length() + result.stderr().length()), result);
			case Hello hello -> hello(hello);
			case Facts facts -> facts(facts);
			default -> null;
		};
	}

	private static JsonOut heartbeat(Heartbeat heartbeat) {
		JsonOut out = new JsonOut(5, 384).raw(Names.HEARTBEAT)
			.number(heartbeat.seq())
			.raw(Names.SENT_AT_MILLIS)
			.number(heartbeat.sentAtMillis())
			.raw(Names.STATUS);
		NodeStatus status = heartbeat.status();
		if (status == null) {
			out.raw(Names.NULL);
		}
		else {
			out.raw(Names.CPU_CORES)
				.number(status.cpuCores())
				.raw(Names.LOAD1)
				.number(status.load1())
				.raw(Names.LOAD5)
				.number(status.load5())
				.raw(Names.LOAD15)
				.number(status.load15())
				.raw(Names.MEMORY_USED_BYTES)
				.number(status.memoryUsedBytes())
				.raw(Names.MEMORY_TOTAL_BYTES)
				.number(status.memoryTotalBytes())
				.raw(Names.DISK_USED_BYTES)
				.number(status.diskUsedBytes())
				.raw(Names.DISK_TOTAL_BYTES)
				.number(status.diskTotalBytes())
				.raw(Names.UPTIME_SECONDS)
				.number(status.uptimeSeconds())
				.raw(Names.LOCAL_TIME_MILLIS)
				.number(status.localTimeMillis())
				.raw(Names.END);
		}
		return out.raw(Names.RTT_MICROS)
			.number(heartbeat.rttMicros())
			.raw(Names.CLOCK_OFFSET_MILLIS)
			.number(heartbeat.clockOffsetMillis())
			.raw(Names.END);
	}

	static JsonOut commandResult(JsonOut out, CommandResult result) {
		out.raw(Names.COMMAND_RESULT)
			.string(result.commandId())
			.raw(Names.OUTCOME)
			.string(HotFrames.outcomeName(result.outcome()))
			.raw(Names.EXIT_CODE)
			.number(result.exitCode())
			.raw(Names.STDOUT)
			.string(result.stdout())
			.raw(Names.STDERR)
			.string(result.stderr())
			.raw(Names.OUTPUT_TRUNCATED)
			.bool(result.outputTruncated())
			.raw(Names.STARTED_AT_MILLIS)
			.number(result.startedAtMillis())
			.raw(Names.FINISHED_AT_MILLIS)
			.number(result.finishedAtMillis())
			.raw(Names.ERROR);
		nullableString(out, result.error()).raw(Names.SCRIPT_OUTPUT);
		return nullableString(out, result.scriptOutput()).raw(Names.END);
	}

	private static JsonOut hello(Hello hello) {
		return new JsonOut(5, 256).raw(Names.HELLO)
			.string(hello.agentVersion())
			.raw(Names.HOSTNAME)
			.string(hello.hostname())
			.raw(Names.OS)
			.string(hello.os())
			.raw(Names.ARCH)
			.string(hello.arch())
			.raw(Names.STARTED_AT_MILLIS)
			.number(hello.startedAtMillis())
			.raw(Names.CAPABILITIES)
			.strings(hello.capabilities())
			.raw(Names.HEARTBEAT_INTERVAL_MILLIS)
			.number(hello.heartbeatIntervalMillis())
			.raw(Names.END);
	}

	private static JsonOut facts(Facts facts) {
		return new JsonOut(5, 64 * (1 + facts.facts().size() + facts.labels().size())).raw(Names.FACTS)
			.strings(facts.facts())
			.raw(Names.LABELS)
			.strings(facts.labels())
			.raw(Names.ERRORS)
			.strings(facts.errors())
			.raw(Names.COLLECTED_AT_MILLIS)
			.number(facts.collectedAtMillis())
			.raw(Names.END);
	}

	private static JsonOut nullableString(JsonOut out, @Nullable String text) {
		return (text != null) ? out.string(text) : out.raw(Names.NULL);
	}

	/** The fixed parts of the JSON written, each up to a value. */
	private static final class Names {

		static final byte[] END = HotFrames.ascii("}");

		static final byte[] NULL = HotFrames.ascii("null");

		static final byte[] HEARTBEAT = HotFrames.ascii("{\"type\":\"heartbeat\",\"seq\":");

		static final byte[] SENT_AT_MILLIS = HotFrames.ascii(",\"sentAtMillis\":");

		static final byte[] STATUS = HotFrames.ascii(",\"status\":");

		static final byte[] CPU_CORES = HotFrames.ascii("{\"cpuCores\":");

		static final byte[] LOAD1 = HotFrames.ascii(",\"load1\":");

		static final byte[] LOAD5 = HotFrames.ascii(",\"load5\":");

		static final byte[] LOAD15 = HotFrames.ascii(",\"load15\":");

		static final byte[] MEMORY_USED_BYTES = HotFrames.ascii(",\"memoryUsedBytes\":");

		static final byte[] MEMORY_TOTAL_BYTES = HotFrames.ascii(",\"memoryTotalBytes\":");

		static final byte[] DISK_USED_BYTES = HotFrames.ascii(",\"diskUsedBytes\":");

		static final byte[] DISK_TOTAL_BYTES = HotFrames.ascii(",\"diskTotalBytes\":");

		static final byte[] UPTIME_SECONDS = HotFrames.ascii(",\"uptimeSeconds\":");

		static final byte[] LOCAL_TIME_MILLIS = HotFrames.ascii(",\"localTimeMillis\":");

		static final byte[] RTT_MICROS = HotFrames.ascii(",\"rttMicros\":");

		static final byte[] CLOCK_OFFSET_MILLIS = HotFrames.ascii(",\"clockOffsetMillis\":");

		static final byte[] COMMAND_STARTED = HotFrames.ascii("{\"type\":\"command-started\",\"commandId\":");

		static final byte[] STARTED_AT_MILLIS = HotFrames.ascii(",\"startedAtMillis\":");

		static final byte[] CLOCK_ERROR_MILLIS = HotFrames.ascii(",\"clockErrorMillis\":");

		static final byte[] COMMAND_RESULT = HotFrames.ascii("{\"type\":\"command-result\",\"commandId\":");

		static final byte[] OUTCOME = HotFrames.ascii(",\"outcome\":");

		static final byte[] EXIT_CODE = HotFrames.ascii(",\"exitCode\":");

		static final byte[] STDOUT = HotFrames.ascii(",\"stdout\":");

		static final byte[] STDERR = HotFrames.ascii(",\"stderr\":");

		static final byte[] OUTPUT_TRUNCATED = HotFrames.ascii(",\"outputTruncated\":");

		static final byte[] FINISHED_AT_MILLIS = HotFrames.ascii(",\"finishedAtMillis\":");

		static final byte[] ERROR = HotFrames.ascii(",\"error\":");

		static final byte[] SCRIPT_OUTPUT = HotFrames.ascii(",\"scriptOutput\":");

		static final byte[] HELLO = HotFrames.ascii("{\"type\":\"hello\",\"agentVersion\":");

		static final byte[] HOSTNAME = HotFrames.ascii(",\"hostname\":");

		static final byte[] OS = HotFrames.ascii(",\"os\":");

		static final byte[] ARCH = HotFrames.ascii(",\"arch\":");

		static final byte[] CAPABILITIES = HotFrames.ascii(",\"capabilities\":");

		static final byte[] HEARTBEAT_INTERVAL_MILLIS = HotFrames.ascii(",\"heartbeatIntervalMillis\":");

		static final byte[] FACTS = HotFrames.ascii("{\"type\":\"facts\",\"facts\":");

		static final byte[] LABELS = HotFrames.ascii(",\"labels\":");

		static final byte[] ERRORS = HotFrames.ascii(",\"errors\":");

		static final byte[] COLLECTED_AT_MILLIS = HotFrames.ascii(",\"collectedAtMillis\":");

	}

}
