/** Configuration from flags, environment and easel.yaml. */
@NullMarked
package dev.easel.config;

import org.jspecify.annotations.NullMarked;
