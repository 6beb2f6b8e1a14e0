package eu.mostbridge.saml;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.NationalAnswer;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SAML HTTP-POST binding (SAML 2.0 Bindings, section 3.5), for requests Most sends and the
 * answers it receives: the signed message Base64-encoded in a form field, posted by the browser.
 * The broker renders the form with {@link eu.mostbridge.adapter.FormPostPage}.
 */
public final class PostBinding {
  private PostBinding() {}

  /**
   * The {@code SAMLResponse} the browser posted to our ACS (answers come by HTTP-POST only; a
   * repeated parameter is refused).
   */
  public static String postedResponse(NationalAnswer answer) throws AuthenticationFailure {
    if (!"POST".equals(answer.method())) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.MALFORMED_ANSWER, "SAML answers come by HTTP-POST only");
    }
    return answer
        .single("SAMLResponse")
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    AuthenticationFailure.Reason.MALFORMED_ANSWER, "No SAMLResponse was posted"));
  }

  /** The form that posts a signed request (and the relay state, if any) to the IdP. */
  public static BrowserStep.FormPost request(URI destination, byte[] signedXml, String relayState) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLRequest", Base64.getEncoder().encodeToString(signedXml));
    if (relayState != null) {
      fields.put("RelayState", relayState);
    }
    return new BrowserStep.FormPost(destination, fields);
  }
}
