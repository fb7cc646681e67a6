/** The path of one validated generation request. */
@NullMarked
package dev.easel.generation;

import org.jspecify.annotations.NullMarked;
