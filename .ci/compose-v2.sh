# Sourced by .ci/compose-stage.sh: Docker Compose v2, to check that the compose file renders under v2
# as it does under docker-compose v1 (1.29), the one Debian bookworm packages. Debian's next release,
# trixie, packages v2 (docker-compose 2.x). Its package is downloaded, not installed (it would
# replace v1), through an apt configuration of its own whose one source is trixie on the machine's
# own mirror, and unpacked: the binary needs nothing but libc.

COMPOSE_V2_DIR=/tmp/shop-ci-compose-v2

# The machine's apt source for its release (not -security), pointed at trixie instead.
trixie_source() {
  local suite
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  cat /etc/apt/sources.list.d/*.sources 2> /dev/null \
    | awk -v RS= -v ORS='\n\n' -v suite="$suite" '$0 ~ "Suites:[^\n]* " suite "( |\n|$)"' \
    | sed -E 's/^Suites:.*/Suites: trixie/'
}

# Prints the path of a docker-compose v2 binary, fetching it the first time.
compose_v2() {
  local binary=$COMPOSE_V2_DIR/usr/libexec/docker/cli-plugins/docker-compose
  if [ ! -x "$binary" ]; then
    local apt=$COMPOSE_V2_DIR/apt
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/sources.list.d"
    trixie_source > "$apt/etc/sources.list.d/trixie.sources"
    [ -s "$apt/etc/sources.list.d/trixie.sources" ] || { echo "no deb822 apt source to point at trixie" >&2; return 1; }
    local options=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$apt/etc/sources.list.d"
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
    options+=(-o APT::Sandbox::User=root)
    apt-get -qq "${options[@]}" update > /dev/null
    (cd "$apt" && apt-get -qq "${options[@]}" download docker-compose > /dev/null)
    dpkg-deb -x "$apt"/docker-compose_*.deb "$COMPOSE_V2_DIR"
  fi
  echo "$binary"
}
