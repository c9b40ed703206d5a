package io.octoplane.brain.scenario;

import java.nio.ByteBuffer;

import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;

/** A pack file read whole from Redis, as JGit's DFS storage reads files. */
final class ByteReadableChannel implements ReadableChannel {

	private final byte[] content;

	private int position;

	private boolean open = true;

	ByteReadableChannel(byte[] content) {
		this.content = content;
	}

	@Override
	public int read(ByteBuffer into) {
		int count = Math.min(into.remaining(), this.content.length - this.position);
		if (count <= 0) {
			return -1;
		}
		into.put(this.content, this.position, count);
		this.position += count;
		return count;
	}

	@Override
	public long position() {
		return this.position;
	}

	@Override
	public void position(long newPosition) {
		this.position = (int) newPosition;
	}

	@Override
	public long size() {
		return this.content.length;
	}

	@Override
	public int blockSize() {
		// No natural block: JGit's block cache picks its own.
		return 0;
	}

	@Override
	public void setReadAheadBytes(int bufferSize) {
		// Whole already.
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		this.open = false;
	}

}
