/**
 * {@code octl scen}: scenario folders (Octopoda's {@code deployment.yaml} format) made
 * from a template, packed ({@code .gitignore} honoured) and applied through the brain,
 * their versions and resets, and the scenario folder's own git remote.
 */
@NullMarked
package io.octoplane.octl.scen;

import org.jspecify.annotations.NullMarked;
