package io.octoplane.server.blob;

/**
 * A blob as stored.
 *
 * @param sha256 lower-case hex digest
 * @param sizeBytes size in bytes
 */
public record StoredBlob(String sha256, long sizeBytes) {

}
