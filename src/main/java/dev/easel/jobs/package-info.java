/** Durable request records: async generation jobs, their webhooks, and Idempotency-Key replays. */
@NullMarked
package dev.easel.jobs;

import org.jspecify.annotations.NullMarked;
