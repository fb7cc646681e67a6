package dev.easel.render;

import com.pngencoder.PngEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes images as PNG, JPEG or WebP. {@code compression} is OpenAI's {@code output_compression},
 * 0-100, where 100 (the default) means the best-looking output:
 * <ul>
 *   <li>PNG is lossless, so compression only trades CPU for size: deflate level
 *       {@code 1 + round((100 - compression) * 8 / 100)}, that is 100 gives level 1 (fast, still
 *       far smaller than raw), 50 gives 5, 0 gives 9.</li>
 *   <li>JPEG quality is {@code compression / 100}, clamped to [0.05, 0.95]: above 0.95 files grow
 *       a lot for no visible gain.</li>
 *   <li>WebP is always lossy (lossless is several times slower), with quality
 *       {@code compression / 100} clamped to [0.05, 1.0]; alpha is kept.</li>
 * </ul>
 * Encoding is deterministic: the same image and arguments always give the same bytes.
 */
public final class ImageEncoder {

    static final float MIN_QUALITY = 0.05f;
    static final float MAX_JPEG_QUALITY = 0.95f;
    /** libwebp effort, 0 (fast) to 6 (small); 2 keeps a 1024x1024 encode well under 50 ms. */
    static final int WEBP_METHOD = 2;

    private ImageEncoder() {
    }

    public static byte[] encode(BufferedImage image, ImageFormat format, int compression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2);
        encode(image, format, compression, out);
        return out.toByteArray();
    }

    public static void encode(BufferedImage image, ImageFormat format, int compression, OutputStream out) {
        Objects.requireNonNull(image, "image == null");
        Objects.requireNonNull(format, "format == null");
        Objects.requireNonNull(out, "out == null");
        if (compression < 0 || compression > 100) {
            throw new IllegalArgumentException("compression must be in [0, 100] but was " + compression);
        }
        try {
            switch (format) {
                case PNG -> png(image, compression, out);
                case JPEG -> jpeg(image, compression, out);
                case WEBP -> webp(image, compression, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + format.wireName(), e);
        }
    }

    static int pngLevel(int compression) {
        return 1 + Math.round((100 - compression) * 8 / 100f);
    }

    static float jpegQuality(int compression) {
        return Math.clamp(compression / 100f, MIN_QUALITY, MAX_JPEG_QUALITY);
    }

    static float webpQuality(int compression) {
        return Math.clamp(compression / 100f, MIN_QUALITY, 1f);
    }

    private static void png(BufferedImage image, int compression, OutputStream out) {
        new PngEncoder()
                .withBufferedImage(image)
                .withCompressionLevel(pngLevel(compression))
                // Requests already run in parallel; a second pool per image would only add contention.
                .withMultiThreadedCompressionEnabled(false)
                .toStream(out);
    }

    private static void jpeg(BufferedImage image, int compression, OutputStream out) throws IOException {
        ImageWriter writer = writer("image/jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(jpegQuality(compression));
        write(writer, opaque(image), param, out);
    }

    private static void webp(BufferedImage image, int compression, OutputStream out) throws IOException {
        ImageWriter writer = writer("image/webp");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Lossy");
        param.setCompressionQuality(webpQuality(compression));
        if (param instanceof com.luciad.imageio.webp.WebPWriteParam webp) {
            webp.setMethod(WEBP_METHOD);
        }
        write(writer, image, param, out);
    }

    private static ImageWriter writer(String mime) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mime);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + mime.toLowerCase(Locale.ROOT));
        }
        return writers.next();
    }

    /** Memory-cached stream: ImageIO's default would spill to a temporary file. */
    private static void write(ImageWriter writer, BufferedImage image, ImageWriteParam param, OutputStream out)
            throws IOException {
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** JPEG has no alpha, and the JDK writer rejects ARGB: composite onto white instead. */
    static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
