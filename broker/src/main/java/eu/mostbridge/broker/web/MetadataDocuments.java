package eu.mostbridge.broker.web;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Signed SAML metadata as Most serves it: a copy signed at most an hour ago per document, so that a
 * peer reading it on every message (Bulgarian eAuth does) costs no signature each time and can be
 * served on the I/O thread.
 */
public final class MetadataDocuments {
  private static final Duration RESIGN_AFTER = Duration.ofHours(1);

  /** The metadata as text (UTF-8), so the record holds no array. */
  private record Signed(String xml, Instant madeAt) {}

  private final Map<String, Signed> signed = new ConcurrentHashMap<>();

  /**
   * The response for document {@code key}: the copy signed within the hour, or a new one from
   * {@code sign} (given the signing instant).
   */
  public Response serve(String key, Instant now, Function<Instant, String> sign) {
    Signed current =
        signed.compute(
            key,
            (k, old) ->
                old != null && old.madeAt().isAfter(now.minus(RESIGN_AFTER))
                    ? old
                    : new Signed(sign.apply(now), now));
    return Response.ok(
            current.xml().getBytes(StandardCharsets.UTF_8), "application/samlmetadata+xml")
        .header("Cache-Control", "max-age=60")
        .build();
  }
}
