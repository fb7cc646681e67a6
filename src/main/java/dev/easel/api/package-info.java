/** HTTP: routes, OpenAI wire records, the one error renderer. */
@NullMarked
package dev.easel.api;

import org.jspecify.annotations.NullMarked;
