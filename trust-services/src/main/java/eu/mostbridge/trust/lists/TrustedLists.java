package eu.mostbridge.trust.lists;

import eu.europa.esig.dss.model.tsl.InfoRecord;
import eu.europa.esig.dss.model.tsl.LOTLInfo;
import eu.europa.esig.dss.model.tsl.ParsingInfoRecord;
import eu.europa.esig.dss.model.tsl.TLInfo;
import eu.europa.esig.dss.model.tsl.TLValidationJobSummary;
import eu.europa.esig.dss.model.tsl.ValidationInfoRecord;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.tsl.function.SchemeTerritoryOtherTSLPointer;
import eu.europa.esig.dss.tsl.function.XMLOtherTSLPointer;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.LOTLSource;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;
import eu.mostbridge.trust.config.TrustConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The trusted lists: read at start and then every {@code most.trust.refresh}, off the request
 * threads, on threads of this service's own (stopped at shutdown), each refresh into a new snapshot
 * published at once when complete. Until the first refresh ends there is no snapshot and the
 * service is not ready.
 */
@ApplicationScoped
public class TrustedLists {
  private static final Logger LOG = Logger.getLogger(TrustedLists.class);

  /** A list larger than this is refused (the EU list of trusted lists is about 0.3 MB). */
  static final long MAX_LIST_SIZE = 16L * 1024 * 1024;

  private final TrustConfig config;
  private final Outbound outbound;
  private final Clock clock;
  private final AtomicReference<TrustSnapshot> current = new AtomicReference<>();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(threads("trusted-lists-refresh"));
  private final ExecutorService jobThreads =
      Executors.newFixedThreadPool(2, threads("trusted-lists-job"));

  public TrustedLists(TrustConfig config, Outbound outbound, Clock clock) {
    this.config = config;
    this.outbound = outbound;
    this.clock = clock;
  }

  public void start(@Observes StartupEvent start) {
    // A list without its signing certificates would never be trusted: refuse to start instead.
    if (config.eu().enabled()) {
      euSource();
    }
    if (config.mk().enabled() && config.mk().url().isPresent()) {
      mkSource();
    }
    // refreshQuietly catches every failure itself; the future would only say it was cancelled.
    var unused =
        schedule.scheduleWithFixedDelay(
            this::refreshQuietly, 0, config.refresh().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the refresh and DSS's job threads (also at shutdown), so the process exits at once. */
  public void stop(@Observes ShutdownEvent stop) {
    schedule.shutdownNow();
    jobThreads.shutdownNow();
  }

  /** The snapshot in force, once the lists were read. */
  public Optional<TrustSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  /** Refreshes now, on the caller's thread, and returns the new snapshot. */
  public TrustSnapshot refresh() {
    ListDownloads downloads =
        new ListDownloads(outbound.get(), config.cacheDirectory(), MAX_LIST_SIZE);
    TrustedListsCertificateSource certificates = new TrustedListsCertificateSource();
    TLValidationJob job = new TLValidationJob();
    job.setOnlineDataLoader(downloads);
    job.setTrustedListCertificateSource(certificates);
    job.setExecutorService(jobThreads);
    job.setSynchronizationStrategy(strategy());
    List<LOTLSource> lotls = new ArrayList<>();
    if (config.eu().enabled()) {
      lotls.add(euSource());
    }
    List<TLSource> tls = new ArrayList<>();
    if (config.mk().enabled() && config.mk().url().isPresent()) {
      tls.add(mkSource());
    }
    job.setListOfTrustedListSources(lotls.toArray(LOTLSource[]::new));
    job.setTrustedListSources(tls.toArray(TLSource[]::new));
    job.onlineRefresh();

    TLValidationJobSummary summary = job.getSummary();
    List<ListState> lists = new ArrayList<>();
    for (LOTLInfo lotl : summary.getLOTLInfos()) {
      lists.add(state("eu", ListState.Kind.LIST_OF_TRUSTED_LISTS, lotl, downloads));
      for (TLInfo tl : lotl.getTLInfos()) {
        lists.add(state("eu", ListState.Kind.TRUSTED_LIST, tl, downloads));
      }
    }
    for (TLInfo tl : summary.getOtherTLInfos()) {
      lists.add(state("mk", ListState.Kind.TRUSTED_LIST, tl, downloads));
    }
    for (ListState list : lists) {
      if (list.sequenceNumber().isPresent() && list.signatureValid() && !list.lastGoodCopy()) {
        downloads.keepAsGood(list.url());
      }
    }
    Instant now = clock.instant();
    TrustSnapshot snapshot =
        new TrustSnapshot(
            "snapshot-" + refreshes.incrementAndGet() + "-" + contentId(lists),
            now,
            certificates,
            lists);
    current.set(snapshot);
    for (ListState list : lists) {
      if (list.usableAt(now)) {
        LOG.infof(
            "Trusted list %s (%s) sequence %s, SHA-256 %s, next update %s%s",
            list.url(),
            list.territory().orElse("?"),
            list.sequenceNumber().orElse(null),
            list.sha256().orElse("?"),
            list.nextUpdate().orElse(null),
            list.lastGoodCopy() ? ", the last good copy" : "");
      } else {
        LOG.warnf(
            "Trusted list %s is not usable: %s",
            list.url(), list.problem().orElse("expired or not validly signed"));
      }
    }
    return snapshot;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // The snapshot in force stays; the next round tries again.
      LOG.errorf("The trusted lists could not be refreshed: %s", e.toString());
    }
  }

  /**
   * A list whose signature fails gives no trust at all (it could have been altered to name any CA).
   * A list past its next update still anchors chains, so that a report can say more than "unknown",
   * but it makes nothing qualified ({@link ListState#usableAt}).
   */
  private static ExpirationAndSignatureCheckStrategy strategy() {
    ExpirationAndSignatureCheckStrategy strategy = new ExpirationAndSignatureCheckStrategy();
    strategy.setAcceptInvalidListOfTrustedLists(false);
    strategy.setAcceptInvalidTrustedList(false);
    strategy.setAcceptExpiredListOfTrustedLists(true);
    strategy.setAcceptExpiredTrustedList(true);
    return strategy;
  }

  private LOTLSource euSource() {
    LOTLSource source = new LOTLSource();
    source.setUrl(config.eu().url());
    source.setCertificateSource(anchors(config.eu().signingCertificates(), "most.trust.eu"));
    source.setPivotSupport(true);
    List<String> territories =
        config.eu().territories().stream().filter(t -> !t.isBlank()).toList();
    if (!territories.isEmpty()) {
      source.setTlPredicate(
          new SchemeTerritoryOtherTSLPointer(territories).and(new XMLOtherTSLPointer()));
    }
    return source;
  }

  private TLSource mkSource() {
    TLSource source = new TLSource();
    source.setUrl(config.mk().url().orElseThrow());
    source.setCertificateSource(anchors(config.mk().signingCertificates(), "most.trust.mk"));
    return source;
  }

  private static CommonTrustedCertificateSource anchors(Optional<Path> pem, String section) {
    CommonTrustedCertificateSource source = new CommonTrustedCertificateSource();
    Path file =
        pem.orElseThrow(
            () ->
                new IllegalStateException(
                    section
                        + ".signing-certificates is not set: a list is trusted only when"
                        + " signed by a certificate named there"));
    try (InputStream in = Files.newInputStream(file)) {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        source.addCertificate(new CertificateToken((X509Certificate) certificate));
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(section + ".signing-certificates: cannot read " + file, e);
    }
    if (source.getNumberOfCertificates() == 0) {
      throw new IllegalStateException(section + ".signing-certificates: no certificate in " + file);
    }
    return source;
  }

  private static ListState state(
      String source, ListState.Kind kind, TLInfo info, ListDownloads downloads) {
    Optional<ListDownloads.Download> download = downloads.download(info.getUrl());
    ParsingInfoRecord parsing = info.getParsingCacheInfo();
    ValidationInfoRecord validation = info.getValidationCacheInfo();
    boolean parsed = parsing != null && parsing.isResultExist();
    boolean signed = validation != null && validation.isResultExist() && validation.isValid();
    Optional<String> problem =
        download
            .flatMap(ListDownloads.Download::failure)
            .map(f -> "download failed: " + f)
            .or(() -> failure(info.getDownloadCacheInfo()))
            .or(() -> failure(parsing))
            .or(
                () ->
                    parsed && !signed
                        ? Optional.of(
                            "its signature is not valid ("
                                + (validation == null
                                    ? "not checked"
                                    : validation.getIndication()
                                        + " "
                                        + validation.getSubIndication())
                                + ")")
                        : Optional.empty());
    return new ListState(
        source,
        kind,
        info.getUrl(),
        parsed ? Optional.ofNullable(parsing.getTerritory()) : Optional.empty(),
        parsed ? Optional.ofNullable(parsing.getSequenceNumber()) : Optional.empty(),
        download.map(ListDownloads.Download::sha256).filter(s -> !s.isEmpty()),
        parsed ? instant(parsing.getIssueDate()) : Optional.empty(),
        parsed ? instant(parsing.getNextUpdateDate()) : Optional.empty(),
        signed,
        download.map(ListDownloads.Download::lastGoodCopy).orElse(false),
        problem);
  }

  private static Optional<String> failure(InfoRecord record) {
    return record != null && record.isError()
        ? Optional.of(String.valueOf(record.getExceptionMessage()))
        : Optional.empty();
  }

  private static Optional<Instant> instant(Date date) {
    return Optional.ofNullable(date).map(Date::toInstant);
  }

  private static String contentId(List<ListState> lists) {
    String digests =
        lists.stream().map(l -> l.sha256().orElse("-")).collect(Collectors.joining(","));
    return ListDownloads.sha256(digests.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
