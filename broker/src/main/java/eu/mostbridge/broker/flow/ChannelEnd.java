package eu.mostbridge.broker.flow;

import eu.mostbridge.identity.CommonIdentity;
import jakarta.ws.rs.core.Response;

/**
 * A front's way of ending its logins: one bean per kind of {@link ReturnChannel}, found by {@link
 * ReturnChannels}.
 */
public interface ChannelEnd {
  /** The kind of channel this end answers through. */
  Class<? extends ReturnChannel> channel();

  /**
   * Why {@code identity} cannot be answered through this channel, checked before the citizen's
   * consent is acted on; empty when it can. The login then ends with that refusal, audited and
   * counted as one.
   */
  default java.util.Optional<LoginRefusal> refusalOf(LoginFlow flow, CommonIdentity identity) {
    return java.util.Optional.empty();
  }

  /**
   * Makes what the citizen's consent hands out (an OpenID Connect code, a signed assertion) and
   * stores it, before the login ends: the answer is shown only once the end is certain.
   *
   * @param method the national eID that identified the citizen
   * @return the answer, for the browser, once the login has ended
   */
  Response prepare(LoginFlow flow, CommonIdentity identity, String method);

  /**
   * Records what was handed out, once the login has ended with the citizen's consent and its answer
   * is about to be shown (never for an answer that another submit's end made void).
   */
  default void delivered(LoginFlow flow, CommonIdentity identity) {}

  /** The answer that ends {@code flow} with {@code refusal}, for the browser. */
  Response refuse(LoginFlow flow, LoginRefusal refusal);
}
