package dev.easel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.MutableClock;
import dev.easel.TestServers;
import dev.easel.render.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The bucket store against a real S3-compatible server (in-process local-s3 unless one is named). */
class S3ImageStoreTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final String bucket = TestServers.newS3Bucket();
    private final S3Client inspector = TestServers.s3Client();
    private final S3ImageStore store = connect(false, "tenant-a/");

    @AfterEach
    void close() {
        store.close();
        inspector.close();
    }

    private S3ImageStore connect(boolean presigned, String prefix) {
        return S3ImageStore.connect(new BucketSettings(bucket, Optional.of(URI.create(TestServers.s3Endpoint())),
                "us-east-1", Optional.of(new BucketSettings.Credentials(TestServers.s3AccessKeyId(),
                TestServers.s3SecretAccessKey())), prefix, true, presigned), clock);
    }

    @Test
    void aStoredImageOpensWithItsBytesSizeAndTypeUnderTheExpiryOrderedKey() throws IOException {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        StoredImage stored = store.put(PNG, ImageFormat.PNG, expiry);

        try (ImageStore.OpenedImage opened = store.open(stored.id()).orElseThrow()) {
            assertThat(opened.content().readAllBytes()).isEqualTo(PNG);
            assertThat(opened.image().sizeBytes()).isEqualTo(PNG.length);
            assertThat(opened.image().format()).isEqualTo(ImageFormat.PNG);
        }
        String key = "tenant-a/images/00" + expiry.getEpochSecond() + "/" + stored.id();
        assertThat(keys()).containsExactly(key);
        assertThat(inspector.headObject(b -> b.bucket(bucket).key(key)).contentType()).isEqualTo("image/png");
    }

    @Test
    void unknownAndMalformedIdsAreEmptyNotErrors() {
        assertThat(store.open("img_1795500000_AAAAAAAAAAAAAAAAAAAAAA.png")).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
    }

    @Test
    void anExpiredImageIsGoneOnReadEvenBeforeTheSweepDeletesIt() {
        StoredImage stored = store.put(PNG, ImageFormat.PNG, NOW.plusSeconds(60));

        clock.advance(Duration.ofSeconds(61));

        assertThat(store.open(stored.id())).isEmpty();
        assertThat(keys()).hasSize(1); // still there until swept
    }

    @Test
    void theSweepDeletesExpiredObjectsOnlyAndLeavesForeignObjectsAlone() {
        StoredImage early = store.put(PNG, ImageFormat.PNG, NOW.plusSeconds(10));
        StoredImage middle = store.put(PNG, ImageFormat.WEBP, NOW.plusSeconds(20));
        StoredImage late = store.put(PNG, ImageFormat.JPEG, NOW.plusSeconds(3600));
        inspector.putObject(b -> b.bucket(bucket).key("tenant-a/images/README"), RequestBody.fromString("not ours"));
        inspector.putObject(b -> b.bucket(bucket).key("other/x.png"), RequestBody.fromString("another app"));

        assertThat(store.deleteExpired(NOW.plusSeconds(30))).isEqualTo(2);

        assertThat(keys()).noneMatch(k -> k.endsWith(early.id()) || k.endsWith(middle.id()))
                .anyMatch(k -> k.endsWith(late.id()))
                .contains("tenant-a/images/README", "other/x.png");
        assertThat(store.deleteExpired(NOW.plusSeconds(30))).isZero(); // a second sweeper finds nothing to do
    }

    @Test
    void aLargeStreamOfUnknownLengthIsUploadedPartByPart() throws Exception {
        long size = 2L * S3ImageStore.PART_SIZE + 12345; // three parts, the last one short
        StoredImage stored = store.put(new GeneratedStream(size, 7), ImageFormat.PNG, NOW.plusSeconds(600));

        assertThat(stored.sizeBytes()).isEqualTo(size);
        try (ImageStore.OpenedImage opened = store.open(stored.id()).orElseThrow()) {
            assertThat(opened.image().sizeBytes()).isEqualTo(size);
            assertThat(digest(opened.content())).isEqualTo(digest(new GeneratedStream(size, 7)));
        }
    }

    @Test
    void aSixteenMegabyteImageInMemoryIsStreamedInOnePut() throws Exception {
        byte[] large = new byte[16 * 1024 * 1024];
        new Random(3).nextBytes(large);

        StoredImage stored = store.put(large, ImageFormat.PNG, NOW.plusSeconds(600));

        try (ImageStore.OpenedImage opened = store.open(stored.id()).orElseThrow()) {
            assertThat(digest(opened.content())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(large));
        }
    }

    @Test
    void presignedUrlsServeTheImageStraightFromTheBucketForTheRemainingLifetime() throws Exception {
        try (S3ImageStore presigning = connect(true, "")) {
            StoredImage stored = presigning.put(PNG, ImageFormat.PNG, NOW.plusSeconds(3600));
            clock.advance(Duration.ofSeconds(600));

            String url = presigning.directUrl(stored.id(), stored.expiresAt()).orElseThrow();

            assertThat(url).startsWith(TestServers.s3Endpoint() + "/" + bucket + "/images/")
                    .contains("X-Amz-Expires=3000");
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(PNG);
            assertThat(store.directUrl(stored.id(), stored.expiresAt())).isEmpty(); // Easel links unless configured
        }
    }

    private List<String> keys() {
        return inspector.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static byte[] digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }

    /** Deterministic bytes made on the fly, so the test itself never holds the whole object. */
    private static final class GeneratedStream extends InputStream {
        private final Random random;
        private long left;

        GeneratedStream(long size, long seed) {
            this.random = new Random(seed);
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            left -= n;
            return n;
        }
    }
}
