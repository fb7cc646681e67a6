/**
 * Backend for Alibaba DashScope's native qwen-image API: submit an async task, poll it with
 * back-off, fetch the result image at once (its link expires).
 */
@NullMarked
package dev.easel.provider.dashscope;

import org.jspecify.annotations.NullMarked;
