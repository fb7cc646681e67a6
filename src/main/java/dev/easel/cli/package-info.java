/** The command line and the composition root. */
@NullMarked
package dev.easel.cli;

import org.jspecify.annotations.NullMarked;
