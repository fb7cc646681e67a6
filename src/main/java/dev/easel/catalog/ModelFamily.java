package dev.easel.catalog;

/**
 * The API family a model belongs to. It decides the shape of the response (DALL-E answers with
 * bare {@code data}, GPT image models add background, output_format, quality, size and usage),
 * never which parameters are accepted: that is the spec's job.
 */
public enum ModelFamily {
    DALL_E,
    GPT_IMAGE,
    QWEN
}
