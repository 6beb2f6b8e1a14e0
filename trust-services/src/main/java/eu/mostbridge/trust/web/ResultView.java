package eu.mostbridge.trust.web;

import eu.mostbridge.trust.validation.SignerIdentifier;
import eu.mostbridge.trust.validation.ValidationSummary;
import eu.mostbridge.trust.validation.ValidationSummary.SignatureSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A validation as the page and the PDF summary say it, in the reader's language: one verdict per
 * signature in plain words, and the details DSS gave.
 */
public record ResultView(
    String documentName,
    String documentSha256,
    String validationTime,
    String signatureCount,
    List<SignatureView> signatures,
    List<ListView> lists,
    String snapshot) {

  /** One signature. */
  public record SignatureView(
      String heading,
      String verdict,
      String tone,
      String explanation,
      String signer,
      String identifier,
      String signingTime,
      String bestSignatureTime,
      String format,
      String qualification,
      String indication,
      String subIndication,
      String trustSource,
      List<String> errors,
      List<String> warnings) {}

  /** One trusted list of the snapshot. */
  public record ListView(String name, String detail, boolean usable) {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** The summary in the texts' language. */
  public static ResultView of(ValidationSummary summary, Texts t) {
    List<SignatureView> signatures = new ArrayList<>();
    int n = summary.signatures().size();
    for (int i = 0; i < n; i++) {
      signatures.add(signature(summary.signatures().get(i), i + 1, n, t));
    }
    List<ListView> lists =
        summary.trust().lists().stream()
            .map(
                l ->
                    new ListView(
                        "EU".equals(l.territory())
                            ? t.format("list_lotl")
                            : t.format("list_of", t.country(l.territory())),
                        t.format(
                                "list_detail",
                                l.sequenceNumber() == null ? "?" : l.sequenceNumber(),
                                l.nextUpdate() == null ? "?" : time(l.nextUpdate()),
                                l.sha256() == null ? "?" : l.sha256())
                            + (l.lastGoodCopy() ? " " + t.format("list_last_good_copy") : "")
                            + (l.usable() ? "" : " " + t.format("list_not_usable")),
                        l.usable()))
            .toList();
    return new ResultView(
        summary.documentName(),
        summary.documentSha256(),
        time(summary.validationTime()),
        t.format(n == 1 ? "one_signature" : "n_signatures", n),
        signatures,
        lists,
        summary.trust().snapshot());
  }

  private static SignatureView signature(SignatureSummary s, int index, int count, Texts t) {
    String regime = s.legalRegime().code();
    String verdict;
    String tone;
    String explanation;
    if ("TOTAL_PASSED".equals(s.indication()) && "EU_QUALIFIED".equals(regime)) {
      verdict = t.format("verdict_eu");
      tone = "ok";
      explanation =
          t.format(
              "regime_EU_QUALIFIED",
              s.trustSource() == null ? "" : t.country(s.trustSource().territory()));
    } else if ("TOTAL_PASSED".equals(s.indication()) && "MK_QUALIFIED".equals(regime)) {
      verdict = t.format("verdict_mk");
      tone = "ok";
      explanation = t.format("regime_MK_QUALIFIED");
    } else {
      if ("TOTAL_PASSED".equals(s.indication())) {
        verdict = t.format("verdict_valid_not_qualified");
        tone = "partial";
      } else if ("TOTAL_FAILED".equals(s.indication())) {
        verdict = t.format("verdict_failed");
        tone = "bad";
      } else {
        verdict = t.format("verdict_indeterminate");
        tone = "unknown";
      }
      explanation = t.format("reason_" + s.legalRegime().reason());
    }
    return new SignatureView(
        t.format("signature_n", index, count),
        verdict,
        tone,
        explanation,
        s.signer() == null ? null : s.signer().name(),
        s.signer() == null ? null : identifier(s.signer().identifier(), t),
        time(s.signingTime()),
        time(s.bestSignatureTime()),
        s.signatureFormat(),
        s.qualification(),
        s.indication(),
        s.subIndication() == null
            ? null
            : s.subIndication()
                + " — "
                + t.orElse("sub_" + s.subIndication(), t.format("sub_other")),
        s.trustSource() == null
            ? t.format("no_trust_source")
            : t.format(
                "trust_source_detail",
                "mk".equals(s.trustSource().list())
                    ? t.format("list_of", t.country("MK"))
                    : t.format("list_of", t.country(s.trustSource().territory())),
                s.trustSource().sequenceNumber() == null ? "?" : s.trustSource().sequenceNumber(),
                s.trustSource().serviceProvider() == null ? "" : s.trustSource().serviceProvider()),
        s.errors(),
        s.warnings());
  }

  private static String identifier(SignerIdentifier id, Texts t) {
    if (id == null) {
      return null;
    }
    if (id.scheme() == null) {
      return id.etsi();
    }
    return id.etsi()
        + " ("
        + (Boolean.TRUE.equals(id.checked())
            ? t.format("identifier_checked", t.orElse("scheme_" + id.scheme(), id.scheme()))
            : t.format("identifier_invalid", t.orElse("scheme_" + id.scheme(), id.scheme())))
        + ")";
  }

  private static String time(String iso) {
    return iso == null ? null : TIME.format(Instant.parse(iso));
  }
}
