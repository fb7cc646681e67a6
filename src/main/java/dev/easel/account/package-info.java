/** API keys: creation, hashing, authentication, revocation. */
@NullMarked
package dev.easel.account;

import org.jspecify.annotations.NullMarked;
