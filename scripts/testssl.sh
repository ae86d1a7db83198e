#!/usr/bin/env bash
# Runs testssl.sh (Debian package `testssl.sh`) against the mTLS secure-tools listener on loopback and prints the
# protocol and cipher summary that docs/security.md quotes. The listener must be running (`npm start`; it listens
# on CLIENT_TLS_PORT, default 3443). It asks for a client certificate but does not require one for the handshake
# (a missing certificate gets a 401 problem over HTTP), so testssl.sh can probe it without one.
#   scripts/testssl.sh [host:port]   (default 127.0.0.1:${CLIENT_TLS_PORT:-3443})
set -euo pipefail
target="${1:-127.0.0.1:${CLIENT_TLS_PORT:-3443}}"
case "$target" in
  127.*|localhost:*|\[::1\]:*) ;;
  *) echo "refusing $target: this script only probes loopback" >&2; exit 2 ;;
esac
bin="$(command -v testssl || command -v testssl.sh || true)"
[ -n "$bin" ] || { echo 'install testssl.sh: apt-get install -y testssl.sh' >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# -p protocols, -s cipher categories, -f forward secrecy; --ip one: the loopback address only.
"$bin" --quiet --color 0 --warnings off --ip one -p -s -f "$target" >"$out/full.txt" || true
summary="$(grep -E '^ (SSLv2|SSLv3|TLS 1(\.[0-3])?) |NULL|Export ciphers|LOW:|Triple DES|Obsolete CBC|Strong encryption|PFS is offered|Elliptic curves' "$out/full.txt")"
echo "$summary"
# Fail when an old protocol or a weak cipher category is offered.
old="$(echo "$summary" | grep -E '^ (SSLv2|SSLv3|TLS 1 |TLS 1\.1)' | grep -v 'not offered' || true)"
weak="$(echo "$summary" | grep -E 'NULL|Export|LOW:|Triple DES|Obsolete CBC' | grep -v 'not offered' || true)"
if [ -n "$old$weak" ] || ! echo "$summary" | grep -q 'TLS 1.3 .*offered'; then
  echo "FAIL: $old $weak" >&2
  exit 1
fi
echo "OK: $target offers TLS 1.2/1.3 only and no weak cipher category"
