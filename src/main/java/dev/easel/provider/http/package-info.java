/**
 * HTTP plumbing shared by the upstream providers: sending with timeouts, classifying failures into
 * {@link dev.easel.provider.UpstreamException} kinds, and fetching images without extra copies.
 */
@NullMarked
package dev.easel.provider.http;

import org.jspecify.annotations.NullMarked;
