package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** Logins in progress in the {@code login-flows} and {@code national-requests} caches. */
@ApplicationScoped
public class InfinispanLoginFlowStore implements LoginFlowStore {
  private final StateCache flows;
  private final StateCache national;
  private final StateCodec codec;

  public InfinispanLoginFlowStore(StateCaches caches, StateCodec codec) {
    this.flows = caches.cache(Caches.LOGIN_FLOWS);
    this.national = caches.cache(Caches.NATIONAL_REQUESTS);
    this.codec = codec;
  }

  @Override
  public void admitNewLogin() {
    flows.refuseWhenFull();
  }

  @Override
  public void save(LoginFlow flow, Duration lifetime) {
    flows.put(flow.id(), codec.write(flow), lifetime);
  }

  @Override
  public Optional<LoginFlow> find(String id) {
    return flows.get(id).flatMap(text -> codec.read(text, LoginFlow.class));
  }

  @Override
  public Optional<LoginFlow> take(String id) {
    return flows.take(id).flatMap(text -> codec.read(text, LoginFlow.class));
  }

  @Override
  public void awaitNationalAnswer(
      String browser, String adapterId, String flowId, Duration lifetime) {
    national.put(key(browser, adapterId), flowId, lifetime);
  }

  @Override
  public Optional<String> takeNationalAnswer(String browser, String adapterId) {
    return national.take(key(browser, adapterId));
  }

  private static String key(String browser, String adapterId) {
    return SecretKeys.of(browser) + '\u0000' + adapterId;
  }
}
