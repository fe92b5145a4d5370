#!/usr/bin/env bash
# install-packages.sh PACKAGE… — installs the Debian packages that are missing, and only those.
#
# `apt-get update` runs only when a package is missing and apt does not know it yet. Installing
# dovecot must never start the system Dovecot on ports 143/993: a temporary policy-rc.d forbids
# service starts during the install, unless the machine already has one.
set -euo pipefail

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "[install] missing Debian packages: ${missing[*]}; run as root or install them first" >&2
  exit 1
fi

echo "[install] installing ${missing[*]}" >&2
policy_added=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  policy_added=1
fi
trap '[ $policy_added -eq 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT

for p in "${missing[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    break
  fi
done
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2

# The servers installed here (Dovecot, Cyrus, spamd) are only run privately by the project's scripts, on 127.0.0.1; their
# packages enable system services that would listen on every interface from the next boot on. Not wanted.
for p in "${missing[@]}"; do
  case "$p" in
    dovecot-core) unit=dovecot.service ;;
    cyrus-common) unit=cyrus-imapd.service ;;
    spamd) unit=spamd.service ;;
    *) continue ;;
  esac
  if [ -e "/etc/systemd/system/multi-user.target.wants/$unit" ]; then
    systemctl disable "$unit" >/dev/null 2>&1 || rm -f "/etc/systemd/system/multi-user.target.wants/$unit"
    echo "[install] $unit disabled at boot: the tests run their own server on 127.0.0.1" >&2
  fi
done
