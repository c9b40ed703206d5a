package io.octoplane.protocol.file;

import java.io.IOException;

/** A tar entry would write outside its folder, or is of a kind that is refused. */
public final class UnsafeArchiveException extends IOException {

	/**
	 * Creates the exception.
	 * @param entry the entry's name as the archive gave it
	 * @param why which rule it broke
	 */
	public UnsafeArchiveException(String entry, String why) {
		super("unsafe archive entry '" + entry + "': " + why);
	}

}
