package io.octoplane.tentacle.config;

/**
 * The tentacle's configuration is unusable. The message is one line meant for the
 * operator: it names the setting or file at fault and, where it can, what to do about it.
 */
public class TentacleConfigException extends RuntimeException {

	public TentacleConfigException(String message) {
		super(message);
	}

	public TentacleConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
