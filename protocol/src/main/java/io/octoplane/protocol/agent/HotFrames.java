package io.octoplane.protocol.agent;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The frames every connected node exchanges with the brain all the time, read and written
 * without Jackson: a brain holding ten thousand nodes reads a thousand heartbeats a
 * second, and Jackson's polymorphic, reflective path cost most of its idle CPU. Only the
 * plain forms are handled here ({@link JsonSpans}, {@link JsonOut}); for anything else
 * these methods return {@code null} and {@link FrameCodec} uses Jackson, so the wire
 * format and every error stay Jackson's.
 */
final class HotFrames {

	static final byte[] TYPE = ascii("type");

	private static final byte[] HEARTBEAT = ascii("heartbeat");

	private static final byte[] COMMAND_STARTED = ascii("command-started");

	private static final byte[] COMMAND_RESULT = ascii("command-result");

	static final byte[] SEQ = ascii("seq");

	private static final byte[] SENT_AT_MILLIS = ascii("sentAtMillis");

	private static final byte[] STATUS = ascii("status");

	private static final byte[] RTT_MICROS = ascii("rttMicros");

	private static final byte[] CLOCK_OFFSET_MILLIS = ascii("clockOffsetMillis");

	private static final byte[] CPU_CORES = ascii("cpuCores");

	private static final byte[] LOAD1 = ascii("load1");

	private static final byte[] LOAD5 = ascii("load5");

	private static final byte[] LOAD15 = ascii("load15");

	private static final byte[] MEMORY_USED_BYTES = ascii("memoryUsedBytes");

	private static final byte[] MEMORY_TOTAL_BYTES = ascii("memoryTotalBytes");

	private static final byte[] DISK_USED_BYTES = ascii("diskUsedBytes");

	private static final byte[] DISK_TOTAL_BYTES = ascii("diskTotalBytes");

	private static final byte[] UPTIME_SECONDS = ascii("uptimeSeconds");

	private static final byte[] LOCAL_TIME_MILLIS = ascii("localTimeMillis");

	static final byte[] COMMAND_ID = ascii("commandId");

	private static final byte[] STARTED_AT_MILLIS = ascii("startedAtMillis");

	private static final byte[] CLOCK_ERROR_MILLIS = ascii("clockErrorMillis");

	private static final byte[] OUTCOME = ascii("outcome");

	private static final byte[] EXIT_CODE = ascii("exitCode");

	private static final byte[] STDOUT = ascii("stdout");

	private static final byte[] STDERR = ascii("stderr");

	private static final byte[] OUTPUT_TRUNCATED = ascii("outputTruncated");

	private static final byte[] FINISHED_AT_MILLIS = ascii("finishedAtMillis");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] SCRIPT_OUTPUT = ascii("scriptOutput");

	private static final Map<String, CommandMode> MODES = new HashMap<>();

	static {
		for (CommandMode mode : CommandMode.values()) {
			MODES.put(mode.wireName(), mode);
		}
	}

	private HotFrames() {
	}

	/**
	 * Reads a tentacle's frame, if it is a heartbeat, a command start or a command result
	 * in plain form.
	 * @param source the frame's bytes
	 * @param from where its JSON starts
	 * @param to where it ends, exclusive
	 * @return the message, or {@code null} to let Jackson read it
	 */
	static @Nullable AgentMessage readAgentMessage(byte[] source, int from, int to) {
		try {
			JsonSpans frame = JsonSpans.document(source, from, to);
			int type = frame.find(TYPE);
			if (type < 0) {
				return null;
			}
			if (frame.isString(type, HEARTBEAT)) {
				return heartbeat(frame);
			}
			if (frame.isString(type, COMMAND_STARTED)) {
				return new CommandStarted(required(frame.stringValue(COMMAND_ID)), frame.longValue(STARTED_AT_MILLIS),
						frame.longValue(CLOCK_OFFSET_MILLIS), frame.longValue(CLOCK_ERROR_MILLIS));
			}
			if (frame.isString(type, COMMAND_RESULT)) {
				return commandResult(frame);
			}
			return null;
		}
		catch (JsonSpans.NotRecognised | IllegalArgumentException | NullPointerException ex) {
			// Jackson reads it again and raises its own error, if any.
			return null;
		}
	}

	private static Heartbeat heartbeat(JsonSpans frame) {
		JsonSpans status = frame.objectValue(STATUS);
		return new Heartbeat(frame.longValue(SEQ), frame.longValue(SENT_AT_MILLIS),
				(status != null) ? nodeStatus(status) : null, frame.longValue(RTT_MICROS),
				frame.longValue(CLOCK_OFFSET_MILLIS));
	}

	private static NodeStatus nodeStatus(JsonSpans status) {
		return new NodeStatus(status.intValue(CPU_CORES), status.doubleValue(LOAD1), status.doubleValue(LOAD5),
				status.doubleValue(LOAD15), status.longValue(MEMORY_USED_BYTES), status.longValue(MEMORY_TOTAL_BYTES),
				status.longValue(DISK_USED_BYTES), status.longValue(DISK_TOTAL_BYTES), status.longValue(UPTIME_SECONDS),
				status.longValue(LOCAL_TIME_MILLIS));
	}

	private static CommandResult commandResult(JsonSpans frame) {
		String outcome = frame.stringValue(OUTCOME);
		return new CommandResult(required(frame.stringValue(COMMAND_ID)), outcome(outcome), frame.intValue(EXIT_CODE),
				required(frame.stringValue(STDOUT)), required(frame.stringValue(STDERR)),
				frame.booleanValue(OUTPUT_TRUNCATED), frame.longValue(STARTED_AT_MILLIS),
				frame.longValue(FINISHED_AT_MILLIS), frame.stringValue(ERROR), frame.stringValue(SCRIPT_OUTPUT));
	}

	private static CommandOutcome outcome(@Nullable String wire) {
		if (wire == null) {
			throw JsonSpans.NotRecognised.INSTANCE;
		}
		return switch (wire) {
			case "succeeded" -> CommandOutcome.SUCCEEDED;
			case "failed" -> CommandOutcome.FAILED;
			case "timed-out" -> CommandOutcome.TIMED_OUT;
			case "started" -> CommandOutcome.STARTED;
			case "error" -> CommandOutcome.ERROR;
			case "cancelled" -> CommandOutcome.CANCELLED;
			case "rejected" -> CommandOutcome.REJECTED;
			// A newer tentacle's outcome: Jackson says so.
			default -> throw JsonSpans.NotRecognised.INSTANCE;
		};
	}

	/** The wire name of an outcome, as {@link #outcome} reads it. */
	static String outcomeName(CommandOutcome outcome) {
		return switch (outcome) {
			case SUCCEEDED -> "succeeded";
			case FAILED -> "failed";
			case TIMED_OUT -> "timed-out";
			case STARTED -> "started";
			case ERROR -> "error";
			case CANCELLED -> "cancelled";
			case REJECTED -> "rejected";
		};
	}

	/**
	 * The mode a wire name stands for.
	 * @param wire the name
	 * @return the mode
	 * @throws JsonSpans.NotRecognised for a name this release does not know, which
	 * Jackson reports as a newer peer's
	 */
	static CommandMode mode(@Nullable String wire) {
		CommandMode mode = MODES.get(required(wire));
		if (mode == null) {
			throw JsonSpans.NotRecognised.INSTANCE;
		}
		return mode;
	}

	static String required(@Nullable String value) {
		if (value == null) {
			throw JsonSpans.NotRecognised.INSTANCE;
		}
		return value;
	}

	/**
	 * Writes a frame whole (header and JSON), if it is a heartbeat answer, a result
	 * acknowledgement or a command, or one of the tentacle's frames
	 * {@link HotTentacleFrames} writes.
	 * @param message the message
	 * @param version the protocol version byte
	 * @return the frame, or {@code null} to let Jackson write it
	 */
	static byte @Nullable [] frame(Object message, int version) {
		try {
			JsonOut out = switch (message) {
				case HeartbeatAck ack -> heartbeatAck(ack);
				case ResultAck ack -> new JsonOut(5, 64).raw(Names.RESULT_ACK).string(ack.commandId()).raw(Names.END);
				case RunCommand run -> runCommand(run);
				default -> HotTentacleFrames.json(message);
			};
			if (out == null) {
				return null;
			}
			byte[] frame = out.toBytes();
			int length = frame.length - 4;
			frame[0] = (byte) (length >>> 24);
			frame[1] = (byte) (length >>> 16);
			frame[2] = (byte) (length >>> 8);
			frame[3] = (byte) length;
			frame[4] = (byte) version;
			return frame;
		}
		catch (JsonSpans.NotRecognised ex) {
			return null;
		}
	}

	private static JsonOut heartbeatAck(HeartbeatAck ack) {
		return new JsonOut(5, 160).raw(Names.HEARTBEAT_ACK)
			.number(ack.seq())
			.raw(Names.TENTACLE_SENT_AT_MILLIS)
			.number(ack.tentacleSentAtMillis())
			.raw(Names.BRAIN_RECEIVED_AT_MILLIS)
			.number(ack.brainReceivedAtMillis())
			.raw(Names.BRAIN_SENT_AT_MILLIS)
			.number(ack.brainSentAtMillis())
			.raw(Names.HEARTBEAT_INTERVAL_MILLIS)
			.number(ack.heartbeatIntervalMillis())
			.raw(Names.END);
	}

	private static JsonOut runCommand(RunCommand run) {
		return new JsonOut(5, 256 + run.command().length()).raw(Names.RUN_COMMAND)
			.string(run.commandId())
			.raw(Names.MODE)
			.string(run.mode().wireName())
			.raw(Names.COMMAND)
			.string(run.command())
			.raw(Names.TIMEOUT_MILLIS)
			.number(run.timeoutMillis())
			.raw(Names.OUTPUT_LIMIT_BYTES)
			.number(run.outputLimitBytes())
			.raw(Names.CONTINUOUS)
			.bool(run.continuous())
			.raw(Names.STREAM_OUTPUT)
			.bool(run.streamOutput())
			.raw(Names.START_AT_MILLIS)
			.number(run.startAtMillis())
			.raw(Names.MAX_CLOCK_ERROR_MILLIS)
			.number(run.maxClockErrorMillis())
			.raw(Names.END);
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The fixed parts of the JSON written, each up to a value. */
	private static final class Names {

		static final byte[] END = ascii("}");

		static final byte[] HEARTBEAT_ACK = ascii("{\"type\":\"heartbeat-ack\",\"seq\":");

		static final byte[] TENTACLE_SENT_AT_MILLIS = ascii(",\"tentacleSentAtMillis\":");

		static final byte[] BRAIN_RECEIVED_AT_MILLIS = ascii(",\"brainReceivedAtMillis\":");

		static final byte[] BRAIN_SENT_AT_MILLIS = ascii(",\"brainSentAtMillis\":");

		static final byte[] HEARTBEAT_INTERVAL_MILLIS = ascii(",\"heartbeatIntervalMillis\":");

		static final byte[] RESULT_ACK = ascii("{\"type\":\"result-ack\",\"commandId\":");

		static final byte[] RUN_COMMAND = ascii("{\"type\":\"run-command\",\"commandId\":");

		static final byte[] MODE = ascii(",\"mode\":");

		static final byte[] COMMAND = ascii(",\"command\":");

		static final byte[] TIMEOUT_MILLIS = ascii(",\"timeoutMillis\":");

		static final byte[] OUTPUT_LIMIT_BYTES = ascii(",\"outputLimitBytes\":");

		static final byte[] CONTINUOUS = ascii(",\"continuous\":");

		static final byte[] STREAM_OUTPUT = ascii(",\"streamOutput\":");

		static final byte[] START_AT_MILLIS = ascii(",\"startAtMillis\":");

		static final byte[] MAX_CLOCK_ERROR_MILLIS = ascii(",\"maxClockErrorMillis\":");

	}

}
