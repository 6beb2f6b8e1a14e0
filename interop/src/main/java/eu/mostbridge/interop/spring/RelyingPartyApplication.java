package eu.mostbridge.interop.spring;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A relying party as a ministry would write it with Spring Boot: the OAuth 2.0 client starter, the
 * provider and the registration in application properties, Spring Security's defaults for
 * everything else (every page needs a login, OpenID Connect login by the one registration). Its one
 * page shows what Spring Security made of the login: the ID token's claims and the userinfo ones.
 */
@SpringBootApplication
@RestController
public class RelyingPartyApplication {
  public static void main(String[] args) {
    SpringApplication.run(RelyingPartyApplication.class, args);
  }

  /** The citizen as Spring Security sees them after the login. */
  @GetMapping("/")
  public Map<String, Object> citizen(@AuthenticationPrincipal OidcUser citizen) {
    Map<String, Object> seen = new TreeMap<>();
    seen.put("id_token", new TreeMap<>(citizen.getIdToken().getClaims()));
    seen.put(
        "userinfo",
        citizen.getUserInfo() == null
            ? Map.of()
            : new TreeMap<>(citizen.getUserInfo().getClaims()));
    return seen;
  }
}
