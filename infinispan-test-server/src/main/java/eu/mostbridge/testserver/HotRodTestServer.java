package eu.mostbridge.testserver;

import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.globalstate.ConfigurationStorage;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.server.core.admin.embeddedserver.EmbeddedServerAdminOperationHandler;
import org.infinispan.server.hotrod.HotRodServer;
import org.infinispan.server.hotrod.configuration.HotRodServerConfigurationBuilder;

/**
 * A single, non-clustered Hot Rod endpoint on 127.0.0.1 for tests: {@code java -cp 'lib/*:...'
 * eu.mostbridge.testserver.HotRodTestServer <port> <state directory>}. Clients may create caches (the admin
 * operations Infinispan Server offers). Prints "READY <port>" once it accepts connections, and
 * stops when its standard input closes.
 */
public final class HotRodTestServer {
  private HotRodTestServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    // Caches clients create are kept, as Infinispan Server keeps them, across a restart.
    global
        .globalState()
        .enable()
        .persistentLocation(args[1])
        .configurationStorage(ConfigurationStorage.OVERLAY);
    DefaultCacheManager manager = new DefaultCacheManager(global.build());
    HotRodServer server = new HotRodServer();
    server.start(
        new HotRodServerConfigurationBuilder()
            .host("127.0.0.1")
            .port(port)
            .adminOperationsHandler(new EmbeddedServerAdminOperationHandler())
            .build(),
        manager);
    System.out.println("READY " + server.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until the test closes standard input (or kills the process).
    }
    server.stop();
    manager.stop();
  }
}
