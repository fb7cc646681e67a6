/** The built-in backend: the local procedural renderer. */
@NullMarked
package dev.easel.provider.local;

import org.jspecify.annotations.NullMarked;
