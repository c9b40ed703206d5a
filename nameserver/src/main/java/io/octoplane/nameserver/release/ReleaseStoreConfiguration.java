package io.octoplane.nameserver.release;

import java.io.IOException;

import io.octoplane.nameserver.NameserverProperties;
import io.octoplane.server.blob.BlobStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the nameserver keeps release packages: {@code blobs} under its data folder. */
@Configuration(proxyBeanMethods = false)
class ReleaseStoreConfiguration {

	@Bean
	BlobStore releaseBlobStore(NameserverProperties properties) throws IOException {
		return new BlobStore(properties.dataDir().resolve("blobs"), "octoplane.nameserver.max-release-size");
	}

}
