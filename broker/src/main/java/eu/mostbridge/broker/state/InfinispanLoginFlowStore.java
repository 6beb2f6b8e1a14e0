package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/** Logins in progress in the {@code login-flows} and {@code national-requests} caches. */
@ApplicationScoped
public class InfinispanLoginFlowStore implements LoginFlowStore {
  private final Cache<String, LoginFlow> flows;
  private final Cache<String, String> national;

  public InfinispanLoginFlowStore(EmbeddedCacheManager manager) {
    this.flows = manager.getCache(Caches.LOGIN_FLOWS);
    this.national = manager.getCache(Caches.NATIONAL_REQUESTS);
  }

  @Override
  public void save(LoginFlow flow, Duration lifetime) {
    flows.put(flow.id(), flow, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<LoginFlow> find(String id) {
    return Optional.ofNullable(flows.get(id));
  }

  @Override
  public Optional<LoginFlow> take(String id) {
    return Optional.ofNullable(flows.remove(id));
  }

  @Override
  public void awaitNationalAnswer(
      String browser, String adapterId, String flowId, Duration lifetime) {
    national.put(key(browser, adapterId), flowId, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<String> takeNationalAnswer(String browser, String adapterId) {
    return Optional.ofNullable(national.remove(key(browser, adapterId)));
  }

  private static String key(String browser, String adapterId) {
    return SecretKeys.of(browser) + '\u0000' + adapterId;
  }
}
