package dev.easel.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which pixel sizes a model produces, and what {@code auto} (or an absent size) means for it.
 * Three shapes cover the catalogue: a fixed list (DALL-E, gpt-image-1), a flexible rule
 * (gpt-image-2 and later) and a short list that every request is snapped to (qwen-image).
 */
public sealed interface SizeRule {

    /** The size used for {@code auto} and for an absent size. */
    PixelSize defaultSize();

    /** Only the listed sizes; {@code auto} is accepted only when the model lists it. */
    record Fixed(List<PixelSize> sizes, boolean acceptsAuto, PixelSize defaultSize) implements SizeRule {
        public Fixed {
            sizes = List.copyOf(sizes);
            if (!sizes.contains(defaultSize)) {
                throw new IllegalArgumentException("default size " + defaultSize + " is not one of " + sizes);
            }
        }

        /** The accepted values as an error message lists them. */
        public String describe() {
            List<String> names = new ArrayList<>(sizes.stream().map(PixelSize::toString).toList());
            if (acceptsAuto) {
                names.add("auto");
            }
            return Choice.quoted(names);
        }
    }

    /**
     * Any {@code WxH} that passes every limit (gpt-image-2 and later): both edges a multiple of
     * {@code multipleOf}, longest edge at most {@code maxEdge}, long:short at most
     * {@code maxAspect}:1, and a pixel count inside [{@code minPixels}, {@code maxPixels}].
     */
    record Flexible(int multipleOf, int maxEdge, int maxAspect, long minPixels, long maxPixels, PixelSize defaultSize)
            implements SizeRule {
        public Flexible {
            if (multipleOf <= 0 || maxEdge <= 0 || maxAspect <= 0 || minPixels <= 0 || maxPixels < minPixels) {
                throw new IllegalArgumentException(
                        "flexible size limits must be positive and min_pixels <= max_pixels");
            }
            List<String> broken = violations(defaultSize, multipleOf, maxEdge, maxAspect, minPixels, maxPixels);
            if (!broken.isEmpty()) {
                throw new IllegalArgumentException("default size " + defaultSize + " breaks the rule: " + broken);
            }
        }

        /** Every rule the size breaks, each as a sentence fragment; empty when the size is accepted. */
        public List<String> violations(PixelSize size) {
            return violations(size, multipleOf, maxEdge, maxAspect, minPixels, maxPixels);
        }

        private static List<String> violations(
                PixelSize size, int multipleOf, int maxEdge, int maxAspect, long minPixels, long maxPixels) {
            List<String> broken = new ArrayList<>();
            if (size.width() % multipleOf != 0 || size.height() % multipleOf != 0) {
                broken.add("width and height must both be multiples of " + multipleOf);
            }
            int longEdge = Math.max(size.width(), size.height());
            int shortEdge = Math.min(size.width(), size.height());
            if (longEdge > maxEdge) {
                broken.add("the longest edge must be at most " + maxEdge + " pixels");
            }
            // Compared as integers: long/short <= maxAspect  <=>  long <= maxAspect * short.
            if (longEdge > (long) maxAspect * shortEdge) {
                broken.add("the aspect ratio (long:short) must be at most " + maxAspect + ":1");
            }
            if (size.pixels() < minPixels || size.pixels() > maxPixels) {
                broken.add("the total pixel count (width*height) must be between " + minPixels + " and " + maxPixels);
            }
            return broken;
        }
    }

    /**
     * The model renders only the listed sizes; any other {@code WxH} is replaced by the listed size
     * whose aspect ratio is nearest, so OpenAI-style requests keep their orientation and shape.
     */
    record Snap(List<PixelSize> sizes, PixelSize defaultSize) implements SizeRule {
        public Snap {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || !sizes.contains(defaultSize)) {
                throw new IllegalArgumentException("default size " + defaultSize + " is not one of " + sizes);
            }
        }

        /** The listed size nearest in aspect ratio (compared in log space, so 2:1 and 1:2 are equally far from 1:1). */
        public PixelSize snap(PixelSize requested) {
            if (sizes.contains(requested)) {
                return requested;
            }
            double wanted = Math.log((double) requested.width() / requested.height());
            return sizes.stream()
                    .min(Comparator.comparingDouble(s -> Math.abs(Math.log((double) s.width() / s.height()) - wanted)))
                    .orElseThrow();
        }
    }
}
