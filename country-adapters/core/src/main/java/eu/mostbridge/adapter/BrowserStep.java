package eu.mostbridge.adapter;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the browser goes next: a redirect (SAML HTTP-Redirect binding, OIDC authorization request)
 * or a form the page posts (SAML HTTP-POST binding). The broker renders it; the adapter does not
 * know about HTTP frameworks.
 */
public sealed interface BrowserStep {
  /** The target of the step. */
  URI target();

  /**
   * A 303 See Other to {@code location}.
   *
   * @param target the full URL, query included
   */
  record Redirect(URI target) implements BrowserStep {
    public Redirect {
      requireHttp(target);
    }
  }

  /**
   * A form POST to {@code action} with {@code fields}, submitted by script or by the citizen's
   * click where script does not run.
   *
   * @param target the form's action
   * @param fields the hidden fields in order (for example {@code SAMLRequest}, {@code RelayState})
   */
  record FormPost(URI target, Map<String, String> fields) implements BrowserStep {
    public FormPost {
      requireHttp(target);
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  private static void requireHttp(URI target) {
    Objects.requireNonNull(target, "target");
    String scheme = target.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("A browser step must go to an http(s) URL");
    }
  }
}
