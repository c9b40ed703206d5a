package io.octoplane.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.octoplane.client.OctoplaneClient;

/**
 * Asks the brain's REST API for its identity ten times a second on a thread of its own,
 * timing each answer, to tell whether the API stays responsive while the agent port is
 * under a storm.
 */
final class RestProbe {

	private static final long INTERVAL_MILLIS = 100;

	private final OctoplaneClient client;

	private final Samples samples = new Samples();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running = true;

	private final Thread thread;

	private RestProbe(OctoplaneClient client) {
		this.client = client;
		this.thread = Thread.ofPlatform().name("rest-probe").daemon().unstarted(this::probe);
	}

	static RestProbe start(OctoplaneClient client) {
		RestProbe probe = new RestProbe(client);
		probe.thread.start();
		return probe;
	}

	private void probe() {
		while (this.running) {
			long start = System.nanoTime();
			try {
				this.client.info();
				synchronized (this.samples) {
					this.samples.add(System.nanoTime() - start);
				}
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
			}
			try {
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Stops probing; returns the round trips of the answered probes. */
	Samples stop() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join(60_000);
		synchronized (this.samples) {
			return this.samples;
		}
	}

	long failures() {
		return this.failures.get();
	}

}
