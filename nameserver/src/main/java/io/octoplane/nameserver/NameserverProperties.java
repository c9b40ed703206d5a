package io.octoplane.nameserver;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the nameserver announces.
 *
 * @param brains agent addresses of the brains, {@code host:port}, in order of preference
 */
@ConfigurationProperties("octoplane.nameserver")
public record NameserverProperties(@DefaultValue("127.0.0.1:3457") List<String> brains) {

	public NameserverProperties {
		brains = List.copyOf(brains);
	}

}
