/** The backend SPI: providers turn validated requests into images. */
@NullMarked
package dev.easel.provider;

import org.jspecify.annotations.NullMarked;
