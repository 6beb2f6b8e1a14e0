package eu.mostbridge.saml.eidas;

/**
 * The names the eIDAS SAML profile v1.4 defines: namespaces, extension elements, entity attributes
 * and the natural-person attributes Most can assert.
 */
public final class EidasNames {
  private EidasNames() {}

  /** {@code eidas:}: NodeCountry, SPType, RequestedAttributes. */
  public static final String EXTENSIONS_NS = "http://eidas.europa.eu/saml-extensions";

  public static final String EXTENSIONS_PREFIX = "eidas";

  /** {@code eidas-natural:}: the value types of natural-person attributes. */
  public static final String NATURAL_PERSON_NS = "http://eidas.europa.eu/attributes/naturalperson";

  public static final String NATURAL_PERSON_PREFIX = "eidas-natural";

  /** The prefix of every natural-person attribute name. */
  public static final String NATURAL_PERSON_ATTRIBUTE = NATURAL_PERSON_NS + "/";

  /** The prefix of every legal-person attribute name. */
  public static final String LEGAL_PERSON_ATTRIBUTE =
      "http://eidas.europa.eu/attributes/legalperson/";

  /** The only NameFormat of eIDAS attributes. */
  public static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

  public static final String PROTOCOL_VERSION_ATTRIBUTE =
      "http://eidas.europa.eu/entity-attributes/protocol-version";
  public static final String APPLICATION_IDENTIFIER_ATTRIBUTE =
      "http://eidas.europa.eu/entity-attributes/application-identifier";
  public static final String ASSURANCE_CERTIFICATION_ATTRIBUTE =
      "urn:oasis:names:tc:SAML:attribute:assurance-certification";
  public static final String ENTITY_CATEGORY_ATTRIBUTE = "http://macedir.org/entity-category";

  /** The entity category by which a ProxyService asks connectors to send {@code RequesterID}. */
  public static final String REQUESTER_ID_CATEGORY =
      "http://eidas.europa.eu/entity-attributes/termsofaccess/requesterid";

  /** The version of the technical specifications Most implements. */
  public static final String PROTOCOL_VERSION = "1.4";

  /**
   * The natural-person attributes Most can assert, by their short (friendly) names. CurrentAddress
   * is not among them: the national eIDs give an unstructured text, the profile a structured type.
   */
  public enum NaturalPersonAttribute {
    PERSON_IDENTIFIER("PersonIdentifier", true),
    CURRENT_FAMILY_NAME("CurrentFamilyName", true),
    CURRENT_GIVEN_NAME("CurrentGivenName", true),
    DATE_OF_BIRTH("DateOfBirth", true),
    BIRTH_NAME("BirthName", false),
    PLACE_OF_BIRTH("PlaceOfBirth", false),
    GENDER("Gender", false),
    NATIONALITY("Nationality", false);

    private final String friendlyName;
    private final boolean minimumDataSet;

    NaturalPersonAttribute(String friendlyName, boolean minimumDataSet) {
      this.friendlyName = friendlyName;
      this.minimumDataSet = minimumDataSet;
    }

    /** The short name, as in {@code FriendlyName} and the value type ({@code <name>Type}). */
    public String friendlyName() {
      return friendlyName;
    }

    /** The full attribute name, {@code http://eidas.europa.eu/attributes/naturalperson/<name>}. */
    public String uri() {
      return NATURAL_PERSON_ATTRIBUTE + friendlyName;
    }

    /** Whether it belongs to the mandatory minimum data set of a natural person. */
    public boolean minimumDataSet() {
      return minimumDataSet;
    }

    /** The attribute of the full name {@code uri}, if Most supports it. */
    public static java.util.Optional<NaturalPersonAttribute> ofUri(String uri) {
      for (NaturalPersonAttribute attribute : values()) {
        if (attribute.uri().equals(uri)) {
          return java.util.Optional.of(attribute);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
