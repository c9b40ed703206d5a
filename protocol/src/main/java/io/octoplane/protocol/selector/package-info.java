/**
 * Node labels and selectors, read the same way by octl, the SDKs and the brain: label
 * syntax checks ({@link io.octoplane.protocol.selector.LabelSyntax}), operator label
 * changes ({@code key=value key-}), and the selector language
 * ({@code site=lab,role!=camera,arch in (arm64,armv7),!gpu,facts.memory_total>2GiB}).
 *
 * <p>
 * A requirement's key names a label; {@code facts.NAME} names the fact NAME. A plain key
 * the node has no label for falls back to the fact of that name, so {@code os=debian}
 * reads the {@code os} fact unless an operator labelled the node {@code os}.
 */
@NullMarked
package io.octoplane.protocol.selector;

import org.jspecify.annotations.NullMarked;
