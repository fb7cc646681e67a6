/**
 * The generation path: parsing a client's request against its model's spec into a resolved
 * {@link dev.easel.catalog.ImageRequest}, then running one validated request through backend,
 * delivery and usage.
 */
@NullMarked
package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import org.jspecify.annotations.NullMarked;
