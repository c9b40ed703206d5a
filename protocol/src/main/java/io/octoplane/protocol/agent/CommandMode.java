package io.octoplane.protocol.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a tentacle runs a command. */
public enum CommandMode {

	/**
	 * {@code bash -c <command>} (or the node's configured shell) in the foreground;
	 * output, exit code and what it wrote to {@code $OCTOPODA_OUTPUT} are returned.
	 */
	@JsonProperty("shell")
	SHELL("shell"),

	/**
	 * {@code bash -c <command>} (or the node's configured shell) detached: the result
	 * returns as soon as the process started, and the process keeps running after it.
	 */
	@JsonProperty("background")
	BACKGROUND("background"),

	/**
	 * The command text is a script file's content, written to a temp file and run by the
	 * node's shell (bash where present), as {@link #SHELL} otherwise.
	 */
	@JsonProperty("script")
	SCRIPT("script"),

	/**
	 * The command text is a {@link NodeappTask} as JSON: work on a nodeapp (a scenario's
	 * application folder on the node, kept in git). Only the brain's scenario service
	 * sends it; the command API refuses it.
	 */
	@JsonProperty("nodeapp")
	NODEAPP("nodeapp"),

	/**
	 * The command text is a {@link io.octoplane.protocol.file.FileReceiveSpec}: fetch a
	 * blob from the brain over a data connection and install it.
	 */
	@JsonProperty("file-receive")
	FILE_RECEIVE("file-receive"),

	/**
	 * The command text is a {@link io.octoplane.protocol.file.FileSendSpec}: send a file
	 * or folder to the brain over a data connection.
	 */
	@JsonProperty("file-send")
	FILE_SEND("file-send"),

	/**
	 * The command text is a folder path; the result's stdout is a
	 * {@link io.octoplane.protocol.file.FileListing} as JSON.
	 */
	@JsonProperty("file-list")
	FILE_LIST("file-list"),

	/**
	 * The command text is a {@link io.octoplane.protocol.log.LogQuery} as JSON: the
	 * tentacle answers with the newest lines of its own log files as stdout, one per
	 * line, within the output limit (the result is marked truncated when older lines were
	 * left out for it).
	 */
	@JsonProperty("log-read")
	LOG_READ("log-read", true),

	/**
	 * The command text is an {@link io.octoplane.protocol.http.HttpGetSpec} as JSON: the
	 * tentacle fetches the URL from its own network and answers with an
	 * {@link io.octoplane.protocol.http.HttpGetResult} as JSON on stdout (status, headers
	 * and the body up to a cap). Newer than protocol version 1: only nodes announcing
	 * {@code mode:http-get} get it.
	 */
	@JsonProperty("http-get")
	HTTP_GET("http-get", false);

	// The annotation's value, kept here too: reading the annotation loads Jackson's
	// annotation classes into a tentacle that otherwise needs none.
	private final String wireName;

	private final boolean baseline;

	CommandMode(String wireName, boolean baseline) {
		this.wireName = wireName;
		this.baseline = baseline;
	}

	CommandMode(String wireName) {
		this(wireName, true);
	}

	/**
	 * Whether every tentacle runs this mode, also one that announces no capabilities.
	 * @return {@code true} for the modes of protocol version 1
	 */
	public boolean baseline() {
		return this.baseline;
	}

	/**
	 * The mode's name on the wire.
	 * @return for example {@code http-get}
	 */
	public String wireName() {
		return this.wireName;
	}

}
