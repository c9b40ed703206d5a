package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns pieces of several nodes' output into whole lines prefixed {@code node| }. Pieces
 * arrive as the nodes flush them, so a line may be split across pieces; each node keeps
 * its unfinished line until the rest arrives or the node is done.
 */
final class LiveOutput {

	private final PrintWriter writer;

	private final Map<String, StringBuilder> pending = new HashMap<>();

	LiveOutput(PrintWriter writer) {
		this.writer = writer;
	}

	void append(String node, String data) {
		StringBuilder buffer = this.pending.computeIfAbsent(node, (name) -> new StringBuilder());
		buffer.append(data);
		int newline;
		while ((newline = buffer.indexOf("\n")) >= 0) {
			String line = buffer.substring(0, newline);
			buffer.delete(0, newline + 1);
			print(node, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
		}
		this.writer.flush();
	}

	/** Prints a node's unfinished line, if any, as a line of its own. */
	void flush(String node) {
		StringBuilder buffer = this.pending.remove(node);
		if (buffer != null && !buffer.isEmpty()) {
			print(node, buffer.toString());
			this.writer.flush();
		}
	}

	private void print(String node, String line) {
		this.writer.println(node + "| " + line);
	}

}
