package eu.mostbridge.trust.bench;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.LOTLSource;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.lists.FixtureDataLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DSS alone, as its demonstration webapp configures a validation (esig/dss-demonstrations 6.4,
 * dss-demo-webapp: a CommonCertificateVerifier over the trusted lists with online CRL, OCSP and AIA
 * sources, the default policy, the document in memory, no PDF settings), on the same files and
 * fixtures as Most: what the library costs without Most's wiring. Its revocation cache (an
 * in-memory database in the webapp) is left out: the fixtures answer at once.
 *
 * <p>{@code BareDss <fixtures> <document> <threads> <seconds|-count>}: prints {@code RESULT
 * <validations> <millis> <indication>} and the validation times.
 */
public final class BareDss {
  private BareDss() {}

  public static void main(String[] args) throws Exception {
    Path fixtures = Path.of(args[0]);
    byte[] document = Files.readAllBytes(Path.of(args[1]));
    int threads = Integer.parseInt(args[2]);
    long limit = Long.parseLong(args[3]);
    FixtureDataLoader loader = FixtureDataLoader.of(fixtures);
    TrustedListsCertificateSource trusted = new TrustedListsCertificateSource();
    TLValidationJob job = new TLValidationJob();
    job.setOnlineDataLoader(url -> new InMemoryDocument(loader.get(url), url));
    job.setTrustedListCertificateSource(trusted);
    LOTLSource lotl = new LOTLSource();
    lotl.setUrl(TrustWorld.LOTL_URL);
    lotl.setCertificateSource(anchors(fixtures.resolve("eu-lotl-signers.pem")));
    lotl.setPivotSupport(true);
    TLSource mk = new TLSource();
    mk.setUrl(TrustWorld.MK_TL_URL);
    mk.setCertificateSource(anchors(fixtures.resolve("tl-mk-signers.pem")));
    job.setListOfTrustedListSources(lotl);
    job.setTrustedListSources(mk);
    java.util.concurrent.ExecutorService jobThreads =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    job.setExecutorService(jobThreads);
    job.onlineRefresh();
    jobThreads.shutdown();

    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(trusted, new CommonTrustedCertificateSource());
    verifier.setCrlSource(new OnlineCRLSource(loader));
    verifier.setOcspSource(new OnlineOCSPSource(loader));
    verifier.setAIASource(new DefaultAIASource(loader));
    verifier.setCheckRevocationForUntrustedChains(false);

    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    List<String> indications = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    long started = System.nanoTime();
    long deadline = limit > 0 ? started + limit * 1_000_000_000L : Long.MAX_VALUE;
    long count = limit < 0 ? -limit : Long.MAX_VALUE;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                  if (times.size() >= count) {
                    break;
                  }
                  long one = System.nanoTime();
                  SignedDocumentValidator validator =
                      SignedDocumentValidator.fromDocument(
                          new InMemoryDocument(document, "document"));
                  validator.setCertificateVerifier(verifier);
                  Reports reports = validator.validateDocument();
                  times.add((System.nanoTime() - one) / 1_000_000);
                  indications.add(
                      String.valueOf(
                          reports
                              .getSimpleReport()
                              .getIndication(reports.getSimpleReport().getFirstSignatureId())));
                }
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        "RESULT "
            + times.size()
            + " "
            + millis
            + " "
            + (indications.isEmpty() ? "none" : indications.get(0))
            + " "
            + times);
  }

  private static CommonTrustedCertificateSource anchors(Path pem) throws Exception {
    CommonTrustedCertificateSource source = new CommonTrustedCertificateSource();
    try (InputStream in = Files.newInputStream(pem)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        source.addCertificate(new CertificateToken((X509Certificate) c));
      }
    }
    return source;
  }
}
