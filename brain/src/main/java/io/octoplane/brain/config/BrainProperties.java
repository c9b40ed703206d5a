package io.octoplane.brain.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity and storage of this brain instance.
 *
 * @param name the instance name shown to operators and tentacles; defaults to the host
 * name
 * @param dataDir folder for the brain's own files (local Redis data, later blobs and git
 * repositories)
 * @param advertisedAddress how operators reach the REST API, {@code host:port}, as shown
 * in {@code octl node get}; empty means the bound address
 */
@ConfigurationProperties("octoplane.brain")
public record BrainProperties(@DefaultValue("") String name, @DefaultValue("data") Path dataDir,
		@DefaultValue("") String advertisedAddress, @DefaultValue("true") boolean serve) {

}
