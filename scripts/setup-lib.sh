# Shared by the set-up scripts (sourced, not run): messages and apt-get.
# Whether a program is there and runs (not merely a file of that name).
runs() { command -v "$1" >/dev/null && "$1" --version >/dev/null 2>&1; }
say() { echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

APT_UPDATED=0
# Installs Debian packages; returns non-zero (does not exit) when it cannot.
apt_try() {
  command -v apt-get >/dev/null || return 1
  if [ "$APT_UPDATED" = 0 ]; then say "apt-get update"; apt-get update -qq || return 1; APT_UPDATED=1; fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
apt_install() {
  command -v apt-get >/dev/null || die "need $* but there is no apt-get; install them by hand (see the README, Building)"
  apt_try "$@" || die "apt-get install $* failed"
}
