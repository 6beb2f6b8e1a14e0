#!/bin/sh
# Makes the keys and secrets of the production-like compose stack (compose.yaml, profile
# "production") under deploy/compose/: a TLS certificate for https://localhost:8443, an RSA-3072
# ID token signing key (RS256, the algorithm OpenID Connect requires) as PEM, and the two identifier secrets. For trying Most out only:
# in production the keys come from your PKI and a secret store (docs/DEPLOYMENT.md).
set -eu
cd "$(dirname "$0")"
mkdir -p secrets
openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout secrets/tls.key -out secrets/tls.crt 2>/dev/null
openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj /CN=most-signing \
  -keyout secrets/signing.key -out secrets/signing.crt 2>/dev/null
cat secrets/signing.key secrets/signing.crt > secrets/signing.pem
rm secrets/signing.key
{
  echo "MOST_SECRETS_PAIRWISE_KEY=$(openssl rand -base64 32)"
  echo "MOST_SECRETS_PSEUDONYM_KEY=$(openssl rand -base64 32)"
} > identifier-secrets.env
# The container runs as user 185: it must read the files.
chmod 644 secrets/* identifier-secrets.env
echo "Made deploy/compose/secrets/ and deploy/compose/identifier-secrets.env"
