package io.octoplane.upgrade;

import java.util.Objects;

/**
 * What an upgrade home holds releases of. The name is the release store's component, and
 * so part of what a release signature covers: a signed tentacle package never installs as
 * a brain.
 *
 * @param name the component, {@code tentacle} or {@code brain}
 * @param healthyWhen what the running version has done once it writes
 * {@code home/healthy}, for messages such as "1.1.0 has not <i>reconnected to the
 * brain</i> yet"
 */
public record UpgradeComponent(String name, String healthyWhen) {

	/** The node agent: healthy once it is connected to a brain. */
	public static final UpgradeComponent TENTACLE = new UpgradeComponent("tentacle", "reconnected to the brain");

	/** The brain: healthy once Redis answers and its agent port listens. */
	public static final UpgradeComponent BRAIN = new UpgradeComponent("brain", "reported itself ready");

	public UpgradeComponent {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(healthyWhen, "healthyWhen must not be null");
	}

}
