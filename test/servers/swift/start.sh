#!/usr/bin/env bash
# OpenStack Swift with its s3api middleware (checks SigV4 signatures for real), single
# node on 127.0.0.1: the S3 stand-in of the integration, e2e and benchmark runs.
# Idempotent: does nothing when it already answers. Installs Debian's packages when
# missing (root, fresh Debian 12). Config, rings and data live under .dev/servers/swift/;
# PIDs go to .dev/servers/swift-*.pid (down.sh stops them); connection details to
# .dev/servers/swift.json.
#
# A second proxy authenticates through Keystone (authtoken + s3token + keystoneauth), on
# the same account/container/object servers and rings: it runs when
# .dev/servers/openstack/swift-keystone.env exists (port, Keystone URL, service user),
# which test/servers/openstack/start.sh writes once Keystone is up before it calls this
# script; its URL is in .dev/servers/openstack.json (swift.proxyUrl), not in swift.json.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PROJECT="$(pwd)"
SERVERS="$PROJECT/.dev/servers"
DIR="$SERVERS/swift"
ETC="$DIR/etc"
DEVICES="$DIR/devices"
LOGS="$DIR/logs"
PROXY_PORT="${SWIFT_PROXY_PORT:-18080}"
OBJECT_PORT="${SWIFT_OBJECT_PORT:-16200}"
CONTAINER_PORT="${SWIFT_CONTAINER_PORT:-16201}"
ACCOUNT_PORT="${SWIFT_ACCOUNT_PORT:-16202}"
MEMCACHED_PORT="${SWIFT_MEMCACHED_PORT:-11311}"
REGION=us-east-1
log() { echo "[swift] $*" >&2; }

answers() {
	curl -fsS -o /dev/null --max-time 3 -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing' \
		"http://127.0.0.1:$PROXY_PORT/auth/v1.0" 2>/dev/null
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

all_alive() {
	for name in memcached proxy account container object; do
		alive "$SERVERS/swift-$name.pid" || return 1
	done
}

base_up() { all_alive && [ -f "$SERVERS/swift.json" ] && answers; }

# The Keystone-backed proxy, when the OpenStack script asked for it.
KEYSTONE_ENV="$SERVERS/openstack/swift-keystone.env"
KEYSTONE_PROXY=""
if [ -f "$KEYSTONE_ENV" ]; then
	# shellcheck disable=SC1090
	. "$KEYSTONE_ENV"
	KEYSTONE_PROXY=1
fi
keystone_proxy_answers() {
	curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT/healthcheck" 2>/dev/null
}
keystone_proxy_up() {
	alive "$SERVERS/swift-proxy-keystone.pid" && keystone_proxy_answers \
		&& [ "$(cat "$DIR/run/proxy-keystone.env" 2>/dev/null)" = "$(cat "$KEYSTONE_ENV")" ]
}

mkdir -p "$SERVERS"
# One start at a time: up.sh and the OpenStack script may both call this script.
exec 9>"$SERVERS/swift.lock"
flock -w 600 9

if base_up && { [ -z "$KEYSTONE_PROXY" ] || keystone_proxy_up; }; then
	log "already running on 127.0.0.1:$PROXY_PORT${KEYSTONE_PROXY:+ (Keystone-backed proxy on 127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT)}"
	exit 0
fi

# ---- packages ------------------------------------------------------------------------
PACKAGES="swift swift-proxy swift-account swift-container swift-object python3-swift memcached eatmydata"
[ -z "$KEYSTONE_PROXY" ] || PACKAGES="$PACKAGES python3-keystonemiddleware"
missing=""
for pkg in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
command -v curl >/dev/null || missing="$missing curl"
if [ -n "$missing" ]; then
	log "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	APT="apt-get -o DPkg::Lock::Timeout=600 -q"
	# shellcheck disable=SC2086
	$APT install -y --no-install-recommends $missing >&2 2>&1 || {
		$APT update >&2
		# shellcheck disable=SC2086
		$APT install -y --no-install-recommends $missing >&2
	}
fi

# Swift reads its cluster hash settings from this fixed path; the package ships it.
if [ ! -f /etc/swift/swift.conf ]; then
	mkdir -p /etc/swift
	cat > /etc/swift/swift.conf <<-EOF
	[swift-hash]
	swift_hash_path_suffix = cloud-pack-dev
	swift_hash_path_prefix = cloud-pack-dev
	[storage-policy:0]
	name = Policy-0
	default = yes
	EOF
fi

# ---- stop leftovers of an earlier, partial start --------------------------------------
BASE_RUNNING=""
if base_up; then
	BASE_RUNNING=1
else
	for name in memcached proxy account container object; do
		pidfile="$SERVERS/swift-$name.pid"
		if alive "$pidfile"; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
		rm -f "$pidfile"
	done
	sleep 0.3
fi

# ---- config and rings ------------------------------------------------------------------
mkdir -p "$ETC" "$DEVICES/d1" "$LOGS" "$DIR/run"
common() {
	cat <<-EOF
	[DEFAULT]
	bind_ip = 127.0.0.1
	bind_port = $1
	workers = 0
	user = root
	swift_dir = $ETC
	devices = $DEVICES
	mount_check = false
	log_name = swift-$2
	log_facility = LOG_LOCAL0
	log_level = WARNING
	EOF
}
{
	common "$ACCOUNT_PORT" account
	printf '\n[pipeline:main]\npipeline = account-server\n\n[app:account-server]\nuse = egg:swift#account\n'
} > "$ETC/account-server.conf"
{
	common "$CONTAINER_PORT" container
	printf '\n[pipeline:main]\npipeline = container-server\n\n[app:container-server]\nuse = egg:swift#container\n'
} > "$ETC/container-server.conf"
{
	common "$OBJECT_PORT" object
	printf '\n[pipeline:main]\npipeline = object-server\n\n[app:object-server]\nuse = egg:swift#object\n'
} > "$ETC/object-server.conf"
{
	common "$PROXY_PORT" proxy
	cat <<-EOF

	[pipeline:main]
	pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl s3api tempauth copy slo dlo versioned_writes symlink keymaster encryption proxy-logging proxy-server

	[app:proxy-server]
	use = egg:swift#proxy
	account_autocreate = true
	allow_account_management = true

	[filter:catch_errors]
	use = egg:swift#catch_errors
	[filter:gatekeeper]
	use = egg:swift#gatekeeper
	[filter:healthcheck]
	use = egg:swift#healthcheck
	[filter:proxy-logging]
	use = egg:swift#proxy_logging
	[filter:cache]
	use = egg:swift#memcache
	memcache_servers = 127.0.0.1:$MEMCACHED_PORT
	[filter:listing_formats]
	use = egg:swift#listing_formats
	[filter:bulk]
	use = egg:swift#bulk
	[filter:tempurl]
	use = egg:swift#tempurl
	[filter:s3api]
	use = egg:swift#s3api
	location = $REGION
	allow_multipart_uploads = true
	max_upload_part_num = 10000
	max_multi_delete_objects = 1000
	multi_delete_concurrency = 16
	[filter:tempauth]
	use = egg:swift#tempauth
	user_admin_admin = admin .admin .reseller_admin
	user_test_tester = testing .admin
	user_test2_tester2 = testing2 .admin
	[filter:copy]
	use = egg:swift#copy
	[filter:slo]
	use = egg:swift#slo
	max_manifest_segments = 10000
	[filter:dlo]
	use = egg:swift#dlo
	[filter:versioned_writes]
	use = egg:swift#versioned_writes
	[filter:symlink]
	use = egg:swift#symlink
	# Server-side encryption at rest, so that S3's SSE (AES256) requests are served.
	[filter:keymaster]
	use = egg:swift#keymaster
	encryption_root_secret = Y2xvdWQtcGFjay1kZXYtZW5jcnlwdGlvbi1yb290LXNlY3JldC0wMDAwMDA=
	[filter:encryption]
	use = egg:swift#encryption
	EOF
} > "$ETC/proxy-server.conf"

if [ ! -f "$ETC/object.ring.gz" ]; then
	(
		cd "$ETC"
		for ring in account:$ACCOUNT_PORT container:$CONTAINER_PORT object:$OBJECT_PORT; do
			name=${ring%%:*}
			port=${ring##*:}
			swift-ring-builder "$name.builder" create 8 1 1 >/dev/null
			swift-ring-builder "$name.builder" add --region 1 --zone 1 --ip 127.0.0.1 --port "$port" --device d1 --weight 100 >/dev/null
			swift-ring-builder "$name.builder" rebalance >/dev/null
		done
	)
fi

# ---- processes -----------------------------------------------------------------------
# A throw-away test server: eatmydata turns fsync into a no-op (Swift syncs every object).
start_bg() {
	local name=$1
	shift
	# (8 and 9: the lock files of this script and of the OpenStack one, not for servers.)
	nohup eatmydata "$@" >"$LOGS/$name.log" 2>&1 8>&- 9>&- &
	echo $! > "$SERVERS/swift-$name.pid"
}
start_keystone_proxy() {
	local pidfile="$SERVERS/swift-proxy-keystone.pid"
	if alive "$pidfile"; then
		kill "$(cat "$pidfile")" 2>/dev/null || true
		for _ in $(seq 1 50); do alive "$pidfile" || break; sleep 0.1; done
	fi
	rm -f "$pidfile"
	{
		common "$SWIFT_KEYSTONE_PROXY_PORT" proxy-keystone
		cat <<-EOF

		# The same pipeline as proxy-server.conf, with Keystone instead of tempauth:
		# authtoken (Swift API tokens), s3api + s3token (EC2 credentials), keystoneauth.
		[pipeline:main]
		pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl authtoken s3api s3token keystoneauth copy slo dlo versioned_writes symlink keymaster encryption proxy-logging proxy-server

		[app:proxy-server]
		use = egg:swift#proxy
		account_autocreate = true

		[filter:authtoken]
		paste.filter_factory = keystonemiddleware.auth_token:filter_factory
		www_authenticate_uri = $SWIFT_KEYSTONE_AUTH_URL
		auth_url = $SWIFT_KEYSTONE_AUTH_URL
		auth_type = password
		project_domain_id = default
		user_domain_id = default
		project_name = $SWIFT_KEYSTONE_PROJECT
		username = $SWIFT_KEYSTONE_USER
		password = $SWIFT_KEYSTONE_PASSWORD
		delay_auth_decision = True
		cache = swift.cache
		include_service_catalog = False
		[filter:s3token]
		use = egg:swift#s3token
		auth_uri = $SWIFT_KEYSTONE_AUTH_URL
		# Debian's Keystone wants service credentials on POST /v3/s3tokens; without them
		# every S3 request fails as SignatureDoesNotMatch.
		auth_url = $SWIFT_KEYSTONE_AUTH_URL
		auth_type = password
		project_domain_id = default
		user_domain_id = default
		project_name = $SWIFT_KEYSTONE_PROJECT
		username = $SWIFT_KEYSTONE_USER
		password = $SWIFT_KEYSTONE_PASSWORD
		[filter:keystoneauth]
		use = egg:swift#keystoneauth
		reseller_prefix = AUTH_
		operator_roles = admin, member, SwiftOperator
		reseller_admin_role = ResellerAdmin

		[filter:catch_errors]
		use = egg:swift#catch_errors
		[filter:gatekeeper]
		use = egg:swift#gatekeeper
		[filter:healthcheck]
		use = egg:swift#healthcheck
		[filter:proxy-logging]
		use = egg:swift#proxy_logging
		[filter:cache]
		use = egg:swift#memcache
		memcache_servers = 127.0.0.1:$MEMCACHED_PORT
		[filter:listing_formats]
		use = egg:swift#listing_formats
		[filter:bulk]
		use = egg:swift#bulk
		[filter:tempurl]
		use = egg:swift#tempurl
		[filter:s3api]
		use = egg:swift#s3api
		location = $REGION
		allow_multipart_uploads = true
		max_upload_part_num = 10000
		max_multi_delete_objects = 1000
		multi_delete_concurrency = 16
		[filter:copy]
		use = egg:swift#copy
		[filter:slo]
		use = egg:swift#slo
		max_manifest_segments = 10000
		[filter:dlo]
		use = egg:swift#dlo
		[filter:versioned_writes]
		use = egg:swift#versioned_writes
		[filter:symlink]
		use = egg:swift#symlink
		[filter:keymaster]
		use = egg:swift#keymaster
		encryption_root_secret = Y2xvdWQtcGFjay1kZXYtZW5jcnlwdGlvbi1yb290LXNlY3JldC0wMDAwMDA=
		[filter:encryption]
		use = egg:swift#encryption
		EOF
	} > "$ETC/proxy-server-keystone.conf"
	start_bg proxy-keystone swift-proxy-server "$ETC/proxy-server-keystone.conf"
	for _ in $(seq 1 120); do
		keystone_proxy_answers && break
		if ! alive "$pidfile"; then
			log "swift-proxy-keystone exited:"
			tail -n 40 "$LOGS/proxy-keystone.log" >&2
			exit 1
		fi
		sleep 0.25
	done
	if ! keystone_proxy_answers; then
		log "the Keystone-backed proxy did not answer on 127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT"
		tail -n 40 "$LOGS/proxy-keystone.log" >&2
		exit 1
	fi
	cp "$KEYSTONE_ENV" "$DIR/run/proxy-keystone.env"
	log "ready: Keystone-backed proxy at http://127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT (Keystone $SWIFT_KEYSTONE_AUTH_URL)"
}

if [ -n "$BASE_RUNNING" ]; then
	[ -z "$KEYSTONE_PROXY" ] || start_keystone_proxy
	exit 0
fi

start_bg memcached memcached -u root -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 64
for server in account container object; do
	start_bg "$server" "swift-$server-server" "$ETC/$server-server.conf"
done
start_bg proxy swift-proxy-server "$ETC/proxy-server.conf"

for _ in $(seq 1 120); do
	if answers; then break; fi
	for name in memcached proxy account container object; do
		if ! alive "$SERVERS/swift-$name.pid"; then
			log "swift-$name exited:"
			tail -n 40 "$LOGS/$name.log" >&2
			exit 1
		fi
	done
	sleep 0.25
done
if ! answers; then
	log "did not answer on 127.0.0.1:$PROXY_PORT"
	tail -n 40 "$LOGS/proxy.log" >&2
	exit 1
fi

cat > "$SERVERS/swift.json" <<EOF
{
	"s3Endpoint": "http://127.0.0.1:$PROXY_PORT",
	"region": "$REGION",
	"accessKeyId": "test:tester",
	"secretAccessKey": "testing",
	"swiftAuthUrl": "http://127.0.0.1:$PROXY_PORT/auth/v1.0",
	"swiftUser": "test:tester",
	"swiftKey": "testing"
}
EOF
log "ready: S3 at http://127.0.0.1:$PROXY_PORT (region $REGION), Swift auth at /auth/v1.0"
[ -z "$KEYSTONE_PROXY" ] || start_keystone_proxy
