# Sourced by .ci/run: a Docker engine from Debian's packages, and docker-compose v1.
# CI's stand-in for what a developer's machine has; not part of the shop.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

start_docker() {
  if ! command -v dockerd > /dev/null || ! command -v docker-compose > /dev/null || ! command -v mmdebstrap > /dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose mmdebstrap > /dev/null
  fi
  if ! docker info > /dev/null 2>&1; then
    echo "Starting dockerd"
    as_root sh -c 'nohup dockerd > /tmp/dockerd.log 2>&1 &'
    for _ in $(seq 1 60); do
      docker info > /dev/null 2>&1 && break
      sleep 1
    done
  fi
  docker info --format 'Docker engine {{.ServerVersion}} ({{.OperatingSystem}}, {{.Architecture}})'
  docker-compose version --short | sed 's/^/docker-compose /'
}
