package eu.mostbridge.saml;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The SAML HTTP-Redirect binding (SAML 2.0 Bindings, section 3.4): the message DEFLATE-compressed
 * (raw, no zlib header), Base64- and URL-encoded into the query, and signed over the exact query
 * string {@code SAMLRequest=…&RelayState=…&SigAlg=…} rather than with an XML signature.
 */
public final class RedirectBinding {
  private RedirectBinding() {}

  /** The URL to redirect the browser to, carrying the signed request. */
  public static URI encodeRequest(
      URI destination,
      byte[] xml,
      String relayState,
      BasicX509Credential signingKey,
      String signatureAlgorithm) {
    StringBuilder query = new StringBuilder("SAMLRequest=").append(urlEncode(deflate(xml)));
    if (relayState != null) {
      query.append("&RelayState=").append(urlEncode(relayState));
    }
    query.append("&SigAlg=").append(urlEncode(signatureAlgorithm));
    byte[] signature =
        sign(
            signingKey.getPrivateKey(),
            signatureAlgorithm,
            query.toString().getBytes(StandardCharsets.UTF_8));
    query.append("&Signature=").append(urlEncode(Base64.getEncoder().encodeToString(signature)));
    String base = destination.toString();
    return URI.create(base + (destination.getRawQuery() == null ? "?" : "&") + query);
  }

  /**
   * A message received over HTTP-Redirect: the parameters decoded, and the octets its signature
   * covers exactly as they arrived (never re-encoded: peers encode differently).
   *
   * @param message the {@code SAMLRequest} or {@code SAMLResponse} value, still Base64 of DEFLATE
   * @param relayState the relay state, if sent
   * @param signatureAlgorithm the {@code SigAlg}, if sent
   * @param signature the {@code Signature} (Base64), if sent
   * @param signedOctets {@code SAMLRequest=…[&RelayState=…]&SigAlg=…} as received (ASCII)
   */
  public record ReceivedQuery(
      String message,
      java.util.Optional<String> relayState,
      java.util.Optional<String> signatureAlgorithm,
      java.util.Optional<String> signature,
      String signedOctets) {

    /** Whether the signature verifies with {@code key} under the algorithm it names. */
    public boolean verifies(java.security.PublicKey key) {
      if (signatureAlgorithm.isEmpty() || signature.isEmpty()) {
        return false;
      }
      try {
        java.security.Signature verifier = jca(signatureAlgorithm.get());
        verifier.initVerify(key);
        verifier.update(signedOctets.getBytes(StandardCharsets.US_ASCII));
        // A '+' the sender left unencoded arrives decoded as a space; Base64 has no spaces.
        return verifier.verify(
            Base64.getDecoder().decode(withoutWhitespace(signature.get().replace(' ', '+'))));
      } catch (GeneralSecurityException | RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * Reads a raw query string ({@code URI.getRawQuery()}) carrying {@code parameter} ({@code
   * SAMLRequest}). Unknown parameters are ignored; a repeated one is refused, as is a query longer
   * than {@code maxLength}.
   */
  public static ReceivedQuery readQuery(String rawQuery, String parameter, int maxLength)
      throws MalformedSamlException {
    if (rawQuery == null || rawQuery.isEmpty()) {
      throw new MalformedSamlException("The query carries no " + parameter);
    }
    if (rawQuery.length() > maxLength) {
      throw new MalformedSamlException("The query is longer than " + maxLength + " characters");
    }
    java.util.Map<String, String> raw = new java.util.HashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      if (java.util.List.of(parameter, "RelayState", "SigAlg", "Signature").contains(name)
          && raw.put(name, value) != null) {
        throw new MalformedSamlException("The query repeats " + name);
      }
    }
    if (!raw.containsKey(parameter)) {
      throw new MalformedSamlException("The query carries no " + parameter);
    }
    StringBuilder signed = new StringBuilder(parameter).append('=').append(raw.get(parameter));
    if (raw.containsKey("RelayState")) {
      signed.append("&RelayState=").append(raw.get("RelayState"));
    }
    if (raw.containsKey("SigAlg")) {
      signed.append("&SigAlg=").append(raw.get("SigAlg"));
    }
    try {
      return new ReceivedQuery(
          decode(raw.get(parameter)),
          java.util.Optional.ofNullable(raw.get("RelayState")).map(RedirectBinding::decode),
          java.util.Optional.ofNullable(raw.get("SigAlg")).map(RedirectBinding::decode),
          java.util.Optional.ofNullable(raw.get("Signature")).map(RedirectBinding::decode),
          signed.toString());
    } catch (IllegalArgumentException e) {
      throw new MalformedSamlException("The query is not properly encoded");
    }
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** Base64 of the raw DEFLATE of {@code xml}. */
  static String deflate(byte[] xml) {
    Deflater deflater = new Deflater(Deflater.DEFLATED, true);
    try {
      deflater.setInput(xml);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  /**
   * Reverses {@link #deflate}, refusing to inflate beyond {@code maxBytes}: a few kilobytes of
   * DEFLATE can expand to gigabytes.
   */
  public static byte[] inflate(String base64, int maxBytes) throws MalformedSamlException {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(withoutWhitespace(base64));
    } catch (IllegalArgumentException e) {
      throw new MalformedSamlException("The message is not Base64");
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new MalformedSamlException("The DEFLATE data is truncated");
        }
        if (out.size() + n > maxBytes) {
          throw new MalformedSamlException("The message inflates beyond " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new MalformedSamlException("The message is not DEFLATE data");
    } finally {
      inflater.end();
    }
  }

  /**
   * Base64 text with line breaks and spaces removed (peers wrap lines); nothing else is skipped.
   */
  static String withoutWhitespace(String base64) {
    return base64.replaceAll("[\\r\\n\\t ]", "");
  }

  /** Signs the query string with the JCA form of an XML Signature algorithm URI. */
  static byte[] sign(PrivateKey key, String algorithm, byte[] data) {
    try {
      java.security.Signature signer = jca(algorithm);
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing the redirect query failed", e);
    }
  }

  /**
   * The JCA signature for an XML Signature algorithm URI. ECDSA uses the IEEE P1363 (r‖s) form XML
   * Signature prescribes, not DER.
   */
  static java.security.Signature jca(String algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case AlgorithmPolicy.RSA_PSS_SHA256 -> {
        return pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
      }
      case "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1" -> {
        return pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
      }
      case "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1" -> {
        return pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
      }
      case AlgorithmPolicy.ECDSA_SHA256 -> {
        return java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
      }
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" -> {
        return java.security.Signature.getInstance("SHA384withECDSAinP1363Format");
      }
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" -> {
        return java.security.Signature.getInstance("SHA512withECDSAinP1363Format");
      }
      case AlgorithmPolicy.RSA_SHA256 -> {
        return java.security.Signature.getInstance("SHA256withRSA");
      }
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" -> {
        return java.security.Signature.getInstance("SHA384withRSA");
      }
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" -> {
        return java.security.Signature.getInstance("SHA512withRSA");
      }
      case AlgorithmPolicy.RSA_SHA1 -> {
        return java.security.Signature.getInstance("SHA1withRSA");
      }
      default -> throw new GeneralSecurityException("Unsupported redirect signature " + algorithm);
    }
  }

  private static java.security.Signature pss(String digest, MGF1ParameterSpec mgf, int salt)
      throws GeneralSecurityException {
    java.security.Signature pss = java.security.Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec(digest, "MGF1", mgf, salt, 1));
    return pss;
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
