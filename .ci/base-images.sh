# Sourced by .ci/run. CI cannot pull from any registry, so the public images the shop builds on are
# made here from Debian's packages: a JRE image (the shop's Jib base), a PostgreSQL image (compose's
# database), a PgBouncer image (compose's pooler) and a Prometheus image (compose's observability
# profile, checked live). The Debian mirror is the machine's own apt configuration, read at run time.

JRE_IMAGE=shop-ci/jre:latest
POSTGRES_IMAGE=shop-ci/postgres:15
PROMETHEUS_IMAGE=shop-ci/prometheus:2.42
PGBOUNCER_IMAGE=shop-ci/pgbouncer:1.18

# The machine's apt sources, handed to mmdebstrap on standard input ("-").
apt_sources() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2> /dev/null || true
}

debian_suite() {
  (. /etc/os-release && echo "$VERSION_CODENAME")
}

build_jre_image() {
  local modules runtime
  runtime=$(mktemp -d)/jre
  # What Quarkus, Hibernate, Netty and the JDBC driver use; kept to modules this JDK has.
  modules=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -xE \
    'java\.(base|compiler|datatransfer|desktop|instrument|logging|management|naming|net\.http|prefs|rmi|scripting|security\.(jgss|sasl)|sql|transaction\.xa|xml|xml\.crypto)|jdk\.(charsets|crypto\.(cryptoki|ec)|jfr|localedata|management|naming\.dns|net|security\.auth|unsupported|zipfs)' \
    | paste -sd, -)
  # With a class-data sharing archive, as the public JRE images have, for a fast start.
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --generate-cds-archive --output "$runtime"
  apt_sources | mmdebstrap --quiet --variant=minbase --include=ca-certificates \
      --customize-hook="copy-in $runtime /opt" \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$(debian_suite)" - - \
    | docker import \
      --change "ENV JAVA_HOME=/opt/jre" \
      --change "ENV PATH=/opt/jre/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      - "$JRE_IMAGE" > /dev/null
  rm -rf "$(dirname "$runtime")"
}

build_postgres_image() {
  apt_sources | mmdebstrap --quiet --variant=minbase --include=postgresql-15 \
      --customize-hook='chroot "$1" pg_dropcluster 15 main' \
      --customize-hook="copy-in .ci/postgres-entrypoint.sh /usr/local/bin" \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$(debian_suite)" - - \
    | docker import \
      --change "ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV PGDATA=/var/lib/postgresql/data" \
      --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' \
      --change 'CMD ["postgres"]' \
      --change "EXPOSE 5432" \
      - "$POSTGRES_IMAGE" > /dev/null
}

# PgBouncer 1.18 (bookworm's), run as its package's user; compose gives the entrypoint and the
# configuration (database/pgbouncer.ini and its start script).
build_pgbouncer_image() {
  apt_sources | mmdebstrap --quiet --variant=minbase --include=pgbouncer \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$(debian_suite)" - - \
    | docker import \
      --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "USER postgres" \
      --change "EXPOSE 5432" \
      - "$PGBOUNCER_IMAGE" > /dev/null
}

# Run as the public image runs it: /usr/bin/prometheus as nobody, compose's command giving the
# flags, its data in /prometheus.
build_prometheus_image() {
  apt_sources | mmdebstrap --quiet --variant=minbase --include=prometheus \
      --customize-hook='mkdir -p "$1/prometheus" && chown 65534:65534 "$1/prometheus"' \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$(debian_suite)" - - \
    | docker import \
      --change 'ENTRYPOINT ["/usr/bin/prometheus"]' \
      --change "USER 65534" \
      --change "WORKDIR /prometheus" \
      --change "EXPOSE 9090" \
      - "$PROMETHEUS_IMAGE" > /dev/null
}

build_base_images() {
  if ! docker image inspect "$JRE_IMAGE" > /dev/null 2>&1; then
    echo "Building $JRE_IMAGE (Debian $(debian_suite) minbase + a jlink'd runtime of $JAVA_HOME)"
    build_jre_image
  fi
  if ! docker image inspect "$POSTGRES_IMAGE" > /dev/null 2>&1; then
    echo "Building $POSTGRES_IMAGE (Debian $(debian_suite) minbase + postgresql-15)"
    build_postgres_image
  fi
  if ! docker image inspect "$PGBOUNCER_IMAGE" > /dev/null 2>&1; then
    echo "Building $PGBOUNCER_IMAGE (Debian $(debian_suite) minbase + pgbouncer)"
    build_pgbouncer_image
  fi
  if ! docker image inspect "$PROMETHEUS_IMAGE" > /dev/null 2>&1; then
    echo "Building $PROMETHEUS_IMAGE (Debian $(debian_suite) minbase + prometheus)"
    build_prometheus_image
  fi
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^shop-ci/'
}
