package eu.mostbridge.simulator.eidas;

/**
 * Faults the simulated ProxyService can be told to commit, so tests prove Most's connector refuses
 * each (and accepts the variants the profile allows).
 */
public enum ProxyServiceMisbehaviour {
  /** Encrypt the assertion with Triple DES (CBC). */
  TRIPLE_DES,
  /** Transport the key with RSA PKCS#1 v1.5, to Most's RSA encryption key. */
  RSA_1_5,
  /** Transport the key with {@code rsa-oaep-mgf1p}, to Most's RSA encryption key. */
  RSA_OAEP_MGF1P,
  /** Transport the key with xmlenc11 {@code rsa-oaep}, to Most's RSA key (accepted). */
  RSA_OAEP,
  /** Leave the Response unsigned (its assertion still signed). */
  UNSIGNED_RESPONSE,
  /** Sign with a key that is not in the ProxyService's metadata. */
  WRONG_SIGNING_KEY,
  /** A PersonIdentifier whose first two letters name another country. */
  WRONG_PERSON_IDENTIFIER_PREFIX,
  /** A PersonIdentifier made for another destination country. */
  WRONG_PERSON_IDENTIFIER_DESTINATION,
  /** Address the assertion to another audience. */
  WRONG_AUDIENCE,
  /** Two encrypted assertions in one Response. */
  TWO_ASSERTIONS,
  /** Mark the native-script names with the unqualified {@code LatinScript} (accepted). */
  LATIN_SCRIPT_UNQUALIFIED,
  /** Send the native-script names only, without their Latin transliteration. */
  NO_LATIN_TRANSLITERATION,
  /** Answer with the lowest level it publishes, whatever was asked. */
  LOWER_LEVEL,
  /** Answer with a level its metadata does not publish. */
  UNPUBLISHED_LEVEL,
  /** Answer with time limits already past. */
  EXPIRED,
  /** Leave out DateOfBirth. */
  MISSING_DATE_OF_BIRTH,
  /** Write DateOfBirth in a national format rather than as an xsd:date. */
  MALFORMED_DATE_OF_BIRTH,
  /** A Gender the profile does not know. */
  MALFORMED_GENDER
}
