package eu.mostbridge.trust.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the validation service, {@code most.trust.*} (docs/SIGNATURES.md). */
@ConfigMapping(prefix = "most.trust")
public interface TrustConfig {

  /** The EU list of trusted lists, through which Bulgaria's list (and any member state's) comes. */
  @WithName("eu")
  EuListConfig eu();

  /** North Macedonia's national trusted list (TL-MK, ETSI TS 119 612). */
  @WithName("mk")
  NationalListConfig mk();

  /**
   * Where the last good copy of each list is kept, so that a failed download is answered from it
   * (and a restart does not need the network).
   */
  @WithDefault("trust-cache")
  Path cacheDirectory();

  /** How often the lists are read again. */
  @WithDefault("PT6H")
  Duration refresh();

  /** Connect and read time-out of every outbound request (lists, CRLs, OCSP, certificates). */
  @WithDefault("PT20S")
  Duration fetchTimeout();

  /**
   * Offline mode: every outbound URL is answered from this folder's {@code fixtures.properties}
   * (URL = file) and any other URL is refused. For the demo and the tests only; a warning is logged
   * and readiness says so.
   */
  Optional<Path> fixtures();

  /** The limits of one validation. */
  ValidationLimits validation();

  /** The EU list of trusted lists. */
  interface EuListConfig {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("https://ec.europa.eu/tools/lotl/eu-lotl.xml")
    String url();

    /**
     * A PEM file with the certificates that may sign the list of trusted lists (those the Official
     * Journal announces).
     */
    Optional<Path> signingCertificates();

    /**
     * The member states whose lists are read (ISO codes; EL for Greece). Bulgaria by default: the
     * declaration concerns Bulgarian signatures. An empty value reads every list (some 30, about 28
     * MB).
     */
    @WithDefault("BG")
    List<String> territories();
  }

  /** A national list read on its own, outside the EU list of trusted lists. */
  interface NationalListConfig {
    @WithDefault("true")
    boolean enabled();

    /** Its URL; North Macedonia publishes it on the Ministry of Digital Transformation's portal. */
    Optional<String> url();

    /** A PEM file with the certificates that may sign the list. */
    Optional<Path> signingCertificates();
  }

  /** The limits of one validation. */
  interface ValidationLimits {
    /**
     * The largest request, in MiB (a form with the file and its originals, or the JSON of base64
     * documents): a larger one is answered 413 before it is read.
     */
    @WithDefault("64")
    int maxUploadMegabytes();

    /**
     * The largest JSON request, in MiB: its documents are in memory from the start (base64 in the
     * body, then decoded), so it is held to less than a multipart upload, whose file waits on disk.
     */
    @WithDefault("16")
    int maxJsonMegabytes();

    /** Longer than this, the validation is abandoned and the sender told so. */
    @WithDefault("PT60S")
    Duration timeout();

    /** Validations at once; more wait in a queue of {@link #queue()}. */
    @WithDefault("2")
    int concurrency();

    /** Validations waiting; beyond, the sender is asked to retry later (503). */
    @WithDefault("8")
    int queue();

    /**
     * Signatures one file may hold (a signed PDF has one per revision; 40 is already unusual). A
     * file with more is refused before any is validated: DSS cannot be stopped in the middle of a
     * validation, so the time limit alone would not free the thread.
     */
    @WithDefault("50")
    int maxSignatures();

    /** Detached originals one request may carry. */
    @WithDefault("16")
    int maxOriginals();

    /**
     * An uploaded file up to this size, in MiB, is validated from memory; a larger one from its
     * temporary file, with PDFBox keeping at most this much of it in memory. From memory, a 40 MB
     * PDF with ten signatures validates in about a third of the time (docs/BENCHMARKS.md); from the
     * file, a validation's memory stays bounded whatever the upload limit.
     */
    @WithDefault("48")
    int inMemoryMegabytes();

    /**
     * Pages of a PDF compared visually between signed revisions when a request asks for the
     * comparison ({@code visualComparison=true}); it is off otherwise, as it costs seconds per
     * page.
     */
    @WithDefault("10")
    int pdfVisualComparisonMaxPages();
  }
}
