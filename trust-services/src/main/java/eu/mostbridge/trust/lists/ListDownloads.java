package eu.mostbridge.trust.lists;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.client.http.DSSFileLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The trusted lists' downloads, with a last good copy on disk: a list that cannot be fetched is
 * read from the copy kept at its last download (it is validated again like a fresh one), so a
 * failure of the publisher's site does not take the trust away until the list's own next-update
 * date passes. Records what each URL gave, for the snapshot that names its lists.
 */
@SuppressWarnings("serial") // DSS's loader interfaces are Serializable; this one never is.
final class ListDownloads implements DSSFileLoader {
  private static final Logger LOG = Logger.getLogger(ListDownloads.class);

  /** What one URL gave in this round. */
  record Download(String sha256, boolean lastGoodCopy, Optional<String> failure) {}

  private final DataLoader network;
  private final Path cacheDirectory;
  private final long maxSize;
  private final Map<String, Download> downloads = new ConcurrentHashMap<>();
  private final Map<String, byte[]> fresh = new ConcurrentHashMap<>();

  ListDownloads(DataLoader network, Path cacheDirectory, long maxSize) {
    this.network = network;
    this.cacheDirectory = cacheDirectory;
    this.maxSize = maxSize;
  }

  @Override
  public DSSDocument getDocument(String url) {
    Path copy = copyOf(url);
    byte[] content;
    try {
      content = network.get(url);
      if (content == null || content.length == 0) {
        throw new DSSExternalResourceException("empty answer");
      }
      if (content.length > maxSize) {
        throw new DSSExternalResourceException("larger than " + maxSize + " bytes");
      }
      if (!looksLikeAList(content)) {
        // An error page answered with 200 is a failed download, not a list.
        throw new DSSExternalResourceException("the answer is not a trusted list");
      }
    } catch (RuntimeException e) {
      String failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (!Files.isRegularFile(copy)) {
        LOG.warnf(
            "Trusted list %s: download failed (%s) and no earlier copy is kept", url, failure);
        downloads.put(url, new Download("", false, Optional.of(failure)));
        throw new DSSExternalResourceException("Cannot download " + url + ": " + failure);
      }
      try {
        content = Files.readAllBytes(copy);
      } catch (IOException io) {
        throw new DSSExternalResourceException("Cannot read the kept copy of " + url);
      }
      LOG.warnf("Trusted list %s: download failed (%s); the last good copy is used", url, failure);
      downloads.put(url, new Download(sha256(content), true, Optional.of(failure)));
      return new InMemoryDocument(content, url);
    }
    fresh.put(url, content);
    downloads.put(url, new Download(sha256(content), false, Optional.empty()));
    return new InMemoryDocument(content, url);
  }

  /**
   * Keeps what the URL gave in this round as its last good copy: called once the list was parsed
   * and its signature found valid, so that an error page or an altered list answered with a 200
   * never replaces the good copy a later failure would fall back on.
   */
  void keepAsGood(String url) {
    byte[] content = fresh.get(url);
    if (content != null) {
      keep(copyOf(url), content);
    }
  }

  private Path copyOf(String url) {
    return cacheDirectory.resolve(sha256(url.getBytes(StandardCharsets.UTF_8)) + ".xml");
  }

  /** What the URL gave in this round, if it was asked for. */
  Optional<Download> download(String url) {
    return Optional.ofNullable(downloads.get(url));
  }

  private static void keep(Path copy, byte[] content) {
    try {
      Files.createDirectories(copy.getParent());
      Path partial = Files.createTempFile(copy.getParent(), "download", ".part");
      Files.write(partial, content);
      Files.move(
          partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warnf("Cannot keep a copy of a trusted list in %s: %s", copy.getParent(), e.getMessage());
    }
  }

  /** Whether the start of the content names a TS 119 612 list, as every list's root does. */
  private static boolean looksLikeAList(byte[] content) {
    String start =
        new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1);
    return start.contains("TrustServiceStatusList");
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
