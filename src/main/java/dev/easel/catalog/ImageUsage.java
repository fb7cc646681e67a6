package dev.easel.catalog;

/**
 * Token usage of one generation, in the shape of OpenAI's {@code usage} object: totals plus the
 * text / image split of input and output.
 */
public record ImageUsage(
        long inputTokens,
        long outputTokens,
        long totalTokens,
        long inputTextTokens,
        long inputImageTokens,
        long outputImageTokens,
        long outputTextTokens) {

    public ImageUsage {
        if (inputTextTokens < 0 || inputImageTokens < 0 || outputImageTokens < 0 || outputTextTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (inputTokens != inputTextTokens + inputImageTokens
                || outputTokens != outputImageTokens + outputTextTokens
                || totalTokens != inputTokens + outputTokens) {
            throw new IllegalArgumentException("token totals must equal the sum of their parts");
        }
    }

    /** Builds the totals from the four parts. */
    public static ImageUsage of(long inputTextTokens, long inputImageTokens, long outputImageTokens,
            long outputTextTokens) {
        long input = inputTextTokens + inputImageTokens;
        long output = outputImageTokens + outputTextTokens;
        return new ImageUsage(input, output, input + output, inputTextTokens, inputImageTokens, outputImageTokens,
                outputTextTokens);
    }
}
