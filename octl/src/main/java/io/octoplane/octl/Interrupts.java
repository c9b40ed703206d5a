package io.octoplane.octl;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C of one octl run. A command that can do better than die on Ctrl-C (cancel its
 * job, then stop waiting) registers a handler for as long as it waits; without one,
 * Ctrl-C ends octl as always. In octl's own process the handler is called from the SIGINT
 * handler; in the octl daemon, from the call whose front end caught the signal.
 */
public final class Interrupts {

	private final boolean processSignals;

	private final AtomicReference<@Nullable Runnable> handler = new AtomicReference<>();

	private volatile Consumer<Boolean> listener = (handled) -> {
	};

	/**
	 * Creates the interrupts of a run.
	 * @param processSignals whether this process's SIGINT is the run's Ctrl-C (octl in
	 * its own process), rather than frames from a front end or nothing at all (tests)
	 */
	Interrupts(boolean processSignals) {
		this.processSignals = processSignals;
	}

	/**
	 * Calls a handler on each Ctrl-C until the registration is closed.
	 * @param onInterrupt what to do on each Ctrl-C; called on another thread
	 * @return the registration, to close when the command no longer waits
	 */
	public Registration onInterrupt(Runnable onInterrupt) {
		Objects.requireNonNull(onInterrupt, "onInterrupt must not be null");
		if (!this.handler.compareAndSet(null, onInterrupt)) {
			throw new IllegalStateException("a Ctrl-C handler is registered already");
		}
		SignalHandler previous = null;
		if (this.processSignals) {
			previous = Signal.handle(new Signal("INT"), (signal) -> deliver());
		}
		this.listener.accept(true);
		return new Registration(this, previous);
	}

	/**
	 * Tells a listener whenever a command starts or stops handling Ctrl-C, as the octl
	 * daemon tells its front end, which then relays Ctrl-C instead of ending itself.
	 * @param listener receives {@code true} when a handler is registered, {@code false}
	 * when it is closed
	 */
	public void onChange(Consumer<Boolean> listener) {
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
	}

	/**
	 * Delivers one Ctrl-C to the registered handler.
	 * @return whether a handler took it; if not, the caller ends the run as Ctrl-C would
	 */
	public boolean deliver() {
		Runnable current = this.handler.get();
		if (current == null) {
			return false;
		}
		current.run();
		return true;
	}

	/**
	 * Whether a command handles Ctrl-C now.
	 * @return {@code true} while a handler is registered
	 */
	public boolean handled() {
		return this.handler.get() != null;
	}

	/** A registered Ctrl-C handler; closing it restores what Ctrl-C did before. */
	public static final class Registration implements AutoCloseable {

		private final Interrupts interrupts;

		private final @Nullable SignalHandler previous;

		private Registration(Interrupts interrupts, @Nullable SignalHandler previous) {
			this.interrupts = interrupts;
			this.previous = previous;
		}

		@Override
		public void close() {
			if (this.previous != null) {
				Signal.handle(new Signal("INT"), this.previous);
			}
			this.interrupts.handler.set(null);
			this.interrupts.listener.accept(false);
		}

	}

}
