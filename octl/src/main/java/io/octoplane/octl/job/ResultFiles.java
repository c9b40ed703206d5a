package io.octoplane.octl.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;

/**
 * Writes each node's result to files as it arrives ({@code octl cmd run --output-dir}):
 * {@code DIR/<node>.out} (stdout), {@code DIR/<node>.err} (stderr) and
 * {@code DIR/<node>.json} (the whole result: state, exit code, error kind, times). A
 * thousand-node run leaves a folder that {@code grep} and {@code jq} read, rather than
 * one document to take apart. With {@code append} the output files grow run after run and
 * the JSON file gets one line per run (JSON Lines); otherwise each run replaces them. A
 * node's files are written once, when its state is final.
 */
public final class ResultFiles {

	private final Path folder;

	private final boolean append;

	private final Set<String> written = new HashSet<>();

	/**
	 * Creates the writer; the folder is created if missing.
	 * @param folder where the files go
	 * @param append whether to append to existing files instead of replacing them
	 * @throws UncheckedIOException if the folder cannot be created
	 */
	public ResultFiles(Path folder, boolean append) {
		this.folder = folder;
		this.append = append;
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create --output-dir " + folder + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Writes a node's files if its state is final and they were not written yet.
	 * @param result the node's state
	 * @throws UncheckedIOException if a file cannot be written
	 */
	void write(NodeCommandResult result) {
		if (!JobTables.isFinal(result.state()) || !this.written.add(result.name())) {
			return;
		}
		String base = fileName(result.name());
		try {
			write(base + ".out", result.output());
			write(base + ".err", result.stderr());
			String json = OctoplaneJson.mapper().writeValueAsString(result);
			write(base + ".json", this.append ? json + "\n" : json + System.lineSeparator());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot write the result of " + result.name() + " to " + this.folder + ": " + ex.getMessage(), ex);
		}
	}

	private void write(String name, String text) throws IOException {
		Path file = this.folder.resolve(name);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (this.append) {
			Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		else {
			Files.write(file, bytes);
		}
	}

	/**
	 * A node name as a file name: names come from certificates, so anything that could
	 * leave the folder or hide the file is replaced.
	 */
	static String fileName(String node) {
		String safe = node.replaceAll("[^A-Za-z0-9._@-]", "_");
		return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
	}

	/**
	 * Wraps a view so results reach the files as they arrive and, at the end, those the
	 * event stream did not report (a job that was over at once, a result read by
	 * polling).
	 */
	JobView around(JobView view) {
		return new JobView() {

			@Override
			public void onNode(NodeCommandResult result) {
				write(result);
				view.onNode(result);
			}

			@Override
			public void onOutput(NodeOutputEvent output) {
				view.onOutput(output);
			}

			@Override
			public void onStreamLost(String reason) {
				view.onStreamLost(reason);
			}

			@Override
			public void finish(JobResponse job) {
				job.results().forEach(ResultFiles.this::write);
				view.finish(job);
			}

		};
	}

}
