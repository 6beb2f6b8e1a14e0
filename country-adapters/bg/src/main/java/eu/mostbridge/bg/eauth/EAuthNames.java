package eu.mostbridge.bg.eauth;

/** The names eAuth v2 defines: its extension namespace and its attribute names. */
public final class EAuthNames {
  /** Namespace of the AuthnRequest extension (eAuth 2.0 XSD). */
  public static final String EXTENSION_NS = "urn:bg:egov:eauth:2.0:saml:ext";

  public static final String EXTENSION_PREFIX = "egovbga";

  private static final String ATTRIBUTE = "urn:egov:bg:eauth:2.0:attributes:";
  public static final String PERSON_IDENTIFIER = ATTRIBUTE + "personIdentifier";
  public static final String PERSON_NAME = ATTRIBUTE + "personName";
  public static final String LATIN_NAME = ATTRIBUTE + "latinName";
  public static final String BIRTH_NAME = ATTRIBUTE + "birthName";
  public static final String EMAIL = ATTRIBUTE + "email";
  public static final String PHONE = ATTRIBUTE + "phone";
  public static final String GENDER = ATTRIBUTE + "gender";
  public static final String DATE_OF_BIRTH = ATTRIBUTE + "dateOfBirth";
  public static final String PLACE_OF_BIRTH = ATTRIBUTE + "placeOfBirth";
  public static final String RESIDENCE_ADDRESS = ATTRIBUTE + "canonicalResidenceAddress";

  /** The NameFormat eAuth requests use in RequestedAttribute. */
  public static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

  private EAuthNames() {}
}
