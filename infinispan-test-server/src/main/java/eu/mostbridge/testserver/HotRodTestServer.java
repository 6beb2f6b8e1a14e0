package eu.mostbridge.testserver;

import java.security.Security;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.globalstate.ConfigurationStorage;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.server.core.admin.embeddedserver.EmbeddedServerAdminOperationHandler;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.infinispan.server.core.security.sasl.SaslAuthenticator;
import org.infinispan.server.hotrod.HotRodServer;
import org.infinispan.server.hotrod.configuration.HotRodServerConfigurationBuilder;
import org.wildfly.security.sasl.scram.WildFlyElytronSaslScramProvider;

/**
 * A single, non-clustered Hot Rod endpoint on 127.0.0.1 for tests: {@code java -cp 'lib/*:...'
 * eu.mostbridge.testserver.HotRodTestServer <port> <state directory> [<PKCS#12 key store> <its
 * password> <user> <password>]}. With the last four it runs as production's Infinispan Server
 * does: TLS with that key, and SCRAM-SHA-512 authentication of that one user; without them, in
 * plain text without authentication. Clients may create caches (the admin operations Infinispan
 * Server offers). Prints "READY <port>" once it accepts connections, and stops when its standard
 * input closes.
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
    HotRodServerConfigurationBuilder configuration =
        new HotRodServerConfigurationBuilder()
            .host("127.0.0.1")
            .port(port)
            .adminOperationsHandler(new EmbeddedServerAdminOperationHandler());
    if (args.length >= 6) {
      configuration
          .ssl()
          .enable()
          .keyStoreFileName(args[2])
          .keyStoreType("PKCS12")
          .keyStorePassword(args[3].toCharArray());
      // The SCRAM mechanisms, as Infinispan Server has them from Elytron.
      Security.addProvider(WildFlyElytronSaslScramProvider.getInstance());
      SaslAuthenticator users = new OneUser(args[4], args[5].toCharArray());
      configuration
          .authentication()
          .enable()
          .sasl()
          .addAllowedMech("SCRAM-SHA-512")
          .serverName("infinispan")
          .authenticator(users);
    }
    HotRodServer server = new HotRodServer();
    server.start(configuration.build(), manager);
    System.out.println("READY " + server.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until the test closes standard input (or kills the process).
    }
    server.stop();
    manager.stop();
  }

  /**
   * SASL for one user with a clear password, as the SCRAM mechanism asks for it: the name first,
   * then its password, in calls of their own.
   */
  private static final class OneUser implements SaslAuthenticator {
    private final String user;
    private final char[] password;

    OneUser(String user, char[] password) {
      this.user = user;
      this.password = password.clone();
    }

    @Override
    public SaslServer createSaslServer(
        String mechanism,
        List<java.security.Principal> principals,
        String protocol,
        String serverName,
        Map<String, String> properties)
        throws SaslException {
      String[] name = new String[1];
      return Sasl.createSaslServer(
          mechanism,
          protocol,
          serverName,
          properties,
          callbacks -> {
            for (Callback callback : callbacks) {
              if (callback instanceof NameCallback n) {
                name[0] = n.getDefaultName();
                n.setName(name[0]);
              } else if (callback instanceof PasswordCallback p) {
                if (!user.equals(name[0])) {
                  throw new AuthenticationException("No such user");
                }
                p.setPassword(password.clone());
              } else if (callback instanceof RealmCallback r) {
                r.setText(r.getDefaultText());
              } else if (callback instanceof AuthorizeCallback a) {
                a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID()));
              } else {
                throw new UnsupportedCallbackException(callback);
              }
            }
          });
    }
  }
}
