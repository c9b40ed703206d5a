package io.octoplane.brain.file;

import java.io.IOException;
import java.nio.file.Path;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.server.blob.BlobStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the brain keeps blobs: {@code octoplane.file.blob-dir}, else under its data
 * folder.
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

	@Bean
	BlobStore blobStore(FileProperties properties, BrainProperties brain) throws IOException {
		Path root = (properties.blobDir() != null) ? properties.blobDir() : brain.dataDir().resolve("blobs");
		return new BlobStore(root, "octoplane.file.max-blob-size");
	}

}
