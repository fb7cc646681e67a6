/** The one exception family, rendered as OpenAI errors by the API layer. */
@NullMarked
package dev.easel.error;

import org.jspecify.annotations.NullMarked;
