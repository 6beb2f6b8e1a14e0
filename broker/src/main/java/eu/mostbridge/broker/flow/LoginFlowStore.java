package eu.mostbridge.broker.flow;

import java.time.Duration;
import java.util.Optional;

/**
 * Where logins in progress are kept between the browser's requests. Any replica may serve any step,
 * so this is shared state, never a field of a bean.
 */
public interface LoginFlowStore {
  /**
   * Refuses a new login (with the state's 503) when this replica already holds its bound of logins
   * in flight, before anything of it is stored.
   */
  void admitNewLogin();

  /** Stores {@code flow}, replacing its earlier version; it expires after {@code lifetime}. */
  void save(LoginFlow flow, Duration lifetime);

  Optional<LoginFlow> find(String id);

  /** Removes and returns the flow, atomically: of two concurrent takes, one gets it. */
  Optional<LoginFlow> take(String id);

  /**
   * Notes that this browser awaits the answer of national eID {@code adapterId} for {@code flowId}.
   * National answers come back to one callback URL per eID, without our flow id; the browser's
   * cookie finds the flow.
   */
  void awaitNationalAnswer(String browser, String adapterId, String flowId, Duration lifetime);

  /**
   * The flow awaiting {@code adapterId}'s answer in this browser, removed so it is answered once.
   */
  Optional<String> takeNationalAnswer(String browser, String adapterId);
}
