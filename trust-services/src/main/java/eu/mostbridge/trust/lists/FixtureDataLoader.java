package eu.mostbridge.trust.lists;

import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers every outbound request from files, and refuses any other URL: the demo and the tests run
 * without a network, and a test fails when the service reaches for something it was not given.
 *
 * <p>The folder holds {@code fixtures.txt}: one line per URL, {@code <url> <file>}, the file
 * relative to the folder; {@code #} starts a comment. POST (OCSP) is answered like GET.
 */
@SuppressWarnings("serial") // DSS's loader interfaces are Serializable; this one never is.
public final class FixtureDataLoader implements DataLoader {
  public static final String INDEX = "fixtures.txt";

  private final Path folder;
  private final Map<String, Path> files;
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  private FixtureDataLoader(Path folder, Map<String, Path> files) {
    this.folder = folder;
    this.files = Map.copyOf(files);
  }

  /** Reads {@code fixtures.txt} of the folder. */
  public static FixtureDataLoader of(Path folder) {
    Map<String, Path> files = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(folder.resolve(INDEX), StandardCharsets.UTF_8)) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        String[] parts = entry.split("\\s+", 2);
        if (parts.length != 2) {
          throw new IllegalArgumentException(INDEX + ": expected '<url> <file>' in: " + entry);
        }
        Path file = folder.resolve(parts[1]).normalize();
        if (!file.startsWith(folder.normalize())) {
          throw new IllegalArgumentException(INDEX + ": a file outside the folder: " + parts[1]);
        }
        files.put(parts[0], file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the fixtures' index " + folder.resolve(INDEX), e);
    }
    return new FixtureDataLoader(folder, files);
  }

  @Override
  public byte[] get(String url) {
    Path file = files.get(url);
    if (file == null) {
      refused.add(url);
      throw new DSSExternalResourceException("Offline: not a fixture: " + url);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DSSExternalResourceException("Offline: cannot read the fixture for " + url);
    }
  }

  @Override
  public DataAndUrl get(List<String> urls) {
    List<String> tried = new ArrayList<>();
    for (String url : urls) {
      if (files.containsKey(url)) {
        return new DataAndUrl(url, get(url));
      }
      refused.add(url);
      tried.add(url);
    }
    throw new DSSExternalResourceException("Offline: none is a fixture: " + tried);
  }

  @Override
  public byte[] post(String url, byte[] content) {
    return get(url);
  }

  @Override
  public void setContentType(String contentType) {
    // Files have no content type.
  }

  /** The URLs asked for that no fixture answers: a test of offline behaviour expects none. */
  public Set<String> refused() {
    return Set.copyOf(refused);
  }

  public Path folder() {
    return folder;
  }
}
