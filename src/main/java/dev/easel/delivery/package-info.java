/** Hosted images: the store, signed expiring links, the sweeper. */
@NullMarked
package dev.easel.delivery;

import org.jspecify.annotations.NullMarked;
