package eu.mostbridge.trust.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to one validation, as the API returns it in JSON and the page shows it: DSS's own
 * indications and Most's reading of them (who signed, under which law the signature is qualified,
 * and the trust snapshot that decided it), with the ETSI TS 119 102-2 report beside.
 *
 * @param indication the document's indication: {@code TOTAL_PASSED} when every signature passed,
 *     {@code TOTAL_FAILED} when one failed, else {@code INDETERMINATE}
 * @param validationTime when it was validated (ISO 8601)
 * @param documentName the file's name as sent
 * @param documentSha256 the SHA-256 of the file as sent, hexadecimal
 * @param containerType ASiC-S or ASiC-E for a container
 * @param signatures each signature found
 * @param trust the trusted lists used, by sequence number and digest
 * @param etsiValidationReport the ETSI TS 119 102-2 validation report (XML)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationSummary(
    String indication,
    String validationTime,
    String documentName,
    String documentSha256,
    String containerType,
    List<SignatureSummary> signatures,
    TrustUsed trust,
    String etsiValidationReport) {

  /**
   * One signature.
   *
   * @param id DSS's identifier of the signature, as in the reports
   * @param indication TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE
   * @param subIndication why it did not pass (ETSI EN 319 102-1), e.g. HASH_FAILURE
   * @param signatureFormat DSS's signature level, e.g. {@code PAdES_BASELINE_LT}
   * @param signingTime the time the signer claims
   * @param bestSignatureTime the time a time-stamp proves the signature existed by (none without)
   * @param signer who signed, from the signing certificate
   * @param qualification DSS's qualification, e.g. {@code QESig}
   * @param trustSource the list whose service the signing certificate's issuer is
   * @param legalRegime the law under which the signature is qualified, in words
   * @param errors DSS's errors
   * @param warnings DSS's warnings
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SignatureSummary(
      String id,
      String indication,
      String subIndication,
      String signatureFormat,
      String signingTime,
      String bestSignatureTime,
      Signer signer,
      String qualification,
      TrustSource trustSource,
      Regime legalRegime,
      List<String> errors,
      List<String> warnings) {}

  /**
   * The signer, from the signing certificate's subject.
   *
   * @param name the common name
   * @param identifier the subject's serial number read as a person's identifier, when it is one
   * @param issuer the issuing CA's common name
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Signer(
      String name,
      String givenName,
      String surname,
      String country,
      String organization,
      SignerIdentifier identifier,
      String issuer) {}

  /**
   * The list that makes the signature what it is.
   *
   * @param list {@code eu} (through the EU list of trusted lists) or {@code mk} (North Macedonia's)
   * @param territory the list's country
   * @param url the list's URL
   * @param sequenceNumber the sequence number of the copy used
   * @param sha256 the digest of the copy used
   * @param serviceProvider the trust service provider's name
   * @param serviceName the trust service's name
   * @param usable whether the list was in force (signed, not past its next update) at validation
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrustSource(
      String list,
      String territory,
      String url,
      Integer sequenceNumber,
      String sha256,
      String serviceProvider,
      String serviceName,
      boolean usable) {}

  /**
   * The legal regime.
   *
   * @param code EU_QUALIFIED, MK_QUALIFIED or NOT_QUALIFIED
   * @param text the same in plain words (English; the page says it in bg, mk and en)
   * @param reason for NOT_QUALIFIED, why (a code: {@code not_valid}, {@code advanced}, {@code
   *     advanced_qc}, {@code list_not_usable}, {@code no_trusted_list})
   */
  public record Regime(String code, String text, String reason) {}

  /**
   * The trusted lists of the snapshot used.
   *
   * @param snapshot the snapshot's name
   * @param loadedAt when it was read
   * @param lists every list in it
   */
  public record TrustUsed(String snapshot, String loadedAt, List<ListUsed> lists) {}

  /** One list of the snapshot. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListUsed(
      String source,
      String kind,
      String territory,
      String url,
      Integer sequenceNumber,
      String sha256,
      String issued,
      String nextUpdate,
      boolean usable,
      boolean lastGoodCopy,
      String problem) {}
}
