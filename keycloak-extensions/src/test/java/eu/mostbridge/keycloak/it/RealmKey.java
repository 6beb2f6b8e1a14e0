package eu.mostbridge.keycloak.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The realm's RSA 3072 signing key and its self-signed certificate, made with the JDK's keytool
 * before anything starts: Most is told the certificate that signs the realm's SAML metadata when it
 * starts, and the realm imports the key (Keycloak's "rsa" key provider) once it exists.
 *
 * @param privateKeyBase64 the private key, PKCS#8, as Keycloak's key provider takes it
 * @param certificateBase64 the certificate, DER in Base64, as Keycloak's key provider takes it
 * @param certificatePem the certificate as a PEM file, as Most takes it
 */
record RealmKey(String privateKeyBase64, String certificateBase64, Path certificatePem) {
  private static final char[] PASSWORD = "changeit".toCharArray();

  static RealmKey make(Path dir) throws Exception {
    Path store = dir.resolve("realm-signing.p12");
    Files.deleteIfExists(store);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD),
                "-alias",
                "realm",
                "-keyalg",
                "RSA",
                "-keysize",
                "3072",
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=cross-border realm",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    PrivateKey key = (PrivateKey) keys.getKey("realm", PASSWORD);
    X509Certificate certificate = (X509Certificate) keys.getCertificate("realm");
    String certificate64 = Base64.getEncoder().encodeToString(certificate.getEncoded());
    Path pem = dir.resolve("realm-signing.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    return new RealmKey(Base64.getEncoder().encodeToString(key.getEncoded()), certificate64, pem);
  }
}
