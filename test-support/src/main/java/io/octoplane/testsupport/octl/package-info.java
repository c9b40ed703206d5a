/**
 * In-process runs of the octl command line, as the picocli docs test a CLI.
 */
@NullMarked
package io.octoplane.testsupport.octl;

import org.jspecify.annotations.NullMarked;
