package io.octoplane.protocol.file;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a blob holds: one file's bytes, or a folder as a tar stream. */
public enum FileKind {

	/** The bytes of one regular file. */
	@JsonProperty("file")
	FILE,

	/** A folder packed by {@link TarArchives}. */
	@JsonProperty("directory")
	DIRECTORY

}
