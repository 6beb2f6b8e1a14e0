package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TrustServiceWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureQualification;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.mostbridge.trust.lists.ListState;
import eu.mostbridge.trust.lists.TrustSnapshot;
import eu.mostbridge.trust.validation.ValidationSummary.ListUsed;
import eu.mostbridge.trust.validation.ValidationSummary.Regime;
import eu.mostbridge.trust.validation.ValidationSummary.SignatureSummary;
import eu.mostbridge.trust.validation.ValidationSummary.Signer;
import eu.mostbridge.trust.validation.ValidationSummary.TrustSource;
import eu.mostbridge.trust.validation.ValidationSummary.TrustUsed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads DSS's reports into Most's summary, the legal regime decided by Most itself. */
public final class Summaries {
  private static final Set<SignatureQualification> QUALIFIED =
      EnumSet.of(SignatureQualification.QESIG, SignatureQualification.QESEAL);
  private static final Set<SignatureQualification> QUALIFIED_CERTIFICATE =
      EnumSet.of(SignatureQualification.ADESIG_QC, SignatureQualification.ADESEAL_QC);
  private static final Set<SignatureQualification> SEALS =
      EnumSet.of(
          SignatureQualification.QESEAL,
          SignatureQualification.ADESEAL_QC,
          SignatureQualification.ADESEAL,
          SignatureQualification.INDETERMINATE_QESEAL,
          SignatureQualification.INDETERMINATE_ADESEAL_QC,
          SignatureQualification.INDETERMINATE_ADESEAL);

  private Summaries() {}

  /** The summary of one validation of the named document. */
  public static ValidationSummary of(
      ValidationOutcome outcome, String documentName, String documentSha256) {
    Reports reports = outcome.reports();
    SimpleReport simple = reports.getSimpleReport();
    DiagnosticData diagnostic = reports.getDiagnosticData();
    Instant now = outcome.validatedAt();
    List<SignatureSummary> signatures = new ArrayList<>();
    for (String id : simple.getSignatureIdList()) {
      signatures.add(signature(id, simple, diagnostic, outcome.snapshot(), now));
    }
    return new ValidationSummary(
        documentIndication(signatures),
        now.toString(),
        documentName,
        documentSha256,
        simple.getContainerType() == null ? null : simple.getContainerType().toString(),
        signatures,
        trustUsed(outcome.snapshot(), now),
        reports.getXmlValidationReport());
  }

  private static String documentIndication(List<SignatureSummary> signatures) {
    if (signatures.stream().anyMatch(s -> Indication.TOTAL_FAILED.name().equals(s.indication()))) {
      return Indication.TOTAL_FAILED.name();
    }
    if (!signatures.isEmpty()
        && signatures.stream()
            .allMatch(s -> Indication.TOTAL_PASSED.name().equals(s.indication()))) {
      return Indication.TOTAL_PASSED.name();
    }
    return Indication.INDETERMINATE.name();
  }

  private static SignatureSummary signature(
      String id,
      SimpleReport simple,
      DiagnosticData diagnostic,
      TrustSnapshot snapshot,
      Instant now) {
    Indication indication = simple.getIndication(id);
    SubIndication sub = simple.getSubIndication(id);
    SignatureQualification qualification = simple.getSignatureQualification(id);
    SignatureWrapper wrapper = diagnostic.getSignatureById(id);
    CertificateWrapper certificate = wrapper == null ? null : wrapper.getSigningCertificate();
    Optional<TrustSource> source = trustSource(wrapper, snapshot, now);
    return new SignatureSummary(
        id,
        indication == null ? Indication.INDETERMINATE.name() : indication.name(),
        sub == null ? null : sub.name(),
        simple.getSignatureFormat(id) == null ? null : simple.getSignatureFormat(id).name(),
        time(simple.getSigningTime(id)),
        // Without a time-stamp DSS's best signature time is the validation time: it proves nothing.
        simple.getSignatureTimestamps(id).isEmpty() ? null : time(simple.getBestSignatureTime(id)),
        certificate == null ? null : signer(certificate),
        qualification == null ? null : qualification.getReadable(),
        source.orElse(null),
        regime(indication, qualification, source),
        messages(simple.getAdESValidationErrors(id), simple.getQualificationErrors(id)),
        messages(simple.getAdESValidationWarnings(id), simple.getQualificationWarnings(id)));
  }

  private static Signer signer(CertificateWrapper certificate) {
    List<CertificateWrapper> chain = certificate.getCertificateChain();
    return new Signer(
        certificate.getCommonName(),
        certificate.getGivenName(),
        certificate.getSurname(),
        certificate.getCountryName(),
        certificate.getOrganizationName(),
        SignerIdentifier.read(certificate.getSubjectSerialNumber()).orElse(null),
        chain.isEmpty() ? null : chain.get(0).getCommonName());
  }

  /** The first certificate of the chain that a trusted list names, and the list. */
  private static Optional<TrustSource> trustSource(
      SignatureWrapper signature, TrustSnapshot snapshot, Instant now) {
    if (signature == null) {
      return Optional.empty();
    }
    for (CertificateWrapper certificate : signature.getCertificateChain()) {
      for (TrustServiceWrapper service : certificate.getTrustServices()) {
        if (service.getTrustedList() == null) {
          continue;
        }
        String url = service.getTrustedList().getUrl();
        Optional<ListState> list = snapshot.list(url);
        return Optional.of(
            new TrustSource(
                list.map(ListState::source).orElse(null),
                service.getTrustedList().getCountryCode(),
                url,
                list.flatMap(ListState::sequenceNumber).orElse(null),
                list.flatMap(ListState::sha256).orElse(null),
                first(service.getTspNames()),
                first(service.getServiceNames()),
                list.map(l -> l.usableAt(now)).orElse(false)));
      }
    }
    return Optional.empty();
  }

  private static Regime regime(
      Indication indication, SignatureQualification qualification, Optional<TrustSource> source) {
    String noun = qualification != null && SEALS.contains(qualification) ? "seal" : "signature";
    if (indication != Indication.TOTAL_PASSED) {
      return notQualified(
          noun,
          "not_valid",
          indication == Indication.TOTAL_FAILED
              ? "the signature is not valid"
              : "its validity could not be established");
    }
    if (qualification != null && QUALIFIED.contains(qualification)) {
      if (source.isEmpty() || source.get().list() == null) {
        return notQualified(noun, "no_trusted_list", "no trusted list in force names its issuer");
      }
      TrustSource list = source.get();
      if (!list.usable()) {
        return notQualified(
            noun,
            "list_not_usable",
            "the trusted list naming its issuer ("
                + list.url()
                + ") is past its next update or not validly signed");
      }
      if ("mk".equals(list.list())) {
        return new Regime(
            LegalRegime.MK_QUALIFIED.name(),
            LegalRegime.MK_QUALIFIED.template().formatted(noun, noun),
            null);
      }
      return new Regime(
          LegalRegime.EU_QUALIFIED.name(),
          LegalRegime.EU_QUALIFIED.template().formatted(noun, countryName(list.territory())),
          null);
    }
    if (qualification != null && QUALIFIED_CERTIFICATE.contains(qualification)) {
      return notQualified(
          noun,
          "advanced_qc",
          "an advanced electronic "
              + noun
              + " with a qualified certificate, not created with a qualified creation device");
    }
    return notQualified(
        noun, "advanced", "an advanced electronic " + noun + " without a qualified certificate");
  }

  private static Regime notQualified(String noun, String reason, String why) {
    return new Regime(
        LegalRegime.NOT_QUALIFIED.name(),
        LegalRegime.NOT_QUALIFIED.template().formatted(noun, why),
        reason);
  }

  private static TrustUsed trustUsed(TrustSnapshot snapshot, Instant now) {
    return new TrustUsed(
        snapshot.id(),
        snapshot.loadedAt().toString(),
        snapshot.lists().stream()
            .map(
                l ->
                    new ListUsed(
                        l.source(),
                        l.kind().name(),
                        l.territory().orElse(null),
                        l.url(),
                        l.sequenceNumber().orElse(null),
                        l.sha256().orElse(null),
                        l.issued().map(Instant::toString).orElse(null),
                        l.nextUpdate().map(Instant::toString).orElse(null),
                        l.usableAt(now),
                        l.lastGoodCopy(),
                        l.problem()
                            .or(
                                () ->
                                    l.expiredAt(now)
                                        ? Optional.of("past its next update")
                                        : Optional.empty())
                            .orElse(null)))
            .toList());
  }

  private static String countryName(String territory) {
    if (territory == null) {
      return "a member state";
    }
    String iso = "EL".equals(territory) ? "GR" : territory;
    return new Locale("", iso).getDisplayCountry(Locale.ENGLISH);
  }

  private static List<String> messages(List<Message> first, List<Message> second) {
    return Stream.of(first, second)
        .filter(l -> l != null)
        .flatMap(List::stream)
        .map(Message::getValue)
        .distinct()
        .toList();
  }

  private static String first(List<String> names) {
    return names == null || names.isEmpty() ? null : names.get(0);
  }

  private static String time(Date date) {
    return date == null ? null : date.toInstant().toString();
  }
}
