package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Images as objects in an S3-compatible bucket, so every instance serves what any instance stored.
 *
 * <p>Keys are {@code <prefix>images/<expiry, 12 digits>/<id>}: the listing order of S3 (by key) is then
 * the expiry order, so the sweeper reads only the expired objects plus one page, and stops. The id
 * alone still names the key, so serving needs no database row.
 */
public final class S3ImageStore implements ImageStore {
    /** Parts of an upload of unknown length; S3 wants at least 5 MiB for every part but the last. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final Optional<S3Presigner> presigner;
    private final String bucket;
    private final String root;
    private final Clock clock;

    /**
     * @param presigner when present, links are presigned bucket URLs instead of Easel links
     * @param prefix    key prefix inside the bucket; empty or ending in {@code /}
     */
    public S3ImageStore(S3Client s3, Optional<S3Presigner> presigner, String bucket, String prefix, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.root = prefix + "images/";
        this.clock = clock;
    }

    /** Connects to the bucket the settings name; fails at start when it cannot be reached or does not exist. */
    public static S3ImageStore connect(BucketSettings settings, Clock clock) {
        AwsCredentialsProvider credentials = settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        Region region = Region.of(settings.region());
        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(region).credentialsProvider(credentials).serviceConfiguration(service);
        settings.endpoint().ifPresent(client::endpointOverride);
        S3Client s3 = client.build();
        Optional<S3Presigner> presigner = Optional.empty();
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            if (settings.presignedUrls()) {
                S3Presigner.Builder p = S3Presigner.builder().region(region).credentialsProvider(credentials)
                        .serviceConfiguration(service);
                settings.endpoint().ifPresent(p::endpointOverride);
                presigner = Optional.of(p.build());
            }
        } catch (RuntimeException e) {
            s3.close();
            throw new IllegalStateException("cannot reach the image bucket `" + settings.bucket() + "`"
                    + settings.endpoint().map(u -> " at " + u).orElse("") + ": " + e.getMessage(), e);
        }
        return new S3ImageStore(s3, presigner, settings.bucket(), settings.prefix(), clock);
    }

    @Override
    public StoredImage put(byte[] bytes, ImageFormat format, Instant expiresAt) {
        String id = ImageIds.newId(format, expiresAt);
        // A content provider over the caller's array: the SDK streams it (and re-reads it on a retry) without a copy.
        s3.putObject(b -> b.bucket(bucket).key(key(id, expiresAt)).contentType(format.mimeType()),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, format.mimeType()));
        return new StoredImage(id, format, expiresAt, bytes.length);
    }

    /** Streams bytes of unknown length: one PUT when they fit in a part, else a multipart upload part by part. */
    @Override
    public StoredImage put(InputStream bytes, ImageFormat format, Instant expiresAt) {
        try {
            byte[] first = bytes.readNBytes(PART_SIZE);
            if (first.length < PART_SIZE) {
                return put(first, format, expiresAt);
            }
            String id = ImageIds.newId(format, expiresAt);
            long size = multipart(key(id, expiresAt), format, first, bytes);
            return new StoredImage(id, format, expiresAt, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image to store", e);
        }
    }

    private long multipart(String key, ImageFormat format, byte[] first, InputStream rest) throws IOException {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(format.mimeType()))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            // Only the part being sent is in memory: at most PART_SIZE bytes per upload.
            for (byte[] part = first; part.length > 0; part = rest.readNBytes(PART_SIZE)) {
                int number = parts.size() + 1;
                byte[] body = part;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number)
                                .contentLength((long) body.length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(body), body.length,
                                format.mimeType())).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += body.length;
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts)));
            return size;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort); // the bucket's AbortIncompleteMultipartUpload rule cleans it up later
            }
            throw e;
        }
    }

    /** Opens the object; an expired image is gone even before the sweeper deletes it. */
    @Override
    public Optional<OpenedImage> open(String id) {
        Optional<ImageIds.Parsed> parsed = ImageIds.parse(id);
        if (parsed.isEmpty() || parsed.get().expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket)
                    .key(key(id, parsed.get().expiresAt())));
            StoredImage image = new StoredImage(id, parsed.get().format(), parsed.get().expiresAt(),
                    in.response().contentLength());
            return Optional.of(new OpenedImage(image, in));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> directUrl(String id, Instant expiresAt) {
        return presigner.map(p -> {
            // At least a second: a link minted at its expiry still gets a valid signature that S3 then refuses.
            Duration valid = Duration.between(clock.instant(), expiresAt);
            Duration signed = valid.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : valid;
            return p.presignGetObject(r -> r.signatureDuration(signed)
                    .getObjectRequest(g -> g.bucket(bucket).key(key(id, expiresAt)))).url().toString();
        });
    }

    /**
     * Deletes expired objects, reading the listing in key (= expiry) order and stopping at the first
     * object still valid. Deletes are idempotent, so two sweepers racing only repeat work.
     */
    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        String token = null;
        do {
            String page = token;
            ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(bucket).prefix(root).continuationToken(page));
            List<ObjectIdentifier> expired = new ArrayList<>();
            boolean reachedValid = false;
            for (S3Object object : listing.contents()) {
                if (expiry(object.key()).map(e -> e.isBefore(now)).orElse(false)) {
                    expired.add(ObjectIdentifier.builder().key(object.key()).build());
                } else if (expiry(object.key()).isPresent()) {
                    reachedValid = true;
                    break;
                }
            }
            if (!expired.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(expired).quiet(true)));
                deleted += expired.size();
            }
            token = reachedValid || !Boolean.TRUE.equals(listing.isTruncated()) ? null
                    : listing.nextContinuationToken();
        } while (token != null);
        return deleted;
    }

    @Override
    public void close() {
        presigner.ifPresent(S3Presigner::close);
        s3.close();
    }

    String key(String id, Instant expiresAt) {
        return root + String.format("%012d", expiresAt.getEpochSecond()) + "/" + id;
    }

    /** The expiry a key carries; empty for objects Easel did not write. */
    private Optional<Instant> expiry(String key) {
        String rest = key.substring(root.length());
        int slash = rest.indexOf('/');
        if (slash != 12 || !rest.substring(0, 12).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(rest.substring(0, 12))));
    }
}
