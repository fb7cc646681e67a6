package dev.easel.catalog;

/** Placeholder until the catalogue lands. */
public enum ModelFamily { DALL_E, GPT_IMAGE, QWEN }
