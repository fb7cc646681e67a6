/** Relational storage: SQLite or PostgreSQL, Flyway migrations, JDBI. */
@NullMarked
package dev.easel.storage;

import org.jspecify.annotations.NullMarked;
