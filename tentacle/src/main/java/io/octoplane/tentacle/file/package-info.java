/**
 * File commands on the node: fetching a blob from the brain and installing it (verified,
 * atomically, resuming after a cut link), sending a file or folder to the brain, and
 * listing a folder. Bytes go over data connections, never the control connection.
 */
@NullMarked
package io.octoplane.tentacle.file;

import org.jspecify.annotations.NullMarked;
