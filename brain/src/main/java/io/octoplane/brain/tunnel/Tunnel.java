package io.octoplane.brain.tunnel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.brain.agent.TunnelEndpoint.Link;

/**
 * One tunnel from its opening to its end: who opened it, to what, the node's data
 * connection once it arrived (or the connection to the brain it arrived on), and whether
 * an operator attached.
 */
final class Tunnel {

	private final String id;

	private final String owner;

	private final String workgroup;

	private final String node;

	private final String host;

	private final int port;

	private final CompletableFuture<Link> link = new CompletableFuture<>();

	private final AtomicBoolean claimed = new AtomicBoolean();

	private volatile boolean attached;

	private final CountDownLatch ended = new CountDownLatch(1);

	private final boolean relayed;

	Tunnel(String id, String owner, String workgroup, String node, String host, int port) {
		this(id, owner, workgroup, node, host, port, false);
	}

	private Tunnel(String id, String owner, String workgroup, String node, String host, int port, boolean relayed) {
		this.relayed = relayed;
		this.id = id;
		this.owner = owner;
		this.workgroup = workgroup;
		this.node = node;
		this.host = host;
		this.port = port;
	}

	/**
	 * A tunnel that lives on another brain, attached here by an operator: its link is the
	 * connection to that brain.
	 */
	static Tunnel relayed(String id, String owner, String workgroup, String node, String host, int port) {
		return new Tunnel(id, owner, workgroup, node, host, port, true);
	}

	/** Whether this brain only relays the tunnel, which lives on another. */
	boolean isRelayed() {
		return this.relayed;
	}

	String id() {
		return this.id;
	}

	String node() {
		return this.node;
	}

	String target() {
		return this.host + ":" + this.port;
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	boolean ownedBy(String caller, String callerWorkgroup) {
		return this.owner.equals(caller) && this.workgroup.equals(callerWorkgroup);
	}

	CompletableFuture<Link> link() {
		return this.link;
	}

	/**
	 * Reserves the tunnel for one WebSocket handshake; only the first caller succeeds.
	 */
	boolean claim() {
		return this.claimed.compareAndSet(false, true);
	}

	/** The operator's WebSocket is established (not merely asked for). */
	void attached() {
		this.attached = true;
	}

	boolean isAttached() {
		return this.attached;
	}

	/**
	 * Ends the tunnel: closes the node's connection and releases its thread.
	 * @param clean whether both sides finished; otherwise the node's connection is reset
	 * so the service sees the break
	 */
	void end(boolean clean) {
		if (this.link.isDone() && !this.link.isCompletedExceptionally()) {
			if (clean) {
				this.link.join().close();
			}
			else {
				this.link.join().abort();
			}
		}
		this.ended.countDown();
	}

	/**
	 * Waits until the tunnel ended or the time is up.
	 * @param millis the longest wait
	 * @return whether it ended
	 * @throws InterruptedException if interrupted
	 */
	boolean awaitEnd(long millis) throws InterruptedException {
		return this.ended.await(millis, TimeUnit.MILLISECONDS);
	}

	void awaitEnd() throws InterruptedException {
		this.ended.await();
	}

}
