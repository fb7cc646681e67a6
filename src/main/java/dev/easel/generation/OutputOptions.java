package dev.easel.generation;

import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import dev.easel.render.ImageFormat;
import java.util.List;

/** output_format and background, which must agree: transparency needs a format with alpha. */
final class OutputOptions {
    private OutputOptions() {
    }

    /** The encoded format; PNG for models without output_format, since DALL-E and qwen answer in PNG. */
    static ImageFormat format(ModelSpec model, BodyFields fields) {
        if (model.outputFormat().isEmpty()) {
            return ImageFormat.PNG;
        }
        var choice = model.outputFormat().get();
        // "jpg" is what people type; OpenAI's name is "jpeg".
        String given = fields.string("output_format").orElse(choice.defaultValue());
        String value = given.equals("jpg") && choice.allows("jpeg") ? "jpeg" : given;
        if (!choice.allows(value)) {
            throw EaselException.invalidParameter("output_format", "Invalid value for 'output_format': '" + given
                    + "'. " + model.id() + " supports " + choice.describe() + ".");
        }
        return ImageFormat.fromWireName(value).orElseThrow();
    }

    static boolean transparent(ModelSpec model, BodyFields fields, ImageFormat format) {
        if (model.background().isEmpty()) {
            return false;
        }
        var choice = model.background().get();
        String background = choice.resolve(RequestParser.choose(model, choice, "background", fields));
        if (background.equals("transparent") && !format.supportsAlpha()) {
            List<String> alpha = model.outputFormat().orElseThrow().values().stream()
                    .filter(f -> ImageFormat.fromWireName(f).map(ImageFormat::supportsAlpha).orElse(false))
                    .toList();
            throw EaselException.invalidParameter("background", "Invalid value for 'background': 'transparent' needs "
                    + "an output_format that keeps an alpha channel (" + String.join(" or ", alpha)
                    + "), but output_format is " + format.wireName() + ".");
        }
        return background.equals("transparent");
    }
}
