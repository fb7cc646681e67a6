/**
 * The money side of a request: what it may cost (reserved before the backend runs), what it did cost
 * (settled to the images delivered, or refunded), the usage entries behind every charge, and the
 * reconciliation of reservations a crash left open.
 */
@NullMarked
package dev.easel.ledger;

import org.jspecify.annotations.NullMarked;
