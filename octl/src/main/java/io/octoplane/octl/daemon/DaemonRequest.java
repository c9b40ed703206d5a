package io.octoplane.octl.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One octl call as the front end hands it to the daemon: what the caller's own process
 * would have known (arguments, environment, working directory, whether standard error is
 * a terminal) and which octl build the caller runs, so a daemon of another build never
 * answers.
 *
 * @param build identifies the octl build (see {@link DaemonPlace#currentBuild()})
 * @param workingDirectory the caller's working directory, absolute
 * @param interactive whether the caller's standard error is a terminal
 * @param args the command line arguments
 * @param env the caller's environment variables
 */
record DaemonRequest(String build, String workingDirectory, boolean interactive, List<String> args,
		Map<String, String> env) {

	/** Opens every request, so a stray client is told apart at once. */
	static final String MAGIC = "octl-daemon/1";

	/** A request larger than this is refused: no real command line comes near it. */
	static final int MAX_BYTES = 4 * 1024 * 1024;

	private static final int MAX_ITEMS = 100_000;

	DaemonRequest {
		args = List.copyOf(args);
		env = Map.copyOf(env);
	}

	void writeTo(DataOutputStream out) throws IOException {
		text(out, MAGIC);
		text(out, this.build);
		text(out, this.workingDirectory);
		out.writeBoolean(this.interactive);
		out.writeInt(this.args.size());
		for (String arg : this.args) {
			text(out, arg);
		}
		out.writeInt(this.env.size());
		for (Map.Entry<String, String> variable : this.env.entrySet()) {
			text(out, variable.getKey());
			text(out, variable.getValue());
		}
		out.flush();
	}

	static DaemonRequest readFrom(DataInputStream in) throws IOException {
		int[] budget = { MAX_BYTES };
		if (!MAGIC.equals(text(in, budget))) {
			throw new IOException("not an octl daemon request");
		}
		String build = text(in, budget);
		String workingDirectory = text(in, budget);
		boolean interactive = in.readBoolean();
		int argCount = count(in);
		List<String> args = new ArrayList<>(argCount);
		for (int i = 0; i < argCount; i++) {
			args.add(text(in, budget));
		}
		int envCount = count(in);
		Map<String, String> env = new LinkedHashMap<>();
		for (int i = 0; i < envCount; i++) {
			env.put(text(in, budget), text(in, budget));
		}
		return new DaemonRequest(build, workingDirectory, interactive, args, env);
	}

	private static void text(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String text(DataInputStream in, int[] budget) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > budget[0]) {
			throw new IOException("octl daemon request larger than " + MAX_BYTES + " bytes");
		}
		budget[0] -= length;
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static int count(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > MAX_ITEMS) {
			throw new IOException("octl daemon request with " + count + " items");
		}
		return count;
	}

}
