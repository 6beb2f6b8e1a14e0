package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.mostbridge.trust.config.TrustConfig;
import eu.mostbridge.trust.lists.Outbound;
import eu.mostbridge.trust.lists.TrustSnapshot;
import eu.mostbridge.trust.lists.TrustedLists;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Validates a signed document with DSS under the trust snapshot in force when it starts, on a pool
 * of this service's own with a bounded queue and a time limit per document.
 */
@ApplicationScoped
public class SignatureValidation {
  private static final Logger LOG = Logger.getLogger(SignatureValidation.class);

  private final TrustConfig config;
  private final TrustedLists lists;
  private final Outbound outbound;
  private final Clock clock;
  private final ThreadPoolExecutor pool;

  public SignatureValidation(
      TrustConfig config, TrustedLists lists, Outbound outbound, Clock clock) {
    this.config = config;
    this.lists = lists;
    this.outbound = outbound;
    this.clock = clock;
    int threads = config.validation().concurrency();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, config.validation().queue())),
            runnable -> {
              Thread thread = new Thread(runnable, "validation-" + n.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }

  /** Validates, or refuses with a typed {@link ValidationProblem}. */
  public ValidationOutcome validate(ValidationInput input) {
    TrustSnapshot snapshot =
        lists
            .current()
            .orElseThrow(
                () ->
                    new ValidationProblem(
                        ValidationProblem.Kind.NOT_READY,
                        "The trusted lists have not been read yet; try again in a minute."));
    Future<Reports> running;
    try {
      running = pool.submit(() -> run(input, snapshot));
    } catch (RejectedExecutionException e) {
      throw new ValidationProblem(
          ValidationProblem.Kind.BUSY, "Too many documents are being validated; try again later.");
    }
    try {
      Reports reports =
          running.get(config.validation().timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (reports.getSimpleReport().getSignaturesCount() == 0) {
        throw new ValidationProblem(
            ValidationProblem.Kind.NOT_SIGNED, "The file holds no signature.");
      }
      return new ValidationOutcome(reports, snapshot, clock.instant());
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new ValidationProblem(
          ValidationProblem.Kind.TIMEOUT,
          "The validation took longer than "
              + config.validation().timeout().toSeconds()
              + " s and was stopped.");
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new ValidationProblem(ValidationProblem.Kind.BUSY, "The validation was interrupted.");
    } catch (ExecutionException e) {
      throw unreadable(e.getCause());
    }
  }

  private Reports run(ValidationInput input, TrustSnapshot snapshot) {
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(inMemoryIfSmall(input.document()));
    if (validator instanceof PDFDocumentValidator pdf) {
      pdf.setPdfObjFactory(pdfFactory(input.visualComparison()));
    }
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(snapshot.certificates());
    verifier.setCrlSource(new OnlineCRLSource(outbound.get()));
    verifier.setOcspSource(new OnlineOCSPSource(outbound.ocsp()));
    verifier.setAIASource(new DefaultAIASource(outbound.get()));
    validator.setCertificateVerifier(verifier);
    if (!input.originals().isEmpty()) {
      validator.setDetachedContents(input.originals());
    }
    validator.setLocale(Locale.ENGLISH);
    // Counted before any is validated: each costs a chain and revocation check, so a file of
    // thousands would keep a thread busy long after the time limit answered its sender.
    int signatures = validator.getSignatures().size();
    if (signatures > config.validation().maxSignatures()) {
      throw new ValidationProblem(
          ValidationProblem.Kind.TOO_MANY_SIGNATURES,
          "The file holds "
              + signatures
              + " signatures; the service validates at most "
              + config.validation().maxSignatures()
              + " in one file.");
    }
    return validator.validateDocument(ValidationPolicies.strict());
  }

  /**
   * A file up to {@code in-memory-megabytes} read into memory, now that its validation runs: DSS
   * reads a document many times (each revision, each digest), about three times faster from memory.
   */
  private DSSDocument inMemoryIfSmall(DSSDocument document) {
    if (document instanceof FileDocument file
        && file.getFile().length() <= config.validation().inMemoryMegabytes() * 1024L * 1024L) {
      try {
        return new InMemoryDocument(Files.readAllBytes(file.getFile().toPath()), file.getName());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return document;
  }

  private PdfBoxDefaultObjectFactory pdfFactory(boolean visualComparison) {
    PdfBoxDefaultObjectFactory factory = new PdfBoxDefaultObjectFactory();
    DefaultPdfDifferencesFinder differences = new DefaultPdfDifferencesFinder();
    differences.setMaximalPagesAmountForVisualComparison(
        visualComparison ? config.validation().pdfVisualComparisonMaxPages() : 0);
    factory.setPdfDifferencesFinder(differences);
    factory.setPdfMemoryUsageSetting(
        PdfMemoryUsageSetting.mixed(config.validation().inMemoryMegabytes() * 1024L * 1024L));
    return factory;
  }

  private static ValidationProblem unreadable(Throwable cause) {
    if (cause instanceof ValidationProblem problem) {
      return problem;
    }
    if (cause instanceof UnsupportedOperationException) {
      return new ValidationProblem(
          ValidationProblem.Kind.NOT_SIGNED,
          "The file is not a signed document in a format the service reads (PDF, XML, JSON,"
              + " CMS/.p7s, ASiC).");
    }
    // Whatever DSS or a parser below it throws on a malformed file is the file's fault; the
    // sender gets one message, the log the kind of failure (never the content).
    LOG.warnf(
        "A document could not be validated: %s at %s",
        cause.getClass().getName(),
        cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : "?");
    return new ValidationProblem(
        ValidationProblem.Kind.NOT_SIGNED,
        cause instanceof DSSException
            ? "The file could not be read as a signed document."
            : "The file could not be validated: it is damaged or not a signed document.");
  }

  /** The document's name as sent, kept to what a report shows. */
  static String nameOf(DSSDocument document) {
    String name = document.getName();
    return name == null ? null : name.length() > 200 ? name.substring(0, 200) : name;
  }
}
