package eu.mostbridge.broker.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.connector.Connectors;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.PostalAddress;
import eu.mostbridge.identity.ScriptTag;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Turns what the broker keeps between requests (login flows, codes, access grants, pushed requests)
 * into JSON text and back. Every cache holds plain strings, so the same entries cross a JGroups
 * cluster, a rolling upgrade and a remote Infinispan Server without a marshaller of Most's own
 * classes, and an entry a newer version cannot read is refused, not half-read.
 *
 * <p>A client is stored as its id and looked up again when read: a registration removed from the
 * clients file while a login was in flight ends that login instead of completing it with settings
 * the operator withdrew. A connector likewise. Identities go through {@link CommonIdentity}'s own
 * builder, so a stored identity passes the same checks as one fresh from a national eID.
 */
@ApplicationScoped
public class StateCodec {
  private final ObjectMapper json;

  /** A codec for OpenID Connect logins only (tests). */
  public StateCodec(ClientRegistry clients) {
    this(clients, Connectors.of(java.util.List.of()));
  }

  @jakarta.inject.Inject
  public StateCodec(ClientRegistry clients, Connectors connectors) {
    SimpleModule most = new SimpleModule("most-state");
    byId(most, ClientRegistration.class, ClientRegistration::id, clients::find, "client");
    byId(
        most,
        ConnectorRegistration.class,
        ConnectorRegistration::id,
        connectors::byId,
        "connector");
    most.addSerializer(
        LoginFlow.class,
        new StdDelegatingSerializer(
            new StdConverter<LoginFlow, StoredLogin>() {
              @Override
              public StoredLogin convert(LoginFlow flow) {
                return StoredLogin.of(flow);
              }
            }));
    most.addDeserializer(
        LoginFlow.class,
        new StdDelegatingDeserializer<>(
            new StdConverter<StoredLogin, LoginFlow>() {
              @Override
              public LoginFlow convert(StoredLogin stored) {
                return stored.toFlow();
              }
            }));
    most.addSerializer(CommonIdentity.class, new IdentityWriter());
    most.addDeserializer(CommonIdentity.class, new IdentityReader());
    this.json =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(most)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
  }

  /** The stored form of {@code value}. */
  public String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store a " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * The value stored as {@code text}, or empty when it cannot be read (written by an incompatible
   * version, or naming a client no longer registered): the caller treats it as gone.
   */
  public <T> Optional<T> read(String text, Class<T> type) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(text, type));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stores a registration of {@code type} as its id and looks it up again when read: one no longer
   * configured makes the entry unreadable, so the login holding it ends.
   */
  private static <T> void byId(
      SimpleModule module,
      Class<T> type,
      java.util.function.Function<T, String> id,
      java.util.function.Function<String, Optional<T>> lookup,
      String what) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator out, SerializerProvider p)
              throws IOException {
            out.writeString(id.apply(value));
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return lookup
                .apply(in.getValueAsString())
                .orElseThrow(
                    () -> new IOException("The stored " + what + " is no longer configured"));
          }
        });
  }

  private static final class IdentityWriter extends JsonSerializer<CommonIdentity> {
    @Override
    public void serialize(CommonIdentity identity, JsonGenerator out, SerializerProvider p)
        throws IOException {
      out.writeStartObject();
      out.writeStringField("personIdentifier", identity.personIdentifier().toEidasForm());
      writeName(out, "familyName", identity.familyName());
      writeName(out, "givenName", identity.givenName());
      out.writeStringField("dateOfBirth", identity.dateOfBirth().toString());
      if (identity.gender().isPresent()) {
        out.writeStringField("gender", identity.gender().get().name());
      }
      if (identity.birthFamilyName().isPresent()) {
        writeName(out, "birthFamilyName", identity.birthFamilyName().get());
      }
      if (identity.placeOfBirth().isPresent()) {
        out.writeStringField("placeOfBirth", identity.placeOfBirth().get());
      }
      if (identity.currentAddress().isPresent()) {
        out.writeStringField("currentAddress", identity.currentAddress().get().formatted());
      }
      out.writeArrayFieldStart("nationalities");
      for (CountryCode country : identity.nationalities()) {
        out.writeString(country.alpha2());
      }
      out.writeEndArray();
      out.writeStringField("levelOfAssurance", identity.levelOfAssurance().name());
      out.writeStringField("originCountry", identity.originCountry().alpha2());
      out.writeStringField("authenticationInstant", identity.authenticationInstant().toString());
      out.writeEndObject();
    }

    private static void writeName(JsonGenerator out, String field, PersonName name)
        throws IOException {
      out.writeObjectFieldStart(field);
      out.writeStringField("latin", name.latin());
      if (name.nativeForm().isPresent() && name.nativeScript().isPresent()) {
        ScriptTag script = name.nativeScript().get();
        out.writeStringField("native", name.nativeForm().get());
        out.writeStringField("language", script.language());
        out.writeStringField("scriptSubtag", script.scriptSubtag());
        out.writeStringField("script", script.script().name());
      }
      out.writeEndObject();
    }
  }

  private static final class IdentityReader extends JsonDeserializer<CommonIdentity> {
    @Override
    public CommonIdentity deserialize(JsonParser in, DeserializationContext context)
        throws IOException {
      JsonNode node = in.readValueAsTree();
      CommonIdentity.Builder b =
          CommonIdentity.builder()
              .personIdentifier(PersonIdentifier.parse(text(node, "personIdentifier")))
              .familyName(name(node.get("familyName")))
              .givenName(name(node.get("givenName")))
              .dateOfBirth(LocalDate.parse(text(node, "dateOfBirth")))
              .levelOfAssurance(LevelOfAssurance.valueOf(text(node, "levelOfAssurance")))
              .originCountry(CountryCode.of(text(node, "originCountry")))
              .authenticationInstant(Instant.parse(text(node, "authenticationInstant")));
      if (node.hasNonNull("gender")) {
        b.gender(Gender.valueOf(text(node, "gender")));
      }
      if (node.hasNonNull("birthFamilyName")) {
        b.birthFamilyName(name(node.get("birthFamilyName")));
      }
      if (node.hasNonNull("placeOfBirth")) {
        b.placeOfBirth(text(node, "placeOfBirth"));
      }
      if (node.hasNonNull("currentAddress")) {
        b.currentAddress(new PostalAddress(text(node, "currentAddress")));
      }
      for (JsonNode country : node.path("nationalities")) {
        b.nationality(CountryCode.of(country.asText()));
      }
      return b.build();
    }

    private static PersonName name(JsonNode node) throws IOException {
      if (!(node instanceof ObjectNode)) {
        throw new IOException("A stored name is missing");
      }
      if (!node.hasNonNull("native")) {
        return PersonName.latinOnly(text(node, "latin"));
      }
      return PersonName.of(
          text(node, "latin"),
          text(node, "native"),
          new ScriptTag(
              text(node, "language"),
              text(node, "scriptSubtag"),
              Character.UnicodeScript.valueOf(text(node, "script"))));
    }

    private static String text(JsonNode node, String field) throws IOException {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw new IOException("The stored field " + field + " is missing");
      }
      return value.asText();
    }
  }
}
