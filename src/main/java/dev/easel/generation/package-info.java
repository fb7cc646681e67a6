/**
 * The generation pipeline: parsing a client's request against its model's spec into a resolved
 * {@link dev.easel.generation.ImageRequest}, and the usage and price that request implies.
 */
@NullMarked
package dev.easel.generation;

import org.jspecify.annotations.NullMarked;
