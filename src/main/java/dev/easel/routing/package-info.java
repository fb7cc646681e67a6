/**
 * Channels and failover: which configured upstream serves a model, in what order channels are
 * tried, when a failure may move to the next one, and which channels cool down.
 */
@NullMarked
package dev.easel.routing;

import org.jspecify.annotations.NullMarked;
