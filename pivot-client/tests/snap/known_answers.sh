#!/usr/bin/env bash
# Prints the SNAP known answers of tests/snap.rs from openssl, on the test
# key of this folder (made once with
# `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out test_key.pem`;
# a test key, never used anywhere else).
set -euo pipefail
cd "$(dirname "$0")"
timestamp='2025-06-24T16:49:13+07:00'

# X-SIGNATURE of the B2B / B2B2C token calls: SHA256withRSA(key, clientId|timestamp), base64.
printf '%s' "client-7f3a|$timestamp" | openssl dgst -sha256 -sign test_key.pem | base64 -w0
echo

# X-SIGNATURE of a wallet call: HMAC-SHA512(clientSecret, METHOD:path:token:hex(sha256(minified body)):timestamp).
body='{"partnerReferenceNo":"2025062416491300001","additionalInfo":{}}'
hash=$(printf '%s' "$body" | openssl dgst -sha256 | awk '{print $2}')
sts="POST:/wallet-backend/snap/v1.0/balance-inquiry:b2b-token-123:$hash:$timestamp"
printf '%s' "$sts" | openssl dgst -sha512 -hmac 'wallet-secret-456' -binary | base64 -w0
echo
printf '%s' "$sts" | openssl dgst -sha512 -hmac 'wallet-secret-456' | awk '{print $2}'
