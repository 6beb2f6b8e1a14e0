package eu.mostbridge.mk.eid;

/**
 * How Most talks to eid.mk. The only public statement on the matter (sledimereformi.mk, "што е
 * СЕН", docs/adapters/MK-EID.md) lists "Open ID 2.0, SAML 2.0, WS Federation, OAuth 2.0": OpenID
 * 2.0, not OpenID Connect, so SAML is the likelier route and Most's default.
 */
public enum EidMkBinding {
  /** SAML 2.0 web browser SSO with Most's assumed eIDAS-style profile (the default). */
  SAML,
  /** OpenID Connect, should eid.mk offer it. */
  OIDC;

  /** Most's assumed claim or attribute profile for this binding. */
  public EidMkProfile assumedProfile() {
    return this == SAML ? EidMkProfile.assumedSamlDefault() : EidMkProfile.assumedDefault();
  }
}
