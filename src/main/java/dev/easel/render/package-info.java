/**
 * The built-in {@code local} backend: a deterministic procedural renderer that draws a scene from the
 * words of a prompt it knows, plus the PNG / JPEG / WebP encoders. It is not a neural model.
 */
@org.jspecify.annotations.NullMarked
package dev.easel.render;
