#!/usr/bin/env bash
# Gives every service image the JDK's AOT cache, trained on the shop's own requests: the classes each
# service loads and links while it serves, and how its methods ran, so that a new replica starts with
# them instead of finding them again (JEP 483 and 515, JDK 25).
#
#   deploy/aot-cache.sh <version>      (mvn package -Pimages runs it once the images are built;
#                                        -Dshop.aot.skip=true leaves the images without a cache)
#
# 1. The whole shop runs once from docker-compose.yml, as a compose project of its own
#    ("shop-aot-training", on a free port, its own networks and volume), every service's JVM
#    recording (-XX:AOTMode=record).
# 2. Its real requests go through the gateway: the load generator's shoppers (listing, search,
#    product pages, logins, orders with Idempotency-Keys, their orders, cancellations) and, beside
#    them, an administrator's product writes and the bad requests that get problems.
# 3. The services stop, and each JVM writes what it recorded at exit. The cache is then made from
#    that by the same image's own JVM (-XX:AOTMode=create), with the heap sizing of compose's 512 MB:
#    a cache is used only by the JVM, class path and GC that made it.
# 4. The cache becomes the image's last layer, JDK_JAVA_OPTIONS points java at it, and the image
#    keeps its name. A JVM that cannot use it (another JDK, other flags) says so in its first log
#    lines and starts without it.
# Needs what `docker compose up` needs: Docker, and Compose v2 or docker-compose v1. KEEP_WORK=1
# keeps the recordings and caches (the folder is named in the first line it prints).
set -euo pipefail
version=${1:?usage: deploy/aot-cache.sh <version of the images>}
cd "$(dirname "$0")/.."

group=${SHOP_IMAGE_GROUP:-shop}
# Every service of the shop's compose file built from this repository, but the load generator.
# (A loop rather than mapfile: macOS still ships bash 3.2.)
services=()
while read -r service; do services+=("$service"); done \
  < <(sed -n 's|^ *image: ${SHOP_IMAGE_GROUP:-shop}/\([a-z-]*\):.*|\1|p' docker-compose.yml | grep -vx load-generator)
[ "${#services[@]}" -gt 0 ] || { echo "[aot-cache] no service images in docker-compose.yml" >&2; exit 1; }
project=shop-aot-training
cache=/home/jboss/app.aot # in the image, beside quarkus-run.jar
recording=/tmp/app.aotconf # in the training containers
work=$(mktemp -d)

if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
shop() { SHOP_VERSION=$version SHOP_GATEWAY_PORT=0 "${compose[@]}" -p "$project" -f docker-compose.yml -f "$work/training.yml" "$@"; }
container_of() { shop ps -q "$1" | head -n 1; }
cleanup() { shop --profile load down -v --remove-orphans > /dev/null 2>&1 || true; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
say() { echo "[aot-cache] $*"; }

for service in "${services[@]}"; do
  if docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$group/$service:$version" | grep -q AOTCache; then
    say "$group/$service:$version already has its AOT cache: build the images again (mvn package -Pimages) to train anew"
    exit 1
  fi
done

# Every service records, with the heap sizing of its 512 MB but room beyond it for writing the
# recording at exit (in 512 MB the kernel kills it then). The gateway gets a free port of the host, so
# a shop already running here is left alone.
{
  echo "services:"
  for service in "${services[@]}"; do
    printf '  %s:\n    environment:\n      JAVA_TOOL_OPTIONS: "-XX:MaxRAM=512m -XX:AOTMode=record -XX:AOTConfiguration=%s"\n' "$service" "$recording"
    printf '    mem_limit: 1536m\n    stop_grace_period: 60s\n'
  done
} > "$work/training.yml"

say "the shop, recording (work: $work)"
shop up -d > "$work/up.log" 2>&1 || { cat "$work/up.log"; exit 1; }
for _ in $(seq 1 180); do
  [ "$(docker inspect --format '{{.State.Health.Status}}' "$(container_of gateway)")" = healthy ] && break
  sleep 1
done
[ "$(docker inspect --format '{{.State.Health.Status}}' "$(container_of gateway)")" = healthy ] \
  || { shop logs --tail 40; say "the shop did not become ready"; exit 1; }
gateway=http://$(shop port gateway 8080 | tail -n 1)

# An administrator's writes and the problems bad requests get, beside the shoppers, for the paths
# the load generator does not take. Statuses are not checked: the tests do that; this is training.
admin_email=${SHOP_ADMIN_EMAIL:-$(sed -n 's/^SHOP_ADMIN_EMAIL=//p' .env)}
admin_password=${SHOP_ADMIN_PASSWORD:-$(sed -n 's/^SHOP_ADMIN_PASSWORD=//p' .env)}
administrator() {
  local token product json=(-H 'Content-Type: application/json')
  token=$(curl -s "${json[@]}" -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" "$gateway/api/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  for i in $(seq 1 150); do
    product=$(curl -s "${json[@]}" -H "Authorization: Bearer $token" "$gateway/api/products" \
      -d "{\"sku\":\"AOT-TRAINING-$i\",\"name\":\"Training $i\",\"description\":\"\",\"price\":1.50,\"category\":\"books\",\"stock\":5}" \
      | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
    curl -s -o /dev/null -X PUT "${json[@]}" -H "Authorization: Bearer $token" "$gateway/api/products/${product:-0}" \
      -d "{\"sku\":\"AOT-TRAINING-$i\",\"name\":\"Training $i\",\"description\":\"again\",\"price\":2,\"currency\":\"EUR\",\"category\":\"books\",\"stock\":6}"
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$gateway/api/products/${product:-0}"
    curl -s -o /dev/null "${json[@]}" -H "Authorization: Bearer $token" "$gateway/api/products" -d '{"sku":"lower case","price":-1}'
    curl -s -o /dev/null "${json[@]}" -H "Authorization: Bearer $token" "$gateway/api/products" -d '{not json'
    curl -s -o /dev/null "$gateway/api/products/999999$i"
    curl -s -o /dev/null "$gateway/api/products?page=-1&size=100000"
    curl -s -o /dev/null "${json[@]}" "$gateway/api/orders" -d '{"items":[{"productId":1,"quantity":1}]}'
    curl -s -o /dev/null "${json[@]}" "$gateway/api/auth/login" -d "{\"email\":\"$admin_email\",\"password\":\"not the password\"}"
    curl -s -o /dev/null "${json[@]}" "$gateway/api/users" -d '{"email":"not an address","password":"short"}'
    sleep 0.2
  done
}
say "training: the load generator's shoppers and an administrator, through $gateway"
administrator &
admin=$!
SHOP_LOAD_RATE=50 SHOP_LOAD_RAMP=5s SHOP_LOAD_HOLD=60s SHOP_LOAD_DROP=0s SHOP_LOAD_SHOPPERS=30 SHOP_LOAD_TIMEOUT=5s \
  SHOP_LOAD_MIX=product=25,browse=15,search=15,login=10,order=15,list=10,cancel=10 SHOP_LOAD_REPORT_EVERY=20s \
  shop --profile load up --no-deps load > "$work/load.log" 2>&1 || true
wait "$admin" || true
docker logs "$(container_of load)" 2>&1 | tail -n 12 | sed 's/^/    /'
say "stopping: each JVM writes what it recorded"
shop stop -t 60 > /dev/null 2>&1

for service in "${services[@]}"; do
  image=$group/$service:$version
  mkdir -p "$work/$service"
  docker cp "$(container_of "$service")":"$recording" "$work/$service/app.aotconf" 2> /dev/null || true
  [ -s "$work/$service/app.aotconf" ] || { shop logs --tail 30 "$service"; say "$service wrote no recording"; exit 1; }
  # The cache, made by the image's own JVM from the recording (it does not run the application).
  maker=$(docker create --memory 1536m -e JAVA_TOOL_OPTIONS="-XX:MaxRAM=512m -XX:AOTMode=create -XX:AOTConfiguration=$recording -XX:AOTCache=/tmp/app.aot" "$image")
  docker cp "$work/$service/app.aotconf" "$maker:$recording"
  if ! docker start -a "$maker" > "$work/$service/create.log" 2>&1; then
    tail -n 20 "$work/$service/create.log"; docker rm -f "$maker" > /dev/null; say "$service: no cache made"; exit 1
  fi
  docker cp "$maker:/tmp/app.aot" "$work/$service/app.aot"
  docker rm -f "$maker" > /dev/null
  printf 'FROM %s\nCOPY app.aot %s\nENV JDK_JAVA_OPTIONS="-XX:AOTCache=%s"\n' "$image" "$cache" "$cache" > "$work/$service/Dockerfile"
  docker build -q -t "$image" "$work/$service" > "$work/$service/build.log" 2>&1 \
    || { cat "$work/$service/build.log"; say "$service: the image with its cache was not built"; exit 1; }
  say "$image: with an AOT cache of $(( $(wc -c < "$work/$service/app.aot") / 1000000 )) MB"
done
say "done"
