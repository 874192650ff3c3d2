#!/usr/bin/env bash
# A real OpenStack (Zed, from Debian 12's packages) on 127.0.0.1 for the OpenStack nodes'
# integration and end-to-end tests: Keystone (and a second Keystone that issues short
# tokens), Placement, Glance, Nova (fake compute driver), Cinder (fake volume driver),
# Neutron (ML2 + a port-binding shim, routers, floating IPs), Octavia (no-op drivers),
# Designate (fake backend), Heat, and Swift through Keystone (test/servers/swift/start.sh).
# See README.md beside this file for ports, accounts and what is worked around.
#
# Idempotent: does nothing when everything already answers; otherwise stops the leftovers
# of an earlier start (by the PIDs it recorded) and starts everything again on the data it
# keeps. Installs the Debian packages it needs when they are missing (root). Config, data
# and logs live under .dev/servers/openstack/; PIDs in .dev/servers/openstack-<name>.pid
# (down.sh stops them); connection details in .dev/servers/openstack.json, written once
# everything answers.
set -euo pipefail
now_ms() { date +%s%3N; }
T_START=$(now_ms)
cd "$(dirname "$0")/../../.."
PROJECT="$(pwd)"
HERE="$PROJECT/test/servers/openstack"
export SERVERS="$PROJECT/.dev/servers"
export DIR="$SERVERS/openstack"
export ETC="$DIR/etc" DATA="$DIR/data" LOGS="$DIR/logs" RUN="$DIR/run" BIN="$DIR/bin" PKG="$DIR/pkg"
export STATE="$DIR/state" PKG_ROOT="$PKG/root"
export JSON="$SERVERS/openstack.json"
PY=/usr/bin/python3
SETUP="$HERE/setup.py"

# ---- ports (127.0.0.1 only) -------------------------------------------------------------
export KEYSTONE_PORT="${OPENSTACK_KEYSTONE_PORT:-15000}"
export KEYSTONE_SHORT_PORT="${OPENSTACK_KEYSTONE_SHORT_PORT:-15001}"
export HEAT_PORT="${OPENSTACK_HEAT_PORT:-15004}"
export SWIFT_KEYSTONE_PORT="${OPENSTACK_SWIFT_PORT:-15080}"
export GLANCE_PORT="${OPENSTACK_GLANCE_PORT:-15292}"
export MYSQL_PORT="${OPENSTACK_MYSQL_PORT:-15306}"
export DESIGNATE_MDNS_PORT="${OPENSTACK_DESIGNATE_MDNS_PORT:-15354}"
export EPMD_PORT="${OPENSTACK_EPMD_PORT:-15369}"
export RABBIT_PORT="${OPENSTACK_RABBIT_PORT:-15572}"
export RABBIT_DIST_PORT="${OPENSTACK_RABBIT_DIST_PORT:-15573}"
export NEUTRON_PORT="${OPENSTACK_NEUTRON_PORT:-15696}"
export NOVA_PORT="${OPENSTACK_NOVA_PORT:-15774}"
export CINDER_PORT="${OPENSTACK_CINDER_PORT:-15776}"
export PLACEMENT_PORT="${OPENSTACK_PLACEMENT_PORT:-15778}"
export OCTAVIA_PORT="${OPENSTACK_OCTAVIA_PORT:-15876}"
export DESIGNATE_PORT="${OPENSTACK_DESIGNATE_PORT:-15901}"

# ---- accounts: a throw-away cloud on loopback, so fixed secrets ---------------------------
export REGION=RegionOne
export ADMIN_PASSWORD=cloudpack-admin-secret
export SERVICE_USER=cloudpack-services SERVICE_PASSWORD=cloudpack-services-secret
export MEMBER_USER=cloudpack-member MEMBER_PASSWORD=cloudpack-member-secret MEMBER_PROJECT=cloudpack
export OTHER_USER=cloudpack-other-member OTHER_PASSWORD=cloudpack-other-secret OTHER_PROJECT=cloudpack-other
export SHORT_TOKEN_SECONDS="${OPENSTACK_SHORT_TOKEN_SECONDS:-60}"
DB_PASSWORD=cloudpack-db-secret
export DB="mysql+pymysql://openstack:$DB_PASSWORD@127.0.0.1:$MYSQL_PORT"
export TRANSPORT_URL="rabbit://guest:guest@127.0.0.1:$RABBIT_PORT/"
KS="http://127.0.0.1:$KEYSTONE_PORT/v3"
SERVICEAUTH="auth_type = password
auth_url = $KS
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $SERVICE_USER
password = $SERVICE_PASSWORD
region_name = $REGION"
export SERVICEAUTH
export AUTHTOKEN="www_authenticate_uri = $KS
$SERVICEAUTH
service_token_roles_required = true"

# Which groups of services run (all by default).
ALL_GROUPS="keystone placement glance nova cinder neutron octavia designate heat"
export GROUPS_ON="${OPENSTACK_SERVICES:-$ALL_GROUPS}"
on() { [[ " $GROUPS_ON " == *" $1 "* ]]; }

declare -A PROCS=(
	[keystone]="keystone keystone-short"
	[placement]="placement"
	[glance]="glance-api"
	[nova]="nova-api nova-conductor nova-scheduler nova-compute"
	[cinder]="cinder-api cinder-scheduler cinder-volume"
	[neutron]="neutron-server"
	[octavia]="octavia-api octavia-worker"
	[designate]="designate-central designate-api designate-mdns designate-worker designate-producer"
	[heat]="heat-api heat-engine"
)
NAMES="mariadb epmd rabbitmq"
for group in $GROUPS_ON; do NAMES="$NAMES ${PROCS[$group]}"; done

elapsed() { echo $(( ($(now_ms) - T_START) / 1000 )); }
log() { echo "[openstack +$(elapsed)s] $*" >&2; }
pidfile() { echo "$SERVERS/openstack-$1.pid"; }
pid_alive() {
	# The process of PID file $1 runs and is not a zombie (no fork: fast on a busy machine).
	local pid="" stat=""
	[ -f "$1" ] && read -r pid < "$1" 2>/dev/null || return 1
	[[ "$pid" =~ ^[0-9]+$ ]] && read -r stat < "/proc/$pid/stat" 2>/dev/null || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}
alive() { pid_alive "$SERVERS/openstack-$1.pid"; }
all_alive() {
	local name
	for name in $NAMES; do alive "$name" || return 1; done
	pid_alive "$SERVERS/swift-proxy-keystone.pid"
}

mkdir -p "$SERVERS"
# One start at a time (up.sh may run next to a developer's own call).
exec 8>"$SERVERS/openstack.lock"
flock -w 1200 8

if [ -f "$JSON" ] && all_alive && "$PY" "$SETUP" check 2>/dev/null; then
	log "already running (Keystone at $KS); $(elapsed) s"
	exit 0
fi

# ---- packages ------------------------------------------------------------------------------
PACKAGES="python3-keystone python3-keystonemiddleware python3-placement python3-glance python3-nova
python3-cinder python3-neutron python3-octavia python3-designate python3-heat python3-pymysql
mariadb-server rabbitmq-server uwsgi-core uwsgi-plugin-python3 eatmydata curl openssl
swift swift-proxy swift-account swift-container swift-object python3-swift memcached"
install_packages() {
	local missing="" pkg t
	for pkg in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
	done
	[ -n "$missing" ] || return 0
	t=$(now_ms)
	mkdir -p "$LOGS"
	log "installing Debian packages:$missing (log: $LOGS/apt.log)"
	export DEBIAN_FRONTEND=noninteractive
	local apt="apt-get -o DPkg::Lock::Timeout=600 -q" policy_added="" status=0
	# Packages must not start their services (they would take the default ports).
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		policy_added=1
	fi
	{
		command -v eatmydata >/dev/null || $apt install -y --no-install-recommends eatmydata \
			|| { $apt update && $apt install -y --no-install-recommends eatmydata; }
		# shellcheck disable=SC2086
		eatmydata $apt install -y --no-install-recommends $missing \
			|| { $apt update && eatmydata $apt install -y --no-install-recommends $missing; }
	} >>"$LOGS/apt.log" 2>&1 || status=$?
	[ -z "$policy_added" ] || rm -f /usr/sbin/policy-rc.d
	if [ "$status" != 0 ]; then
		tail -n 30 "$LOGS/apt.log" >&2
		log "apt-get failed"
		exit 1
	fi
	log "install: $(( ($(now_ms) - t) / 1000 )) s"
}

# The service packages (nova-common, …) run database configuration on install, and
# nova-compute pulls in libvirt and qemu: only their api-paste.ini files are needed,
# so they are downloaded and unpacked, not installed.
COMMON_PACKAGES="nova-common:python3-nova glance-common:python3-glance cinder-common:python3-cinder
neutron-common:python3-neutron designate-common:python3-designate heat-common:python3-heat"
fetch_service_files() {
	local stamp="" spec pkg lib version specs=""
	for spec in $COMMON_PACKAGES; do
		pkg=${spec%%:*}
		lib=${spec##*:}
		version=$(dpkg-query -W -f='${Version}' "$lib")
		stamp="$stamp $pkg=$version"
		specs="$specs $pkg=$version"
	done
	if [ -f "$PKG/stamp" ] && [ "$(cat "$PKG/stamp")" = "$stamp" ]; then return 0; fi
	rm -rf "$PKG"
	mkdir -p "$PKG/debs" "$PKG/root"
	chown _apt "$PKG/debs" 2>/dev/null || chmod 777 "$PKG/debs"
	# shellcheck disable=SC2086
	(cd "$PKG/debs" && { apt-get -q download $specs || { apt-get -q update && apt-get -q download $specs; }; }) \
		>>"$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; log "apt-get download failed"; exit 1; }
	local deb
	for deb in "$PKG"/debs/*.deb; do dpkg -x "$deb" "$PKG/root"; done
	echo "$stamp" > "$PKG/stamp"
}

# ---- helpers --------------------------------------------------------------------------------
start_bg() {
	# A clean environment: nothing of the caller's (nor this script's exports) leaks in.
	local name=$1
	shift
	setsid nohup env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME="${HOME:-/root}" LANG=C.UTF-8 "$@" >"$LOGS/$name.log" 2>&1 </dev/null 8>&- 9>&- &
	echo $! > "$(pidfile "$name")"
}

launcher() {
	# A console script of a service package that python3-* does not ship.
	local name=$1 target=$2
	cat > "$BIN/$name" <<-EOF
	#!/usr/bin/python3
	import sys
	from ${target%%:*} import ${target##*:}
	sys.exit(${target##*:}())
	EOF
	chmod +x "$BIN/$name"
}

pkg_version() { dpkg-query -W -f='${Version}' "$1"; }
migrated() { [ -f "$DATA/migrated-$1" ] && [ "$(cat "$DATA/migrated-$1")" = "$(pkg_version "$2")" ]; }
mark_migrated() { pkg_version "$2" > "$DATA/migrated-$1"; }

wait_file() {
	local i
	for i in $(seq 1 1200); do
		[ -f "$1" ] && return 0
		[ -f "$RUN/failed" ] && { echo "an earlier step failed" >&2; return 1; }
		sleep 0.25
	done
	echo "timed out waiting for $1" >&2
	return 1
}

wait_port() {
	local i
	for i in $(seq 1 600); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.2
	done
	echo "nothing listens on 127.0.0.1:$1" >&2
	return 1
}

CHAIN_PIDS=()
CHAIN_NAMES=()
run_chain() {
	# Runs a function in the background; its output goes to logs/start-NAME.log.
	local name=$1
	shift
	(
		set +e
		(
			set -e
			"$@"
		)
		rc=$?
		if [ $rc != 0 ]; then touch "$RUN/failed"; fi
		exit $rc
	) >"$LOGS/start-$name.log" 2>&1 &
	CHAIN_PIDS+=($!)
	CHAIN_NAMES+=("$name")
}
wait_chains() {
	local i failed=0
	for i in "${!CHAIN_PIDS[@]}"; do
		if ! wait "${CHAIN_PIDS[$i]}"; then
			log "${CHAIN_NAMES[$i]} failed (logs/start-${CHAIN_NAMES[$i]}.log):"
			tail -n 40 "$LOGS/start-${CHAIN_NAMES[$i]}.log" >&2
			failed=1
		fi
	done
	CHAIN_PIDS=()
	CHAIN_NAMES=()
	if [ $failed != 0 ]; then
		log "failed; the processes started so far keep running (logs in $LOGS); run again to retry"
		exit 1
	fi
}

step() { echo "[+$(elapsed)s] $*"; }

# ---- infrastructure ---------------------------------------------------------------------------
start_mariadb() {
	if [ ! -d "$DATA/mysql/mysql" ]; then
		rm -rf "$DATA/mysql"
		mkdir -p "$DATA/mysql"
		mariadb-install-db --no-defaults --datadir="$DATA/mysql" --user=root \
			--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
			>"$LOGS/mariadb-install.log" 2>&1
	fi
	# A throw-away database: eatmydata turns fsync into a no-op.
	start_bg mariadb eatmydata mariadbd --no-defaults --datadir="$DATA/mysql" --user=root \
		--socket="$RUN/mysqld.sock" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
		--pid-file="$RUN/mysqld.pid" --log-error="$LOGS/mariadb-error.log" --skip-name-resolve \
		--skip-log-bin --innodb-buffer-pool-size=256M --innodb-log-file-size=128M \
		--innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-file-per-table=0 \
		--character-set-server=utf8mb3 --collation-server=utf8mb3_general_ci \
		--max-connections=4000 --performance-schema=OFF --table-open-cache=4000
}

create_databases() {
	local i sql="" db
	for i in $(seq 1 300); do
		mariadb-admin --no-defaults --socket="$RUN/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
		alive mariadb || { tail -n 30 "$LOGS/mariadb-error.log" >&2; log "mariadb exited"; exit 1; }
		sleep 0.2
	done
	for db in keystone placement glance nova_api nova nova_cell0 cinder neutron octavia designate heat; do
		sql="$sql CREATE DATABASE IF NOT EXISTS $db;"
	done
	mariadb --no-defaults --socket="$RUN/mysqld.sock" -uroot -e "$sql
		CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
		GRANT ALL PRIVILEGES ON *.* TO 'openstack'@'127.0.0.1';"
}

start_rabbitmq() {
	mkdir -p "$DATA/rabbitmq" "$LOGS/rabbitmq"
	# Our own epmd (port mapper) on loopback, so that Erlang does not start a detached one.
	start_bg epmd env ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EPMD_PORT"
	wait_port "$EPMD_PORT"
	: > "$ETC/rabbitmq-env.conf"
	echo "[]." > "$ETC/rabbitmq-enabled-plugins"
	start_bg rabbitmq env HOME="$DATA/rabbitmq" \
		RABBITMQ_CONF_ENV_FILE="$ETC/rabbitmq-env.conf" \
		RABBITMQ_CONFIG_FILE="$ETC/rabbitmq.conf" \
		RABBITMQ_ENABLED_PLUGINS_FILE="$ETC/rabbitmq-enabled-plugins" \
		RABBITMQ_MNESIA_BASE="$DATA/rabbitmq/mnesia" \
		RABBITMQ_LOG_BASE="$LOGS/rabbitmq" \
		RABBITMQ_PID_FILE="$RUN/rabbitmq.pid" \
		RABBITMQ_NODENAME=cloudpack@localhost \
		RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
		RABBITMQ_NODE_PORT="$RABBIT_PORT" \
		RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
		ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
		/usr/lib/rabbitmq/bin/rabbitmq-server
}

uwsgi_app() {
	# name port threads wsgi-file [--env K=V ...]: one worker process with THREADS threads.
	local name=$1 port=$2 threads=$3 wsgi=$4
	shift 4
	# uwsgi does no keep-alive: without "Connection: close" the services' HTTP clients
	# reuse the socket and fail with ConnectionResetError(104). --lazy-apps: the app is
	# loaded in the worker only (a master that holds a copy too would double the memory).
	start_bg "$name" uwsgi --plugin python3 --http-socket "127.0.0.1:$port" --wsgi-file "$wsgi" \
		--master --lazy-apps --processes 1 --threads "$threads" --enable-threads --die-on-term \
		--need-app --add-header "Connection: close" --buffer-size 65535 \
		--procname-prefix-spaced "$name" "$@"
}

# ---- the service groups (each runs in the background: migrations, then processes) ---------------
chain_keystone() {
	step "keystone: database"
	local manage="keystone-manage --config-file $ETC/keystone.conf"
	if ! migrated keystone python3-keystone; then
		$manage db_sync
		[ -f "$DATA/keystone/fernet-keys/0" ] || $manage fernet_setup --keystone-user root --keystone-group root
		[ -f "$DATA/keystone/credential-keys/0" ] || $manage credential_setup --keystone-user root --keystone-group root
		$manage bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin \
			--bootstrap-project-name admin --bootstrap-role-name admin \
			--bootstrap-admin-url "$KS" --bootstrap-public-url "$KS" --bootstrap-internal-url "$KS" \
			--bootstrap-region-id "$REGION"
		mark_migrated keystone python3-keystone
	fi
	step "keystone: start"
	printf 'from keystone.server.wsgi import initialize_public_application\napplication = initialize_public_application()\n' \
		> "$BIN/keystone.wsgi"
	uwsgi_app keystone "$KEYSTONE_PORT" 4 "$BIN/keystone.wsgi" \
		--env OS_KEYSTONE_CONFIG_DIR="$ETC" --env OS_KEYSTONE_CONFIG_FILES=keystone.conf
	uwsgi_app keystone-short "$KEYSTONE_SHORT_PORT" 2 "$BIN/keystone.wsgi" \
		--env OS_KEYSTONE_CONFIG_DIR="$ETC/short" --env OS_KEYSTONE_CONFIG_FILES=keystone.conf
	"$PY" "$SETUP" wait-http keystone "$KS" 120 keystone
	"$PY" "$SETUP" wait-http keystone-short "http://127.0.0.1:$KEYSTONE_SHORT_PORT/v3" 120 keystone-short
	step "keystone: identity"
	"$PY" "$SETUP" identity
	touch "$RUN/identity.done"
	# Swift behind Keystone: a second proxy of test/servers/swift (its own port and pipeline).
	step "swift: proxy with the Keystone pipeline"
	cat > "$DIR/swift-keystone.env" <<-EOF
	SWIFT_KEYSTONE_PROXY_PORT=$SWIFT_KEYSTONE_PORT
	SWIFT_KEYSTONE_AUTH_URL=$KS
	SWIFT_KEYSTONE_USER=$SERVICE_USER
	SWIFT_KEYSTONE_PASSWORD=$SERVICE_PASSWORD
	SWIFT_KEYSTONE_PROJECT=service
	EOF
	bash "$PROJECT/test/servers/swift/start.sh"
}

chain_placement() {
	step "placement: database"
	if ! migrated placement python3-placement; then
		placement-manage --config-file "$ETC/placement.conf" db sync
		mark_migrated placement python3-placement
	fi
	printf 'from placement.wsgi import init_application\napplication = init_application()\n' > "$BIN/placement.wsgi"
	uwsgi_app placement "$PLACEMENT_PORT" 2 "$BIN/placement.wsgi" --env OS_PLACEMENT_CONFIG_DIR="$ETC"
	"$PY" "$SETUP" wait-http placement "http://127.0.0.1:$PLACEMENT_PORT/" 120 placement
	step "placement: up"
}

chain_glance() {
	step "glance: database"
	mkdir -p "$DATA/glance/images" "$DATA/glance/staging" "$DATA/glance/tasks"
	launcher glance-api glance.cmd.api:main
	launcher glance-manage glance.cmd.manage:main
	if ! migrated glance python3-glance; then
		"$BIN/glance-manage" --config-file "$ETC/glance-api.conf" db_sync
		mark_migrated glance python3-glance
	fi
	start_bg glance-api "$BIN/glance-api" --config-file "$ETC/glance-api.conf"
	"$PY" "$SETUP" wait-http glance "http://127.0.0.1:$GLANCE_PORT/" 120 glance-api
	step "glance: up"
}

chain_nova() {
	step "nova: databases"
	mkdir -p "$DATA/nova"
	local name
	for name in api:api conductor:conductor scheduler:scheduler compute:compute manage:manage; do
		launcher "nova-${name%%:*}" "nova.cmd.${name##*:}:main"
	done
	local manage="$BIN/nova-manage --config-file $ETC/nova.conf"
	if ! migrated nova python3-nova; then
		$manage api_db sync
		$manage cell_v2 map_cell0 --database_connection "$DB/nova_cell0?charset=utf8"
		$manage cell_v2 list_cells | grep -q ' cell1 ' || $manage cell_v2 create_cell --name cell1
		$manage db sync
		mark_migrated nova python3-nova
	fi
	for name in api conductor scheduler; do
		start_bg "nova-$name" "$BIN/nova-$name" --config-file "$ETC/nova.conf"
	done
	# nova-compute reports its resources to Placement as it starts: with the service user.
	wait_file "$RUN/identity.done"
	wait_file "$RUN/placement.done"
	start_bg nova-compute "$BIN/nova-compute" --config-file "$ETC/nova.conf"
	"$PY" "$SETUP" wait-http nova "http://127.0.0.1:$NOVA_PORT/" 120 nova-api nova-conductor nova-scheduler nova-compute
	step "nova: up"
}

chain_cinder() {
	step "cinder: database"
	mkdir -p "$DATA/cinder"
	local name
	for name in api scheduler volume manage; do launcher "cinder-$name" "cinder.cmd.$name:main"; done
	if ! migrated cinder python3-cinder; then
		"$BIN/cinder-manage" --config-file "$ETC/cinder.conf" db sync
		mark_migrated cinder python3-cinder
	fi
	for name in api scheduler volume; do
		start_bg "cinder-$name" env PYTHONPATH="$HERE/shims" "$BIN/cinder-$name" --config-file "$ETC/cinder.conf"
	done
	"$PY" "$SETUP" wait-http cinder "http://127.0.0.1:$CINDER_PORT/" 120 cinder-api cinder-scheduler cinder-volume
	step "cinder: up"
}

chain_neutron() {
	step "neutron: database"
	mkdir -p "$DATA/neutron"
	launcher neutron-server neutron.cmd.eventlet.server:main
	launcher neutron-db-manage neutron.db.migration.cli:main
	if ! migrated neutron python3-neutron; then
		"$BIN/neutron-db-manage" --config-file "$ETC/neutron.conf" upgrade heads
		mark_migrated neutron python3-neutron
	fi
	start_bg neutron-server env PYTHONPATH="$HERE/shims" "$BIN/neutron-server" --config-file "$ETC/neutron.conf"
	"$PY" "$SETUP" wait-http neutron "http://127.0.0.1:$NEUTRON_PORT/" 180 neutron-server
	step "neutron: up"
}

chain_octavia() {
	step "octavia: certificates and database"
	local ca="$DATA/octavia/ca"
	mkdir -p "$ca" "$DATA/octavia/certs"
	if [ ! -f "$ca/client.pem" ]; then
		# A throw-away CA for the local certificate generator (the default is Barbican).
		openssl req -x509 -newkey rsa:2048 -days 3650 -subj "/CN=cloudpack-octavia-ca" \
			-keyout "$ca/ca.key" -passout pass:cloudpack-octavia-ca -out "$ca/ca.crt" 2>/dev/null
		openssl req -newkey rsa:2048 -nodes -subj "/CN=cloudpack-octavia-client" \
			-keyout "$ca/client.key" -out "$ca/client.csr" 2>/dev/null
		openssl x509 -req -in "$ca/client.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" \
			-passin pass:cloudpack-octavia-ca -CAcreateserial -days 3650 -out "$ca/client.crt" 2>/dev/null
		cat "$ca/client.crt" "$ca/client.key" > "$ca/client.pem"
	fi
	if ! migrated octavia python3-octavia; then
		octavia-db-manage --config-file "$ETC/octavia.conf" upgrade head
		mark_migrated octavia python3-octavia
	fi
	printf 'from octavia.api.app import setup_app\napplication = setup_app(argv=["octavia-api", "--config-file", "%s"])\n' \
		"$ETC/octavia.conf" > "$BIN/octavia.wsgi"
	uwsgi_app octavia-api "$OCTAVIA_PORT" 1 "$BIN/octavia.wsgi"
	start_bg octavia-worker octavia-worker --config-file "$ETC/octavia.conf"
	"$PY" "$SETUP" wait-http octavia "http://127.0.0.1:$OCTAVIA_PORT/" 120 octavia-api octavia-worker
	step "octavia: up"
}

chain_designate() {
	step "designate: database"
	local name
	for name in api central mdns worker producer manage; do launcher "designate-$name" "designate.cmd.$name:main"; done
	if ! migrated designate python3-designate; then
		"$BIN/designate-manage" --config-file "$ETC/designate.conf" database sync
		mark_migrated designate python3-designate
	fi
	for name in central api mdns worker producer; do
		start_bg "designate-$name" "$BIN/designate-$name" --config-file "$ETC/designate.conf"
	done
	# The pool's target (fake backend) and nameserver (designate-mdns); via central (RPC).
	if [ ! -f "$DATA/designate-pool" ] || ! cmp -s "$ETC/pools.yaml" "$DATA/designate-pool"; then
		"$BIN/designate-manage" --config-file "$ETC/designate.conf" pool update --file "$ETC/pools.yaml"
		cp "$ETC/pools.yaml" "$DATA/designate-pool"
	fi
	"$PY" "$SETUP" wait-http designate "http://127.0.0.1:$DESIGNATE_PORT/" 120 designate-central designate-api designate-mdns designate-worker designate-producer
	step "designate: up"
}

chain_heat() {
	step "heat: database"
	local name
	for name in api engine manage; do launcher "heat-$name" "heat.cmd.$name:main"; done
	if ! migrated heat python3-heat; then
		"$BIN/heat-manage" --config-file "$ETC/heat.conf" db_sync
		mark_migrated heat python3-heat
	fi
	for name in api engine; do
		start_bg "heat-$name" "$BIN/heat-$name" --config-file "$ETC/heat.conf"
	done
	"$PY" "$SETUP" wait-http heat "http://127.0.0.1:$HEAT_PORT/" 120 heat-api heat-engine
	step "heat: up"
}

# ---- main ------------------------------------------------------------------------------------
install_packages
mkdir -p "$ETC/short" "$DATA/keystone" "$LOGS" "$RUN/lock" "$BIN" "$STATE"
fetch_service_files

log "stopping leftovers of an earlier start"
bash "$PROJECT/test/servers/down.sh" openstack-
rm -f "$JSON" "$RUN/identity.done" "$RUN/placement.done" "$RUN/failed"

T_SERVICES=$(now_ms)
export KEYSTONE_NAME=keystone TOKEN_EXPIRATION=3600
"$PY" "$SETUP" render "$HERE/etc" "$ETC"
KEYSTONE_NAME=keystone-short TOKEN_EXPIRATION="$SHORT_TOKEN_SECONDS" \
	"$PY" "$SETUP" render "$HERE/etc" "$ETC/short" keystone.conf

log "starting MariaDB (127.0.0.1:$MYSQL_PORT) and RabbitMQ (127.0.0.1:$RABBIT_PORT)"
start_mariadb
start_rabbitmq
create_databases

log "migrations and services: $GROUPS_ON (progress: $LOGS/start-*.log)"
for group in $GROUPS_ON; do
	run_chain "$group" "chain_$group"
done
if on placement; then
	# nova-compute reports to Placement as it starts.
	(wait_file "$RUN/identity.done" && "$PY" "$SETUP" wait-http placement "http://127.0.0.1:$PLACEMENT_PORT/" 300 \
		&& touch "$RUN/placement.done") >/dev/null 2>&1 &
else
	touch "$RUN/placement.done"
fi
wait_chains
wait_port "$RABBIT_PORT"
log "all processes started; checking every service"

resources=""
on nova && resources="$resources compute"
on glance && resources="$resources image"
on neutron && resources="$resources network"
on cinder && resources="$resources volume"
on designate && resources="$resources dns"
on heat && resources="$resources orchestration"
on octavia && resources="$resources lb"
# shellcheck disable=SC2086
[ -z "$resources" ] || "$PY" "$SETUP" resources $resources

for name in $NAMES; do
	alive "$name" || { log "$name exited:"; tail -n 30 "$LOGS/$name.log" >&2; exit 1; }
done
"$PY" "$SETUP" write-json
log "ready in $(( ($(now_ms) - T_SERVICES) / 1000 )) s (total $(elapsed) s): Keystone $KS, short tokens http://127.0.0.1:$KEYSTONE_SHORT_PORT/v3 ($SHORT_TOKEN_SECONDS s); $JSON"
