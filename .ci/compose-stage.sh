#!/usr/bin/env bash
# CI stage after the README test command: the images and `docker compose up`, really run.
# Expects JAVA_HOME (a JDK 21+), a running Docker engine and the base images (.ci/run sees to it).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/base-images.sh
source .ci/compose-v2.sh

SERVICES=(catalog-service user-service order-service gateway)
GATEWAY=http://127.0.0.1:8080
export SHOP_POSTGRES_IMAGE="$POSTGRES_IMAGE" SHOP_PROMETHEUS_IMAGE="$PROMETHEUS_IMAGE" SHOP_PGBOUNCER_IMAGE="$PGBOUNCER_IMAGE"
# PostgreSQL with few connection slots, fewer than the services' pools hold open (below): only the
# pooler in between lets them all connect.
export SHOP_POSTGRES_MAX_CONNECTIONS=40
declare -A BUILD_SECONDS READY_SECONDS STARTED_IN AOT_MB

fail() { echo "FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
seconds_since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
container_of() { docker-compose ps -q "$1" | head -n 1; }
addresses_of() { docker inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$1"; }
# Readiness on the management port, asked inside the container: nothing publishes that port, and
# the backends sit on internal networks the host does not reach.
# readiness_of prints the whole answer (status line, headers, body); ready_inside: is it a 200?
readiness_of() {
  timeout 5 docker exec "$1" bash -c "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2> /dev/null
}
ready_inside() { local answer; answer=$(readiness_of "$1") && [[ "$answer" == "HTTP/1."?" 200 "* ]]; }
teardown() { docker-compose --profile observability --profile load down -v --remove-orphans > /dev/null 2>&1 || true; }
# One service scaled without resetting the others, with docker-compose v1 and Compose v2 alike:
#   docker compose up -d --no-deps --no-recreate --scale catalog-service=3 catalog-service
# --no-deps: without it, compose brings the service's dependencies (order-service's: catalog-service,
# user-service) to their default of 1 replica as well. --no-recreate: the running replicas stay.
scale_to() {
  local said
  said=$(docker-compose up -d --no-deps --no-recreate --scale "$1=$2" "$1" 2>&1) || { echo "$said"; fail "scaling $1 to $2"; }
}
# SQL as the superuser, inside the PostgreSQL container; "-h pgbouncer -d pgbouncer" asks the pooler.
psql_in() { docker exec "$(container_of postgres)" sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec psql -U postgres -v ON_ERROR_STOP=1 "$@"' psql "$@"; }
# Asks compose's Prometheus (its own promtool, inside its container: the port is not published).
promql() { docker exec "$(container_of prometheus)" promtool query instant http://localhost:9090 "$1"; }
# "catalog-service=3 gateway=1 ...": how many targets of each service are up.
targets_up() {
  promql 'count by (service) (up{service!=""} == 1)' | sed -n 's/.*service="\([^"]*\)".*=> \([0-9]*\) .*/\1=\2/p' | sort | paste -sd' '
}
await_targets() {
  local expected=$1 seen=""
  for _ in $(seq 1 60); do
    seen=$(targets_up 2> /dev/null || true)
    [ "$seen" = "$expected" ] && { echo "Prometheus scrapes: $seen"; return 0; }
    sleep 1
  done
  fail "Prometheus scrapes: '$seen', expected '$expected'"
}
trap teardown EXIT

echo "== Images: Jib on $JRE_IMAGE, the README's mvn package -Pimages"
# One reactor build, as a user runs it: everything an image needs is built here from the sources,
# nothing is taken from what an earlier build may have installed into the local repository.
build_log=$(mktemp)
started=$(now)
mvn -B -Pimages package -Dshop.base-image="docker://$JRE_IMAGE" > "$build_log" 2>&1 \
  || { tail -n 80 "$build_log"; fail "mvn package -Pimages"; }
echo "built in $(seconds_since "$started")s"
for service in "${SERVICES[@]}" load-generator; do
  docker image inspect "shop/$service:1.0.0-SNAPSHOT" > /dev/null 2>&1 || fail "no image shop/$service"
done
# Each service's share of the build, from Maven's reactor summary ("Shop: gateway (...) SUCCESS [ 12.3 s]").
for service in "${SERVICES[@]}"; do
  BUILD_SECONDS[$service]=$(sed -n "s/.*Shop: $service .* SUCCESS \[ *\([0-9.:]*\) *\(s\|min\)\].*/\1 \2/p" "$build_log" \
    | awk '{ if ($2 == "min") { split($1, t, ":"); print t[1] * 60 + t[2] } else print $1 }')
done
# What the training of the images' AOT cache saw (deploy/aot-cache.sh).
sed -n '/^\[aot-cache\]/,/^\[aot-cache\] done/p' "$build_log"
rm -f "$build_log"

echo "== docker-compose up (postgres: $POSTGRES_IMAGE)"
teardown
docker-compose config -q
echo "== The observability profile renders with docker-compose v1 and Docker Compose v2"
docker-compose --profile observability config -q
"$(compose_v2)" --profile observability config -q
"$(compose_v2)" config -q
echo "docker-compose $(docker-compose version --short), $("$(compose_v2)" version --short): accepted"
echo "== One service scaled, the others kept, with docker-compose v1 and Compose v2"
# The README's command: up -d --no-deps --no-recreate --scale X=N X. Tried on a project of its own, two
# services where b depends on a (as order-service on catalog-service): scaling either one leaves the
# other's replicas as they are. (A plain "up -d --scale b=2" brings a back to its default of 1.)
scale_form=$(mktemp -d)
printf 'services:\n  a: {image: "%s", command: [sleep, infinity], init: true}\n  b: {image: "%s", command: [sleep, infinity], init: true, depends_on: [a]}\n' \
  "$JRE_IMAGE" "$JRE_IMAGE" > "$scale_form/compose.yml"
for compose in docker-compose "$(compose_v2)"; do
  form() { "$compose" -p shop-scale-form -f "$scale_form/compose.yml" "$@" > /dev/null 2>&1; }
  replicas() {
    for service in a b; do
      printf '%s=%s ' "$service" "$(docker ps -q --filter label=com.docker.compose.project=shop-scale-form --filter "label=com.docker.compose.service=$service" | wc -l)"
    done
  }
  form up -d
  seen=$(replicas)
  for step in "a 3 a=3 b=1" "b 2 a=3 b=2" "a 1 a=1 b=2"; do
    read -r service count expected <<< "$step"
    form up -d --no-deps --no-recreate --scale "$service=$count" "$service"
    seen="$seen-> $(replicas)"
    [ "$(replicas)" = "$expected " ] || { form down -t 1; fail "$compose: scaling $service to $count left $(replicas)"; }
  done
  form down -t 1
  echo "$("$compose" version --short): $seen"
done
rm -rf "$scale_form"
# Every replica keeps its whole pool open (10 connections), so that the clients PgBouncer serves
# outnumber PostgreSQL's slots for sure: CI's own addition to the compose file, nothing else.
pools_override=$(mktemp --suffix=.yml)
printf 'services:\n' > "$pools_override"
for service in catalog-service user-service order-service; do
  printf '  %s:\n    environment:\n      QUARKUS_DATASOURCE_JDBC_MIN_SIZE: "10"\n' "$service" >> "$pools_override"
done
export COMPOSE_FILE="docker-compose.yml:$pools_override"
docker-compose config -q
docker-compose up -d
for _ in $(seq 1 120); do
  [ "$(docker inspect --format '{{.State.Health.Status}}' "$(container_of gateway)")" = healthy ] && break
  sleep 1
done
ready_inside "$(container_of gateway)" || fail "the gateway is not ready"
for path in /q/health/ready /q/metrics /q/openapi /q/swagger-ui/; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY$path")" = 404 ] || fail "$path is served on the public port"
done
echo "operations endpoints: on the management port only (the public port answers 404 for /q/*)"

echo "== From a container on the edge network: the gateway's API, and nothing else"
targets=""
for service in postgres pgbouncer catalog-service user-service order-service; do
  port=8080; case "$service" in postgres | pgbouncer) port=5432 ;; esac
  for address in $(addresses_of "$(container_of "$service")"); do
    targets="$targets $service=$address:$port"
  done
done
edge=$(docker run --rm --network shop_edge "$JRE_IMAGE" bash -c '
  for target in '"$targets"'; do
    name=${target%%=*}; address=${target#*=}
    if timeout 2 bash -c "exec 3<>/dev/tcp/${address%:*}/${address#*:}" 2> /dev/null; then echo "REACHED $name at $address"; else echo "unreachable: $name at $address"; fi
  done
  for name in postgres pgbouncer catalog-service user-service order-service; do
    getent hosts "$name" > /dev/null && echo "RESOLVED $name"
  done
  timeout 2 bash -c "exec 3<>/dev/tcp/gateway/8080" && echo "gateway API reachable"')
echo "$edge"
echo "$edge" | grep -q '^gateway API reachable$' || fail "the gateway is not reachable from the edge"
! echo "$edge" | grep -qE '^(REACHED|RESOLVED)' || fail "a backend or the database is reachable from the edge"
[ "$(echo "$edge" | grep -c '^unreachable')" -ge 5 ] || fail "no backend address was tried"

echo "== catalog-service: reachable from the gateway and order-service only"
catalog_addresses=$(addresses_of "$(container_of catalog-service)")
for service in gateway order-service user-service; do
  reached=no
  for address in $catalog_addresses; do
    docker exec "$(container_of "$service")" bash -c "timeout 2 bash -c 'exec 3<>/dev/tcp/$address/8080'" 2> /dev/null && reached=yes
  done
  echo "$service -> catalog-service: $reached"
  case "$service:$reached" in
    gateway:yes | order-service:yes | user-service:no) ;;
    *) fail "$service reaching catalog-service: $reached" ;;
  esac
done

echo "== Smoke flow through the gateway"
email="ci-$(date +%s)@example.com"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GATEWAY/api/users" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"a good password\",\"name\":\"CI\"}")
[ "$status" = 201 ] || fail "register: $status"
token=$(curl -fsS -X POST "$GATEWAY/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"a good password\"}" | json "d['accessToken']")
[ "$(curl -fsS "$GATEWAY/api/products?category=books" | json "all(p['category'] == 'books' for p in d['items'])")" = True ] \
  || fail "browse"
stock_before=$(curl -fsS "$GATEWAY/api/products/7" | json "d['stock']")
order=$(curl -fsS -X POST "$GATEWAY/api/orders" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: ci-$(date +%s)" -d '{"items":[{"productId":7,"quantity":2}]}' | json "d['id']")
[ "$(curl -fsS "$GATEWAY/api/orders" -H "Authorization: Bearer $token" | json "d['items'][0]['id']")" = "$order" ] \
  || fail "my orders"
[ "$(curl -fsS -X POST "$GATEWAY/api/orders/$order/cancel" -H "Authorization: Bearer $token" | json "d['status']")" = CANCELLED ] \
  || fail "cancel"
[ "$(curl -fsS "$GATEWAY/api/products/7" | json "d['stock']")" = "$stock_before" ] || fail "stock not restored"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/orders")" = 401 ] || fail "orders without a token"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/inventory/reservations")" = 404 ] || fail "internal API visible"
echo "register, log in, browse, order, my orders, cancel, stock restored, 401, 404: all as expected"

echo "== One process per container, as seen by Docker"
for service in "${SERVICES[@]}"; do
  container=$(container_of "$service")
  pid=$(docker inspect --format '{{.State.Pid}}' "$container")
  [ "$(ps -o comm= -p "$pid")" = java ] || fail "$service: PID 1 is $(ps -o comm= -p "$pid")"
  uid=$(ps -o uid= -p "$pid" | tr -d ' ')
  [ "$uid" != 0 ] || fail "$service runs as root"
  echo "$service: PID 1 is java, uid $uid"
done

echo "== Each image's JVM uses the AOT cache its build trained (deploy/aot-cache.sh)"
# A cache the JVM accepted stays mapped into it; one it refused (another JDK, other flags) is unmapped
# at once, and the JVM starts without it, slower. /proc/1/maps of each running service says which.
aot_said() { docker logs "$1" 2>&1 | grep -E '^\[[0-9.]+s\]\[(error|warning) *\]\[aot' | grep -v Skipping | head -n 4; }
for service in "${SERVICES[@]}"; do
  container=$(container_of "$service")
  docker exec "$container" grep -q /home/jboss/app.aot /proc/1/maps \
    || { aot_said "$container"; fail "$service runs without its AOT cache"; }
  AOT_MB[$service]=$(( $(docker exec "$container" bash -c 'wc -c < /home/jboss/app.aot') / 1000000 ))
  echo "$service: its ${AOT_MB[$service]} MB AOT cache is mapped"
done
# The other way: a flag the cache was not made with. The JVM must say so and still start.
mismatch=$(docker-compose run -d --no-deps -e JAVA_TOOL_OPTIONS=-XX:-UseCompressedOops catalog-service)
started=$(now)
for _ in $(seq 1 600); do ready_inside "$mismatch" && break; sleep 0.2; done
ready_inside "$mismatch" || { docker logs --tail 20 "$mismatch"; docker rm -f "$mismatch" > /dev/null; fail "catalog-service without its cache did not start"; }
refused=$(aot_said "$mismatch")
mapped=$(docker exec "$mismatch" grep -c /home/jboss/app.aot /proc/1/maps || true)
docker rm -f "$mismatch" > /dev/null
echo "catalog-service with -XX:-UseCompressedOops (its cache was made with compressed oops): ready in $(seconds_since "$started")s without it; it said:"
echo "$refused" | sed 's/^/    /'
[ "$mapped" = 0 ] || fail "a cache made for other flags was used"
echo "$refused" | grep -q 'Unable to map shared spaces' || fail "the JVM did not say that it starts without its cache"

for service in "${SERVICES[@]}"; do
  container=$(container_of "$service")
  started=$(now)
  docker stop "$container" > /dev/null
  took=$(seconds_since "$started")
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 10 else 1)" "$took" || fail "$service: docker stop took ${took}s"
  docker logs "$container" 2>&1 | grep -q "$service stopped in" || fail "$service: no clean shutdown logged"
  # Start again, and time start -> ready, polling readiness inside the container.
  started=$(now)
  docker start "$container" > /dev/null
  until ready_inside "$container"; do sleep 0.1; done
  READY_SECONDS[$service]=$(seconds_since "$started")
  STARTED_IN[$service]=$(docker logs "$container" 2>&1 | sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' | tail -n 1)
  echo "$service: docker stop in ${took}s with a clean shutdown; started again, ready in ${READY_SECONDS[$service]}s"
done
until curl -fs -o /dev/null "$GATEWAY/api/products/1"; do sleep 0.5; done

echo "== Scaling catalog-service to 3"
scale_to catalog-service 3
for _ in $(seq 1 120); do
  [ "$(docker ps -q --filter "name=shop_catalog-service" --filter health=healthy | wc -l)" -eq 3 ] && break
  sleep 1
done
sleep 6 # the gateway looks the name up again every 5 s
served=$(for i in $(seq 1 300); do
  curl -s -o /dev/null -D - "$GATEWAY/api/products/$(( i % 60 + 1 ))" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p'
done | sort | uniq -c)
echo "$served"
[ "$(echo "$served" | wc -l)" -eq 3 ] || fail "300 requests did not reach 3 replicas"
echo "$served" | awk '$1 < 60 { exit 1 }' || fail "a replica got less than 20 % of the requests"

echo "== PgBouncer in the middle: more clients than PostgreSQL has connection slots"
# Every replica's pool is open (5 replicas x 10); PostgreSQL allows 40 connections.
pools=$(psql_in -h pgbouncer -d pgbouncer -A -F, -P footer=off -c 'SHOW POOLS')
echo "$pools"
read -r clients servers < <(echo "$pools" | python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(sys.stdin) if r['database'] == 'shop']
clients = sum(int(r['cl_active']) + int(r['cl_waiting']) for r in rows)
servers = sum(int(r[k]) for r in rows for k in ('sv_active', 'sv_idle', 'sv_used', 'sv_tested', 'sv_login'))
print(clients, servers)")
backends=$(psql_in -d shop -At -c "select count(*) from pg_stat_activity where datname = 'shop' and backend_type = 'client backend'")
slots=$(psql_in -d shop -At -c 'show max_connections')
echo "at one moment: $clients client connections to PgBouncer, $servers server connections from it; $backends connections to database shop of max_connections $slots"
[ "$clients" -gt "$slots" ] || fail "$clients client connections: not more than max_connections ($slots)"
[ "$clients" -gt "$servers" ] || fail "$clients client connections, $servers server connections: the pooler does not pool"
[ "$backends" -le "$slots" ] || fail "$backends connections of $slots"

echo "== Prometheus (profile observability, $PROMETHEUS_IMAGE) finds every replica by DNS"
# Only Prometheus of the profile: the collector, Jaeger and Grafana are public images CI cannot pull.
docker-compose --profile observability up -d --no-deps prometheus > /dev/null 2>&1
await_targets "catalog-service=3 gateway=1 order-service=1 user-service=1"
scale_to catalog-service 1
await_targets "catalog-service=1 gateway=1 order-service=1 user-service=1"

echo "== catalog-service down, then back"
docker-compose stop catalog-service > /dev/null 2>&1
answer=$(curl -s -w ' %{http_code} %{time_total}' "$GATEWAY/api/products/1")
echo "while down: $answer"
echo "$answer" | grep -q '"type":"urn:shop:problem:unavailable"' || fail "no 503 problem"
python3 -c "import sys; s=sys.argv[1].split(); sys.exit(0 if s[-2] == '503' and float(s[-1]) < 2 else 1)" "$answer" \
  || fail "not a 503 within 2 s"
docker-compose start catalog-service > /dev/null 2>&1
started=$(now)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/products/1")" = 200 ]; do
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 120 else 1)" "$(seconds_since "$started")" || fail "never back"
  sleep 0.5
done
echo "back: 200 after $(seconds_since "$started")s"

# The saga's invariant over the orders placed since a moment: stock_now notes the stock and prints the
# moment; orders_settled_since checks, once recovery has settled what was left unfinished, that every
# confirmed order's stock was taken once and nothing is held for an order not confirmed.
stock_now() {
  psql_in -d shop -At -c "create schema if not exists ci; drop table if exists ci.stock_before;
    create table ci.stock_before as select id, stock from catalog.product; select now()" | tail -n 1
}
check_zero() {
  local found
  found=$(psql_in -d shop -At -c "$2")
  [ "$found" = 0 ] || fail "$1: $found"
  echo "$1: 0"
}
orders_settled_since() {
  local since=$1
  # Recovery settles what was left unfinished: orders PENDING, cancellations requested.
  for _ in $(seq 1 120); do
    [ "$(psql_in -d shop -At -c "select count(*) from orders.customer_order where created_at >= '$since'
      and (status = 'PENDING' or (status = 'CONFIRMED' and cancel_requested_at is not null))")" = 0 ] && break
    sleep 1
  done
  psql_in -d shop -c "select status, count(*) from orders.customer_order where created_at >= '$since' group by status order by status"
  check_zero "orders still PENDING" "select count(*) from orders.customer_order where status = 'PENDING' and created_at >= '$since'"
  check_zero "confirmed orders whose stock the catalog does not hold" "select count(*) from orders.customer_order o
    left join catalog.reservation r on r.id = o.reservation_id
    where o.created_at >= '$since' and o.status = 'CONFIRMED' and r.status is distinct from 'CONFIRMED'"
  check_zero "stock held or taken for an order not confirmed" "select count(*) from catalog.reservation r
    left join orders.customer_order o on o.reservation_id = r.id
    where r.created_at >= '$since' and r.status in ('HELD', 'CONFIRMED') and o.status is distinct from 'CONFIRMED'"
  check_zero "products whose stock moved by other than their confirmed quantities" "select count(*) from catalog.product p
    join ci.stock_before b on b.id = p.id
    left join (select l.product_id, sum(l.quantity) as taken from orders.order_line l
               join orders.customer_order o on o.id = l.order_id
               where o.created_at >= '$since' and o.status = 'CONFIRMED' group by l.product_id) c on c.product_id = p.id
    where b.stock - p.stock <> coalesce(c.taken, 0)"
}

echo "== Faults under load: PostgreSQL restarted, then PgBouncer restarted"
since=$(stock_now)
# The customer of the smoke flow, for a request that needs the database (its orders).
# At most 5 s (then "000 5.0..."): a hung request fails the stage as a slow answer, not as curl's exit.
orders_status() { curl -s -m 5 -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$GATEWAY/api/orders" || true; }
SHOP_LOAD_RATE=20 SHOP_LOAD_RAMP=5s SHOP_LOAD_HOLD=90s SHOP_LOAD_DROP=5s SHOP_LOAD_REPORT_EVERY=5s \
  docker-compose --profile load up -d load > /dev/null 2>&1
sleep 15
# Since when each check has passed, as seconds after the server was back: "orders" (a request that
# needs the database, through the gateway) and each data-owning service's readiness. Every probe
# is bounded, and the 15 s are counted to the moment each one first passed, not between polls.
declare -A RECOVERED_AT
recovery() {
  local server=$1 back=$2 service elapsed
  local -A containers=([order-service]="$(container_of order-service)" [catalog-service]="$(container_of catalog-service)" [user-service]="$(container_of user-service)")
  RECOVERED_AT=()
  while [ "${#RECOVERED_AT[@]}" -lt 4 ]; do
    if [ -z "${RECOVERED_AT[orders]:-}" ] && [ "$(orders_status | cut -d' ' -f1)" = 200 ]; then
      RECOVERED_AT[orders]=$(seconds_since "$back")
    fi
    for service in "${!containers[@]}"; do
      if [ -z "${RECOVERED_AT[$service]:-}" ] && ready_inside "${containers[$service]}"; then
        RECOVERED_AT[$service]=$(seconds_since "$back")
      fi
    done
    elapsed=$(seconds_since "$back")
    if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 15 else 1)" "$elapsed" && [ "${#RECOVERED_AT[@]}" -lt 4 ]; then
      echo "$server back ${elapsed}s ago; passed so far: $(for k in "${!RECOVERED_AT[@]}"; do printf '%s at %ss, ' "$k" "${RECOVERED_AT[$k]}"; done)"
      echo "orders: $(curl -s -m 5 -w ' %{http_code} %{time_total}s' -H "Authorization: Bearer $token" "$GATEWAY/api/orders" | tail -c 400)"
      for service in "${!containers[@]}"; do echo "$service readiness: $(readiness_of "${containers[$service]}" | tail -n 1)"; done
      psql_in -h pgbouncer -d pgbouncer -c 'show pools' || true
      for service in pgbouncer order-service; do echo "-- $service, last lines"; docker-compose logs --no-color --tail 30 "$service" 2>&1 | cut -c 1-300; done
      fail "$server back: the shop is not serving again within 15 s"
    fi
    sleep 0.2
  done
}
outage() {
  local server=$1 down_for=$2 stopping gone answer ready_gone=no first_503="" back order_service
  order_service=$(container_of order-service)
  stopping=$(now)
  docker-compose stop "$server" > /dev/null 2>&1
  gone=$(now)
  echo "$server stopped (docker stop took $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$stopping" "$gone")s)"
  for _ in $(seq 1 40); do
    answer=$(orders_status)
    if [ "${answer%% *}" = 503 ] && [ -z "$first_503" ]; then first_503=$(seconds_since "$gone"); echo "$server down: the first 503 problem ${first_503}s after it was gone (answered in ${answer#* }s)"; fi
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 5 else 1)" "${answer#* }" || fail "$server down: an answer took ${answer#* }s"
    ready_inside "$order_service" || ready_gone=yes
    [ -n "$first_503" ] && [ "$ready_gone" = yes ] && break
    sleep 0.5
  done
  [ -n "$first_503" ] || fail "$server down: no 503 (last: $answer)"
  [ "$ready_gone" = yes ] || fail "$server down: order-service still reports ready"
  echo "$server down: order-service reports not ready"
  sleep "$down_for"
  docker-compose start "$server" > /dev/null 2>&1
  back=$(now)
  if [ "$server" = postgres ]; then
    # Back means accepting connections again (a clean shutdown leaves no crash recovery to wait for).
    for _ in $(seq 1 150); do docker exec "$(container_of postgres)" pg_isready -q -U postgres -d shop && break; sleep 0.2; done
    echo "postgres accepting connections $(seconds_since "$back")s after its start"
    back=$(now)
  fi
  recovery "$server" "$back"
  echo "$server: gone for $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$gone" "$back")s, 503s from ${first_503}s after it went until it was back; after it was back: orders served at ${RECOVERED_AT[orders]}s, ready at ${RECOVERED_AT[order-service]}s (order-service), ${RECOVERED_AT[catalog-service]}s (catalog-service), ${RECOVERED_AT[user-service]}s (user-service)"
}
outage postgres 10
sleep 10
outage pgbouncer 5
load_container=$(container_of load)
docker wait "$load_container" > /dev/null
summary=$(docker logs "$load_container" 2>&1 | sed -n '/Summary:/,$p')
echo "$summary"
# Faults may cost 503s (retryable, with Retry-After); never a 500.
if echo "$summary" | grep -qE ' 500:'; then
  # What the services logged for them (ProblemMappers logs every 500 with its exception).
  for service in gateway order-service catalog-service user-service; do
    docker-compose logs --no-color "$service" 2>&1 | grep -E 'failed unexpectedly|" failed"| failed",' | head -n 5 | cut -c 1-2000
  done
  fail "the load generator got 500s during the faults"
fi
echo "== After the faults: every order settled, none lost, stock taken = confirmed quantities"
orders_settled_since "$since"

echo "== Scale it while it serves: one service at a time, a restart and a SIGKILL, under load"
# Under steady open-loop load through the gateway (50 requests/s: product reads, browsing, searches,
# logins, orders with Idempotency-Keys, their lists and cancels), one event every 30 s, each
# changing one service only. From the load generator's request log (one line per request): for each
# event, the requests due in the 20 s after it began (10 s after the kill), how many failed and were
# slower than 1 s, and their p99 (.ci/scale-figures.py says which promise each event must keep).
# Each scaled with scale_to (above): one service, the others as they are.
replica() {
  docker ps -aq --filter label=com.docker.compose.project=shop --filter "label=com.docker.compose.service=$1" \
    --filter "label=com.docker.compose.container-number=$2"
}
running() { docker ps -q --filter label=com.docker.compose.project=shop --filter "label=com.docker.compose.service=$1" | wc -l; }
epoch_ms() { date +%s%3N; }
sleep_until_ms() { python3 -c "import sys, time; time.sleep(max(0, int(sys.argv[1]) / 1000 - time.time()))" "$1"; }
# Before a restart or a kill of one of two replicas: both ready, or the other one could not serve alone.
all_ready() {
  local container waited=0
  for container in $(docker-compose ps -q "$1"); do
    until ready_inside "$container"; do
      [ "$waited" -lt 600 ] || fail "$1: replica $container not ready after 60 s"
      sleep 0.1; waited=$((waited + 1))
    done
  done
  [ "$waited" -eq 0 ] || echo "  (waited $((waited / 10)) s for every $1 replica to be ready)"
}
declare -A REPLICAS=([postgres]=1 [pgbouncer]=1 [catalog-service]=1 [user-service]=1 [order-service]=1 [gateway]=1)
# name | before (not timed) | command | window (s) | kind | replicas of the service afterwards
SCALE_EVENTS=(
  "catalog-service 1 → 3||scale_to catalog-service 3|20|scale|catalog-service=3"
  "catalog-service 3 → 1||scale_to catalog-service 1|20|scale|catalog-service=1"
  "order-service 1 → 3||scale_to order-service 3|20|scale|order-service=3"
  "order-service 3 → 1||scale_to order-service 1|20|scale|order-service=1"
  "user-service 1 → 2||scale_to user-service 2|20|scale|user-service=2"
  "user-service 2 → 1||scale_to user-service 1|20|scale|user-service=1"
  "catalog-service 1 → 2||scale_to catalog-service 2|20|scale|catalog-service=2"
  "docker restart one of two catalog-service replicas|all_ready catalog-service|docker restart \$(replica catalog-service 1) > /dev/null|20|restart|catalog-service=2"
  "docker kill one of two catalog-service replicas|all_ready catalog-service|docker kill \$(replica catalog-service 2) > /dev/null|10|kill|catalog-service=1"
  "catalog-service 2 → 1||scale_to catalog-service 1|20|scale|catalog-service=1"
)
# The first event 60 s into the load: by then the JVMs have compiled what this mix runs (logins,
# orders), so the events measure scaling, not warm-up (15 s in, a scale-out on 2 cores met compilers
# still busy and logins waited up to 5 s; measured). The lead-in counts as "between events".
SCALE_LEAD_IN=60 SCALE_EVERY=30
scale_dir=$(mktemp -d)
since=$(stock_now)
# Who had the CPU, second by second, for the windows that break a promise (.ci/cpu-use.py).
python3 .ci/cpu-use.py sample "$scale_dir/cpu.tsv" &
cpu_sampler=$!
# 5 s of ramp, then 50/s until 30 s after the last event; the generator stops by itself.
SHOP_LOAD_RATE=50 SHOP_LOAD_RAMP=5s SHOP_LOAD_HOLD=$((SCALE_LEAD_IN - 5 + ${#SCALE_EVENTS[@]} * SCALE_EVERY))s SHOP_LOAD_DROP=0s \
  SHOP_LOAD_SHOPPERS=20 SHOP_LOAD_MIX=product=40,browse=10,search=16,login=4,order=12,list=8,cancel=10 \
  SHOP_LOAD_TIMEOUT=5s SHOP_LOAD_REPORT_EVERY=10s SHOP_LOAD_REQUEST_LOG=/tmp/requests.csv \
  docker-compose --profile load up -d --no-deps load > /dev/null 2>&1
load_container=$(container_of load)
# (grep -c reads to the end: grep -q could leave docker logs a broken pipe, which pipefail counts.)
load_begun() { [ "$(docker logs "$load_container" 2>&1 | grep -c '^Load: ')" -gt 0 ]; }
for _ in $(seq 1 600); do
  load_begun && break
  [ "$(docker inspect --format '{{.State.Running}}' "$load_container")" = true ] || { docker logs "$load_container"; fail "the load generator stopped"; }
  sleep 0.2
done
load_started=$(epoch_ms)
load_begun || fail "the load did not start within 2 minutes"
# Its progress lines (every 10 s, errors by kind), as they come, between the events.
docker logs -f "$load_container" 2>&1 | sed -u 's/^/    load | /' &
load_lines=$!
first_event=$((load_started + SCALE_LEAD_IN * 1000))
for i in "${!SCALE_EVENTS[@]}"; do
  IFS='|' read -r name before command window kind replicas <<< "${SCALE_EVENTS[$i]}"
  sleep_until_ms $((first_event + i * SCALE_EVERY * 1000))
  eval "$before"
  started=$(epoch_ms)
  # With the machine's load average: on 2 cores, a starting JVM or anything else running shows there.
  echo "  $(date -u +%H:%M:%S) $name (load average $(cut -d ' ' -f 1 /proc/loadavg))"
  eval "$command" || fail "$name: $command"
  ended=$(epoch_ms)
  printf '%s\t%s\t%s\t%s\t%s\n' "$started" "$ended" "$window" "$kind" "$name" >> "$scale_dir/events.tsv"
  REPLICAS[${replicas%%=*}]=${replicas#*=}
  counts=""
  for service in "${!REPLICAS[@]}"; do
    [ "$(running "$service")" -eq "${REPLICAS[$service]}" ] || counts="$counts $service=$(running "$service") (expected ${REPLICAS[$service]})"
  done
  [ -z "$counts" ] || fail "after '$name', replicas running:$counts"
done
docker wait "$load_container" > /dev/null
wait "$load_lines" || true
kill "$cpu_sampler"
docker cp "$load_container:/tmp/requests.csv" "$scale_dir/requests.csv"
echo "replicas after every event as intended, the others untouched: $(for s in "${!REPLICAS[@]}"; do printf '%s=%s ' "$s" "$(running "$s")"; done)"
echo
scale_verdict=0
python3 .ci/scale-figures.py "$scale_dir/events.tsv" "$scale_dir/requests.csv" "$scale_dir/failing.tsv" || scale_verdict=$?
echo
# For every window that broke a promise: how the containers shared the CPU, what the gateway logged
# then, and the services' replicas still there (those scaled away took their logs with them).
while IFS=$'\t' read -r from to name; do
  echo "-- $name: the gateway's log from $(date -u -d "@$((from / 1000))" +%H:%M:%S) to $(date -u -d "@$((to / 1000))" +%H:%M:%S)"
  python3 .ci/cpu-use.py window "$scale_dir/cpu.tsv" "$from" "$to"
  docker logs --since "$((from / 1000))" --until "$((to / 1000 + 1))" "$(container_of gateway)" 2>&1 | python3 .ci/log-digest.py
  for service in order-service catalog-service user-service; do
    for container in $(docker-compose ps -q "$service"); do
      said=$(docker logs --since "$((from / 1000))" --until "$((to / 1000 + 1))" "$container" 2>&1)
      [ -z "$said" ] || { echo "   $service $(docker inspect --format '{{.Name}}' "$container"):"; echo "$said" | python3 .ci/log-digest.py 8; }
    done
  done
done < "$scale_dir/failing.tsv"
echo "== After the scale events: every order settled, none lost, stock taken = confirmed quantities"
orders_settled_since "$since"
[ "$scale_verdict" = 0 ] || fail "scaling under load failed requests (above)"
rm -rf "$scale_dir"

echo "== Tearing down"
teardown
trap - EXIT
left=$(docker ps -aq --filter label=com.docker.compose.project=shop; docker network ls -q --filter label=com.docker.compose.project=shop; docker volume ls -q --filter label=com.docker.compose.project=shop)
[ -z "$left" ] || fail "left behind: $left"
echo "no containers, networks or volumes left"

echo
echo "| Image | Size | App layers | of which the AOT cache | Build | Start → Quarkus started | Start → ready (warm) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
base_size=$(docker image inspect --format '{{.Size}}' "$JRE_IMAGE")
for service in "${SERVICES[@]}"; do
  image="shop/$service:1.0.0-SNAPSHOT"
  size=$(docker image inspect --format '{{.Size}}' "$image")
  printf '| %s | %d MB | %d MB | %d MB | %ss | %ss | %ss |\n' "$image" $(( size / 1000000 )) $(( (size - base_size) / 1000000 )) \
    "${AOT_MB[$service]}" "${BUILD_SECONDS[$service]}" "${STARTED_IN[$service]}" "${READY_SECONDS[$service]}"
done
echo "(base $JRE_IMAGE: $(( base_size / 1000000 )) MB)"
