package io.octoplane.upgrade;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's side of the shell supervisor's AOT cache ({@code deploy/octoplane-
 * supervise.sh}, JDK 25 and newer). The first start of a version on a Java runtime is a
 * training run: the supervisor starts it recording which classes it loads and sets
 * {@value #TRAINING_ENV}; once the component is ready (the tentacle: welcomed by the
 * brain) it ends with {@link #EXIT_TRAINED}. The supervisor then builds the cache from
 * the recording and starts the version again with it, so that every later start skips
 * loading and linking those classes.
 */
public final class AotTraining {

	private static final Logger logger = LoggerFactory.getLogger(AotTraining.class);

	/** Set by the supervisor for a training run. */
	public static final String TRAINING_ENV = "OCTOPLANE_AOT_TRAINING";

	/** The exit status that tells the supervisor the training run is complete. */
	public static final int EXIT_TRAINED = 77;

	private AotTraining() {
	}

	/**
	 * Whether this process is a training run.
	 * @param env the process environment
	 * @return whether the supervisor asked for one
	 */
	public static boolean requested(Map<String, String> env) {
		return "1".equals(env.get(TRAINING_ENV));
	}

	/**
	 * Ends this process with {@link #EXIT_TRAINED} once it is ready, watching on a
	 * virtual thread; a component that is never ready runs on as usual.
	 * @param ready waits until the component is ready, and says whether it is (rather
	 * than stopped)
	 */
	public static void exitWhenReady(Ready ready) {
		Thread.ofVirtual().name("aot-training").start(() -> {
			try {
				if (ready.await()) {
					logger.info("AOT training run complete; exiting for the supervisor to build the cache");
					ProcessExit.exit(EXIT_TRAINED);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	/** Waits until the component is ready. */
	@FunctionalInterface
	public interface Ready {

		/**
		 * Waits.
		 * @return {@code true} once ready, {@code false} if it never will be (stopped)
		 * @throws InterruptedException if interrupted while waiting
		 */
		boolean await() throws InterruptedException;

	}

}
