/**
 * Backend for any OpenAI-compatible Images API: OpenAI itself, Azure OpenAI (deployment path,
 * {@code api-version}, {@code api-key} header) and aggregators that copy OpenAI's wire format.
 */
@NullMarked
package dev.easel.provider.openai;

import org.jspecify.annotations.NullMarked;
