#!/usr/bin/python3
"""Helpers of test/servers/openstack/start.sh, run with Debian's /usr/bin/python3.

  setup.py render SRC OUT [FILE...]        templates: @NAME@ -> $NAME (error if unset)
  setup.py wait-http NAME URL [SECONDS]    until URL answers (any status below 500)
  setup.py identity                        projects, users, roles, catalog, app credential
  setup.py resources                       flavors, image, public network, quotas, checks
  setup.py check                           fast check that everything answers (exit 1 if not)
  setup.py write-json                      .dev/servers/openstack.json

Everything is idempotent: it looks up before it creates. Settings come from the
environment that start.sh exports; state (ids, the application credential's secret)
is kept in $STATE/*.json.
"""
import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests

E = os.environ


def log(msg):
    print(f"[openstack] {msg}", file=sys.stderr, flush=True)


# ---- templates ------------------------------------------------------------------------
def render(src_dir, out_dir, only=()):
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(src_dir)):
        if only and name not in only:
            continue
        with open(os.path.join(src_dir, name)) as f:
            text = f.read()

        def sub(m):
            key = m.group(1)
            if key not in E:
                raise SystemExit(f"render {name}: @{key}@ is not set")
            return E[key]

        text = re.sub(r"@([A-Z][A-Z0-9_]*)@", sub, text)
        out = os.path.join(out_dir, name)
        old = None
        if os.path.exists(out):
            with open(out) as f:
                old = f.read()
        if old != text:
            with open(out, "w") as f:
                f.write(text)


# ---- HTTP -----------------------------------------------------------------------------
HTTP = requests.Session()


class ApiError(Exception):
    pass


def call(method, url, token=None, expect=(200, 201, 202, 204), retries=0, **kw):
    headers = kw.pop("headers", {})
    if token:
        headers["X-Auth-Token"] = token
    kw.setdefault("timeout", 60)
    for attempt in range(retries + 1):
        try:
            r = HTTP.request(method, url, headers=headers, **kw)
        except requests.ConnectionError:
            if attempt == retries:
                raise
            time.sleep(1)
            continue
        if r.status_code in expect:
            return r
        if r.status_code >= 500 and attempt < retries:
            time.sleep(1)
            continue
        raise ApiError(f"{method} {url} -> {r.status_code} {r.text[:500]}")
    raise AssertionError("unreachable")


def body(r):
    return r.json() if r.content else None


def process_alive(name):
    """The process of .dev/servers/openstack-NAME.pid runs (not a zombie)."""
    try:
        with open(os.path.join(E["SERVERS"], f"openstack-{name}.pid")) as f:
            pid = int(f.read().strip())
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, ValueError):
        return False


def wait_http(name, url, seconds=180, processes=()):
    deadline = time.time() + seconds
    while True:
        for process in processes:
            if not process_alive(process):
                log_file = os.path.join(E["LOGS"], f"{process}.log")
                tail = open(log_file, errors="replace").read()[-3000:] if os.path.exists(log_file) else ""
                raise SystemExit(f"{process} exited ({log_file}):\n{tail}")
        try:
            r = HTTP.get(url, timeout=5)
            if r.status_code < 500:
                return
        except requests.RequestException:
            pass
        if time.time() > deadline:
            raise SystemExit(f"{name} did not answer on {url} within {seconds} s")
        time.sleep(0.3)


def url(port, path=""):
    return f"http://127.0.0.1:{port}{path}"


KS = url(E.get("KEYSTONE_PORT", "15000"), "/v3")
KS_SHORT = url(E.get("KEYSTONE_SHORT_PORT", "15001"), "/v3")
REGION = E.get("REGION", "RegionOne")


def password_auth(user, password, project=None, domain="Default", auth_url=KS):
    auth = {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "password": password, "domain": {"name": domain}}}}}
    if project:
        auth["scope"] = {"project": {"name": project, "domain": {"name": domain}}}
    r = call("POST", auth_url + "/auth/tokens", json={"auth": auth}, expect=(201,), retries=30)
    return r.headers["X-Subject-Token"], r.json()["token"]


def appcred_auth(cred_id, secret, auth_url=KS):
    auth = {"identity": {"methods": ["application_credential"],
                         "application_credential": {"id": cred_id, "secret": secret}}}
    r = call("POST", auth_url + "/auth/tokens", json={"auth": auth}, expect=(201,))
    return r.headers["X-Subject-Token"], r.json()["token"]


def state_path(name):
    return os.path.join(E["STATE"], name + ".json")


def load_state(name):
    try:
        with open(state_path(name)) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def save_state(name, data):
    os.makedirs(E["STATE"], exist_ok=True)
    tmp = state_path(name) + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2)
    os.replace(tmp, state_path(name))


# ---- identity -------------------------------------------------------------------------
SERVICE_PORTS = {
    # type: (service name, URL)
    "identity": ("keystone", lambda: KS),
    "compute": ("nova", lambda: url(E["NOVA_PORT"], "/v2.1")),
    "placement": ("placement", lambda: url(E["PLACEMENT_PORT"])),
    "image": ("glance", lambda: url(E["GLANCE_PORT"])),
    "volumev3": ("cinderv3", lambda: url(E["CINDER_PORT"], "/v3/%(project_id)s")),
    "network": ("neutron", lambda: url(E["NEUTRON_PORT"])),
    "object-store": ("swift", lambda: url(E["SWIFT_KEYSTONE_PORT"], "/v1/AUTH_%(project_id)s")),
    "load-balancer": ("octavia", lambda: url(E["OCTAVIA_PORT"])),
    "dns": ("designate", lambda: url(E["DESIGNATE_PORT"])),
    "orchestration": ("heat", lambda: url(E["HEAT_PORT"], "/v1/%(project_id)s")),
}

# Roles Infomaniak gives its users, plus what Octavia, Heat and Swift look for.
ROLES = ["admin", "member", "reader", "service", "creator", "SwiftOperator", "ResellerAdmin",
         "load-balancer_member", "load-balancer_observer", "load-balancer_global_observer",
         "load-balancer_quota_admin", "load-balancer_admin", "heat_stack_owner", "heat_stack_user"]
MEMBER_ROLES = ["member", "reader", "load-balancer_member", "SwiftOperator", "creator",
                "heat_stack_owner"]


class Identity:
    def __init__(self, token):
        self.t = token

    def find(self, kind, key, **query):
        r = call("GET", f"{KS}/{kind}", self.t, params=query)
        items = r.json()[key]
        return items[0] if items else None

    def ensure(self, kind, key, lookup, create):
        item = self.find(kind, key, **lookup)
        if item:
            return item
        r = call("POST", f"{KS}/{kind}", self.t, json={key[:-1]: create}, expect=(201, 409))
        if r.status_code == 409:
            return self.find(kind, key, **lookup)
        return r.json()[key[:-1]]

    def domain(self, name):
        return self.ensure("domains", "domains", {"name": name}, {"name": name, "enabled": True})

    def project(self, name, domain_id="default"):
        return self.ensure("projects", "projects", {"name": name, "domain_id": domain_id},
                           {"name": name, "domain_id": domain_id, "enabled": True})

    def role(self, name):
        return self.ensure("roles", "roles", {"name": name}, {"name": name})

    def user(self, name, password, project_id=None, domain_id="default"):
        return self.ensure("users", "users", {"name": name, "domain_id": domain_id},
                           {"name": name, "password": password, "domain_id": domain_id,
                            "default_project_id": project_id, "enabled": True})

    def grant(self, user_id, role_ids, project_id=None, domain_id=None):
        scope = {"scope.project.id": project_id} if project_id else {"scope.domain.id": domain_id}
        have = {a["role"]["id"] for a in call("GET", f"{KS}/role_assignments", self.t, params={
            "user.id": user_id, **scope}).json()["role_assignments"]}
        target = f"projects/{project_id}" if project_id else f"domains/{domain_id}"
        for role_id in role_ids:
            if role_id not in have:
                call("PUT", f"{KS}/{target}/users/{user_id}/roles/{role_id}", self.t)

    def service_endpoints(self, stype, name, endpoint_url):
        if not hasattr(self, "_services"):
            self._services = call("GET", f"{KS}/services", self.t).json()["services"]
            self._endpoints = call("GET", f"{KS}/endpoints", self.t).json()["endpoints"]
        svc = next((s for s in self._services if s["type"] == stype), None)
        if not svc:
            svc = call("POST", f"{KS}/services", self.t, json={"service": {
                "type": stype, "name": name, "enabled": True}}, expect=(201,)).json()["service"]
        existing = [e for e in self._endpoints if e["service_id"] == svc["id"]]
        for interface in ("public", "internal"):
            found = [e for e in existing if e["interface"] == interface and e.get("region_id") == REGION]
            if found:
                if found[0]["url"] != endpoint_url:
                    call("PATCH", f"{KS}/endpoints/{found[0]['id']}", self.t,
                         json={"endpoint": {"url": endpoint_url}})
            else:
                call("POST", f"{KS}/endpoints", self.t, expect=(201,), json={"endpoint": {
                    "service_id": svc["id"], "interface": interface, "region_id": REGION,
                    "url": endpoint_url, "enabled": True}})


def identity_inputs():
    keys = sorted(k for k in E if k.endswith("_PORT") or k.endswith("_USER") or k.endswith("_PASSWORD")
                  or k.endswith("_PROJECT") or k == "REGION")
    return hashlib.sha256(json.dumps({k: E[k] for k in keys}).encode()).hexdigest()


def identity():
    inputs = identity_inputs()
    done, cred = load_state("identity"), load_state("appcred")
    if done and cred and done.get("inputs") == inputs:
        # Set up by an earlier start on this database (the credential proves the database).
        try:
            appcred_auth(cred["id"], cred["secret"])
            log("identity: already set up")
            return
        except ApiError:
            pass
    token, _ = password_auth("admin", E["ADMIN_PASSWORD"], "admin")
    ks = Identity(token)
    existing = {r["name"]: r["id"] for r in call("GET", f"{KS}/roles", token).json()["roles"]}
    roles = {name: existing.get(name) or ks.role(name)["id"] for name in ROLES}
    default = "default"
    admin_project = ks.find("projects", "projects", name="admin", domain_id=default)
    service_project = ks.project("service")
    services = ks.user(E["SERVICE_USER"], E["SERVICE_PASSWORD"], service_project["id"])
    ks.grant(services["id"], [roles["admin"], roles["service"]], project_id=service_project["id"])

    # Heat's domain for the users it creates inside stacks.
    heat_domain = ks.domain("heat")
    heat_admin = ks.user("heat_domain_admin", E["SERVICE_PASSWORD"], domain_id=heat_domain["id"])
    ks.grant(heat_admin["id"], [roles["admin"]], domain_id=heat_domain["id"])

    for stype, (name, endpoint_url) in SERVICE_PORTS.items():
        ks.service_endpoints(stype, name, endpoint_url())

    project = ks.project(E["MEMBER_PROJECT"])
    member = ks.user(E["MEMBER_USER"], E["MEMBER_PASSWORD"], project["id"])
    other_project = ks.project(E["OTHER_PROJECT"])
    other = ks.user(E["OTHER_USER"], E["OTHER_PASSWORD"], other_project["id"])
    ks.grant(member["id"], [roles[r] for r in MEMBER_ROLES], project_id=project["id"])
    ks.grant(other["id"], [roles[r] for r in MEMBER_ROLES], project_id=other_project["id"])

    # An unrestricted application credential of the member (its secret is shown once).
    member_token, _ = password_auth(E["MEMBER_USER"], E["MEMBER_PASSWORD"], E["MEMBER_PROJECT"])
    cred = load_state("appcred")
    if cred:
        try:
            appcred_auth(cred["id"], cred["secret"])
        except ApiError:
            cred = None
    if not cred:
        name = "cloudpack-tests"
        found = call("GET", f"{KS}/users/{member['id']}/application_credentials", member_token,
                     params={"name": name}).json()["application_credentials"]
        for old in found:
            call("DELETE", f"{KS}/users/{member['id']}/application_credentials/{old['id']}", member_token)
        created = call("POST", f"{KS}/users/{member['id']}/application_credentials", member_token,
                       expect=(201,), json={"application_credential": {
                           "name": name, "description": "n8n-nodes-cloud-pack tests",
                           "unrestricted": True}}).json()["application_credential"]
        cred = {"id": created["id"], "name": created["name"], "secret": created["secret"]}
        save_state("appcred", cred)
    save_state("identity", {
        "adminProjectId": admin_project["id"],
        "serviceProjectId": service_project["id"],
        "member": {"userId": member["id"], "projectId": project["id"]},
        "other": {"userId": other["id"], "projectId": other_project["id"]},
        "heatDomainId": heat_domain["id"],
        "inputs": inputs,
    })
    log("identity: projects, users, roles, catalog and application credential ready")


# ---- resources ------------------------------------------------------------------------
FLAVORS = [
    # name, vcpus, ram MB, disk GB
    ("m1.tiny", 1, 512, 1),
    ("m1.small", 1, 2048, 20),
    ("m1.medium", 2, 4096, 40),
    ("a1-ram2-disk20-perf1", 1, 2048, 20),
    ("a2-ram4-disk50-perf1", 2, 4096, 50),
]
NOVA_QUOTAS = {"instances": 5000, "cores": 50000, "ram": 100 * 1024 * 1024, "key_pairs": 1000,
               "server_groups": 1000, "server_group_members": 5000, "metadata_items": 256}
NEUTRON_QUOTAS = {"network": 500, "subnet": 500, "port": 20000, "router": 200, "floatingip": 500,
                  "security_group": 500, "security_group_rule": 5000}
CINDER_QUOTAS = {"volumes": 2000, "snapshots": 2000, "gigabytes": 200000, "backups": 1000,
                 "backup_gigabytes": 100000, "groups": 100}
IMAGE_NAME = "cirros-0.6.2-x86_64-disk"


def wait_until(what, probe, seconds):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        try:
            if probe():
                return
        except (ApiError, requests.RequestException) as e:
            last = e
        time.sleep(1)
    raise SystemExit(f"{what}: not ready after {seconds} s ({last})")


def fake_image_bytes():
    # A few KB that stand in for CirrOS (the fake compute driver never reads them).
    out = b""
    seed = b"cloudpack-fake-cirros"
    while len(out) < 16384:
        seed = hashlib.sha256(seed).digest()
        out += seed
    return out


def resources():
    ids = load_state("identity")
    token, tok = password_auth("admin", E["ADMIN_PASSWORD"], "admin")
    admin_pid = ids["adminProjectId"]
    projects = [ids["member"]["projectId"], ids["other"]["projectId"]]
    nova = url(E["NOVA_PORT"], "/v2.1")
    neutron = url(E["NEUTRON_PORT"], "/v2.0")
    cinder = url(E["CINDER_PORT"], f"/v3/{admin_pid}")
    glance = url(E["GLANCE_PORT"], "/v2")
    which = set(sys.argv[2:]) or {"compute", "image", "network", "volume", "dns", "orchestration", "lb"}
    out = load_state("resources") or {}

    if "compute" in which:
        def compute_up():
            svcs = call("GET", nova + "/os-services", token).json()["services"]
            computes = [s for s in svcs if s["binary"] == "nova-compute" and s["state"] == "up"]
            hyp = call("GET", nova + "/os-hypervisors", token).json()["hypervisors"]
            return computes and hyp
        wait_until("nova-compute (discovered in cell1)", compute_up, 240)
        existing = {f["name"]: f for f in call("GET", nova + "/flavors/detail", token,
                                               params={"is_public": "None"}).json()["flavors"]}
        for name, vcpus, ram, disk in FLAVORS:
            if name not in existing:
                call("POST", nova + "/flavors", token, json={"flavor": {
                    "name": name, "vcpus": vcpus, "ram": ram, "disk": disk}})
        for pid in projects:
            call("PUT", f"{nova}/os-quota-sets/{pid}", token, json={"quota_set": NOVA_QUOTAS})
        out["flavors"] = [f[0] for f in FLAVORS]

    if "image" in which:
        images = call("GET", glance + "/images", token, params={"name": IMAGE_NAME}).json()["images"]
        image = next((i for i in images if i["status"] == "active"), None)
        for i in images:
            if i is not image:
                call("DELETE", f"{glance}/images/{i['id']}", token, expect=(204, 404))
        if not image:
            image = call("POST", glance + "/images", token, expect=(201,), json={
                "name": IMAGE_NAME, "disk_format": "raw", "container_format": "bare",
                "visibility": "public", "min_disk": 0, "min_ram": 0,
                "os_distro": "cirros", "os_version": "0.6.2", "architecture": "x86_64"}).json()
            call("PUT", f"{glance}/images/{image['id']}/file", token, data=fake_image_bytes(),
                 headers={"Content-Type": "application/octet-stream"})
        out["image"] = {"name": IMAGE_NAME, "id": image["id"]}

    if "network" in which:
        nets = call("GET", neutron + "/networks", token, params={"name": "public"}).json()["networks"]
        if nets:
            net = nets[0]
        else:
            net = call("POST", neutron + "/networks", token, expect=(201,), json={"network": {
                "name": "public", "router:external": True, "shared": False,
                "provider:network_type": "flat", "provider:physical_network": "public"}}).json()["network"]
        subnets = call("GET", neutron + "/subnets", token, params={"network_id": net["id"]}).json()["subnets"]
        if not subnets:
            call("POST", neutron + "/subnets", token, expect=(201,), json={"subnet": {
                "name": "public-subnet", "network_id": net["id"], "ip_version": 4,
                "cidr": "172.24.0.0/16", "gateway_ip": "172.24.0.1", "enable_dhcp": False,
                "allocation_pools": [{"start": "172.24.1.1", "end": "172.24.254.254"}]}})
        for pid in projects:
            call("PUT", f"{neutron}/quotas/{pid}", token, json={"quota": NEUTRON_QUOTAS})
        out["publicNetwork"] = {"name": "public", "id": net["id"]}

    if "volume" in which:
        def volume_up():
            svcs = call("GET", cinder + "/os-services", token).json()["services"]
            return [s for s in svcs if s["binary"] == "cinder-volume" and s["state"] == "up"]
        wait_until("cinder-volume", volume_up, 180)
        for pid in projects:
            call("PUT", f"{cinder}/os-quota-sets/{pid}", token, json={"quota_set": CINDER_QUOTAS})
        default_type = call("GET", cinder + "/types/default", token).json()["volume_type"]
        out["volumeType"] = default_type["name"]

    if "dns" in which:
        designate = url(E["DESIGNATE_PORT"], "/v2")

        def dns_up():
            statuses = call("GET", designate + "/service_statuses", token).json()["service_statuses"]
            up = {s["service_name"] for s in statuses if s["status"] == "UP"}
            pools = call("GET", designate + "/pools", token).json()["pools"]
            return {"central", "worker", "producer", "mdns", "api"} <= up and pools and pools[0]["ns_records"]
        wait_until("designate (central, worker, producer, mdns, api; pool)", dns_up, 180)

    if "orchestration" in which:
        heat = url(E["HEAT_PORT"], f"/v1/{admin_pid}")

        def heat_up():
            svcs = call("GET", heat + "/services", token).json()["services"]
            return [s for s in svcs if s["binary"] == "heat-engine" and s["status"] == "up"]
        wait_until("heat-engine", heat_up, 180)

    if "lb" in which:
        octavia = url(E["OCTAVIA_PORT"], "/v2")
        providers = call("GET", octavia + "/lbaas/providers", token).json()["providers"]
        if not any(p["name"] == "amphora" for p in providers):
            raise SystemExit(f"octavia: no amphora provider in {providers}")

    save_state("resources", out)
    log("resources: " + ", ".join(sorted(which)) + " ready")


# ---- checks and the JSON ----------------------------------------------------------------
def check():
    """Exit 0 when the member gets a token whose catalog has every service and each answers."""
    try:
        cred = load_state("appcred")
        token, tok = appcred_auth(cred["id"], cred["secret"])
        catalog = {s["type"]: s for s in tok["catalog"]}
        for stype in SERVICE_PORTS:
            if stype not in catalog:
                raise ApiError(f"{stype} missing from the catalog")
        pid = tok["project"]["id"]
        probes = {
            "nova": url(E["NOVA_PORT"], "/v2.1/flavors"),
            "glance": url(E["GLANCE_PORT"], "/v2/images?limit=1"),
            "cinder": url(E["CINDER_PORT"], f"/v3/{pid}/types"),
            "neutron": url(E["NEUTRON_PORT"], "/v2.0/networks?limit=1"),
            "octavia": url(E["OCTAVIA_PORT"], "/v2/lbaas/providers"),
            "designate": url(E["DESIGNATE_PORT"], "/v2/zones?limit=1"),
            "heat": url(E["HEAT_PORT"], f"/v1/{pid}/stacks?limit=1"),
            "placement": url(E["PLACEMENT_PORT"], "/"),
            "keystone": url(E["SWIFT_KEYSTONE_PORT"], f"/v1/AUTH_{pid}"),
        }
        wanted = [probe for group, probe in probes.items() if group in E["GROUPS_ON"].split()]
        with ThreadPoolExecutor(len(wanted) + 1) as pool:
            futures = [pool.submit(call, "GET", probe, token, expect=(200, 204), timeout=20) for probe in wanted]
            futures.append(pool.submit(call, "GET", KS_SHORT, expect=(200,), timeout=20))
            for future in futures:
                future.result()
    except (ApiError, requests.RequestException, TypeError, KeyError) as e:
        log(f"check: {e}")
        sys.exit(1)


def write_json():
    ids = load_state("identity")
    cred = load_state("appcred")
    res = load_state("resources") or {}
    member_pid = ids["member"]["projectId"]
    endpoints = {stype: fn().replace("%(project_id)s", member_pid) for stype, (_, fn) in SERVICE_PORTS.items()}
    data = {
        "authUrl": KS,
        "authUrlShortTokens": KS_SHORT,
        "shortTokenSeconds": int(E["SHORT_TOKEN_SECONDS"]),
        "region": REGION,
        "admin": {"username": "admin", "password": E["ADMIN_PASSWORD"], "projectName": "admin",
                  "projectId": ids["adminProjectId"], "userDomainName": "Default",
                  "projectDomainName": "Default"},
        "member": {"username": E["MEMBER_USER"], "password": E["MEMBER_PASSWORD"],
                   "userId": ids["member"]["userId"], "projectName": E["MEMBER_PROJECT"],
                   "projectId": member_pid, "userDomainName": "Default", "projectDomainName": "Default",
                   "roles": MEMBER_ROLES, "applicationCredential": cred},
        "otherProject": {"projectName": E["OTHER_PROJECT"], "projectId": ids["other"]["projectId"],
                         "username": E["OTHER_USER"], "password": E["OTHER_PASSWORD"],
                         "userId": ids["other"]["userId"], "userDomainName": "Default",
                         "projectDomainName": "Default"},
        "endpoints": endpoints,
        "publicNetwork": res.get("publicNetwork"),
        "image": res.get("image"),
        "flavors": res.get("flavors"),
        "volumeType": res.get("volumeType"),
        "swift": {"proxyUrl": url(E["SWIFT_KEYSTONE_PORT"]), "s3Region": "us-east-1"},
        "dns": {"mdns": f"127.0.0.1:{E['DESIGNATE_MDNS_PORT']}", "nsRecord": "ns1.cloudpack.test."},
    }
    out = E["JSON"]
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(tmp, out)


def main():
    cmd = sys.argv[1]
    if cmd == "render":
        render(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "wait-http":
        wait_http(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 180, sys.argv[5:])
    elif cmd == "identity":
        identity()
    elif cmd == "resources":
        resources()
    elif cmd == "check":
        check()
    elif cmd == "write-json":
        write_json()
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
