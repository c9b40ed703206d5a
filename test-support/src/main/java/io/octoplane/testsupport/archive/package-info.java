/**
 * Archives built entry by entry, hostile ones included, for the tests of the readers of
 * uploaded archives (scenario folders, nodeapp archives).
 */
@NullMarked
package io.octoplane.testsupport.archive;

import org.jspecify.annotations.NullMarked;
