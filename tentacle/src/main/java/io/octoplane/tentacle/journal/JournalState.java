package io.octoplane.tentacle.journal;

/** What the journal knows about one command id. */
public enum JournalState {

	/** Never seen: the command may be started. */
	NEW,

	/**
	 * Started, no result yet. After a restart there are none of these: the journal turns
	 * them into {@code REJECTED} results when it opens.
	 */
	STARTED,

	/**
	 * A result is stored (possibly a cancellation or rejection); send it, never rerun.
	 */
	FINISHED,

	/**
	 * The entry for this id was corrupt and quarantined: it may have run, so it must not
	 * run again, and its outcome is unknown.
	 */
	UNREADABLE

}
