package io.octoplane.brain.file;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of file distribution.
 *
 * @param maxBlobSize largest blob accepted, from octl or from a node
 * @param blobDir where blobs live; empty means {@code blobs} under the brain's data
 * folder
 * @param defaultTimeout transfer time limit per node when a request names none
 * @param storeDir the brain's file store, the folder tree {@code octl file ls ... brain}
 * lists and {@code octl file download PATH . brain} reads (Octopoda's brain store); empty
 * means {@code fstore} under the brain's data folder
 * @param blobRetention how long a blob nobody used (uploaded, read, or named by a pending
 * transfer) stays in a brain's blob store
 */
@ConfigurationProperties("octoplane.file")
public record FileProperties(@DefaultValue("16GB") DataSize maxBlobSize, @Nullable Path blobDir,
		@DefaultValue("1h") Duration defaultTimeout, @Nullable Path storeDir,
		@DefaultValue("7d") Duration blobRetention) {

}
