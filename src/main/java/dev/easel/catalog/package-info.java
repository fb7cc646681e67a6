/**
 * The model catalogue: every model Easel serves, described as data ({@code models.yaml} plus the
 * user's overrides) so that validation, {@code /v1/models}, usage and pricing all read one source.
 */
@NullMarked
package dev.easel.catalog;

import org.jspecify.annotations.NullMarked;
