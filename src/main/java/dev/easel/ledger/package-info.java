/**
 * The money side of a request: what it may cost (held from its key's budget allowance before the backend
 * runs), what it did cost (settled to the images delivered, or refunded), the usage entries behind every
 * charge, and the reconciliation of allowances a crashed instance left behind.
 */
@NullMarked
package dev.easel.ledger;

import org.jspecify.annotations.NullMarked;
