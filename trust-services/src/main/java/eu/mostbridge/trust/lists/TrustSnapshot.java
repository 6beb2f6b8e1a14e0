package eu.mostbridge.trust.lists;

import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The trust of one refresh of the lists, immutable once published: a validation takes the current
 * snapshot when it starts and keeps it to the end, so a refresh meanwhile cannot change its result.
 *
 * @param id a short name of this snapshot, for reports and logs
 * @param loadedAt when the refresh ended
 * @param certificates the trust anchors and their trust service properties, for DSS
 * @param lists every list read, with the copy used
 */
public record TrustSnapshot(
    String id,
    Instant loadedAt,
    TrustedListsCertificateSource certificates,
    List<ListState> lists) {

  public TrustSnapshot {
    lists = List.copyOf(lists);
  }

  /** The list published at this URL, if this snapshot read it. */
  public Optional<ListState> list(String url) {
    return lists.stream().filter(l -> l.url().equals(url)).findFirst();
  }
}
