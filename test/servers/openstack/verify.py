#!/usr/bin/python3
"""Proves that the MEMBER of the test project can use every service of the local OpenStack
(run by hand after start.sh: /usr/bin/python3 test/servers/openstack/verify.py [--appcred]).

As the member (password token, or the application credential with --appcred): a network,
subnet, router with a gateway on `public`, security group; a server that goes ACTIVE, stops,
starts and reboots; a floating IP on it; a volume created, extended, attached, detached,
snapshotted; a load balancer with listener, pool, member and health monitor; a zone with a
record set; a Heat stack (OS::Heat::RandomString); usage and limits. Everything it creates
is deleted again. Exits non-zero at the first failure.
"""
import json
import os
import sys
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "../../../.dev/servers/openstack.json")) as f:
    OS = json.load(f)
RUN = f"verify-{os.getpid()}-{int(time.time())}"
HTTP = requests.Session()
T0 = time.time()


def say(msg):
    print(f"[verify +{time.time() - T0:5.1f}s] {msg}", flush=True)


def token():
    if "--appcred" in sys.argv:
        cred = OS["member"]["applicationCredential"]
        identity = {"methods": ["application_credential"],
                    "application_credential": {"id": cred["id"], "secret": cred["secret"]}}
        auth = {"identity": identity}
    else:
        m = OS["member"]
        auth = {"identity": {"methods": ["password"], "password": {"user": {
            "name": m["username"], "password": m["password"], "domain": {"name": "Default"}}}},
            "scope": {"project": {"name": m["projectName"], "domain": {"name": "Default"}}}}
    r = HTTP.post(OS["authUrl"] + "/auth/tokens", json={"auth": auth})
    r.raise_for_status()
    body = r.json()["token"]
    urls = {}
    for entry in body["catalog"]:
        for ep in entry["endpoints"]:
            if ep["interface"] == "public":
                urls[entry["type"]] = ep["url"].rstrip("/")
    return r.headers["X-Subject-Token"], urls


TOKEN, URL = token()


def api(method, url, expect=(200, 201, 202, 204), **kw):
    headers = {"X-Auth-Token": TOKEN, **kw.pop("headers", {})}
    r = HTTP.request(method, url, headers=headers, timeout=60, **kw)
    if r.status_code not in expect:
        raise SystemExit(f"FAILED {method} {url}: {r.status_code} {r.text[:600]}")
    return r.json() if r.content and r.headers.get("Content-Type", "").startswith("application/json") else None


def poll(what, fn, ok, bad=(), seconds=120):
    deadline = time.time() + seconds
    value = None
    while time.time() < deadline:
        value = fn()
        if value in ok:
            return value
        if value in bad:
            raise SystemExit(f"FAILED {what}: {value}")
        time.sleep(0.5)
    raise SystemExit(f"FAILED {what}: still {value} after {seconds} s")


def gone(url):
    r = HTTP.get(url, headers={"X-Auth-Token": TOKEN}, timeout=30)
    return r.status_code == 404


cleanup = []


def main():
    nova, neutron, cinder = URL["compute"], URL["network"] + "/v2.0", URL["volumev3"]
    octavia, designate, heat = URL["load-balancer"] + "/v2", URL["dns"] + "/v2", URL["orchestration"]
    pid = OS["member"]["projectId"]
    say(f"member token ({'application credential' if '--appcred' in sys.argv else 'password'})")

    # ---- networking
    net = api("POST", neutron + "/networks", json={"network": {"name": RUN}})["network"]
    cleanup.insert(0, ("DELETE", f"{neutron}/networks/{net['id']}"))
    subnet = api("POST", neutron + "/subnets", json={"subnet": {
        "name": RUN, "network_id": net["id"], "ip_version": 4, "cidr": "10.42.0.0/24"}})["subnet"]
    router = api("POST", neutron + "/routers", json={"router": {
        "name": RUN, "external_gateway_info": {"network_id": OS["publicNetwork"]["id"]}}})["router"]
    cleanup.insert(0, ("DELETE", f"{neutron}/routers/{router['id']}"))
    api("PUT", f"{neutron}/routers/{router['id']}/add_router_interface", json={"subnet_id": subnet["id"]})
    cleanup.insert(0, ("PUT", f"{neutron}/routers/{router['id']}/remove_router_interface", {"subnet_id": subnet["id"]}))
    sg = api("POST", neutron + "/security-groups", json={"security_group": {"name": RUN}})["security_group"]
    cleanup.insert(0, ("DELETE", f"{neutron}/security-groups/{sg['id']}"))
    api("POST", neutron + "/security-group-rules", json={"security_group_rule": {
        "security_group_id": sg["id"], "direction": "ingress", "protocol": "tcp",
        "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}})
    say("network, subnet, router (gateway on public), interface, security group + rule")

    # ---- compute
    flavor = next(f for f in api("GET", nova + "/flavors")["flavors"] if f["name"] == OS["flavors"][0])
    server = api("POST", nova + "/servers", json={"server": {
        "name": RUN, "flavorRef": flavor["id"], "imageRef": OS["image"]["id"],
        "networks": [{"uuid": net["id"]}], "security_groups": [{"name": RUN}]}})["server"]
    cleanup.insert(0, ("DELETE", f"{nova}/servers/{server['id']}"))
    status = lambda: api("GET", f"{nova}/servers/{server['id']}")["server"]["status"]  # noqa: E731
    poll("server build", status, {"ACTIVE"}, {"ERROR"})
    say("server ACTIVE")
    api("POST", f"{nova}/servers/{server['id']}/action", json={"os-stop": None})
    poll("server stop", status, {"SHUTOFF"}, {"ERROR"})
    api("POST", f"{nova}/servers/{server['id']}/action", json={"os-start": None})
    poll("server start", status, {"ACTIVE"}, {"ERROR"})
    api("POST", f"{nova}/servers/{server['id']}/action", json={"reboot": {"type": "SOFT"}})
    poll("server reboot", status, {"ACTIVE"}, {"ERROR"})
    say("server stop, start, reboot")

    ports = api("GET", neutron + "/ports", params={"device_id": server["id"]})["ports"]
    assert ports and ports[0]["status"] == "ACTIVE", ports
    fip = api("POST", neutron + "/floatingips", json={"floatingip": {
        "floating_network_id": OS["publicNetwork"]["id"], "port_id": ports[0]["id"]}})["floatingip"]
    cleanup.insert(0, ("DELETE", f"{neutron}/floatingips/{fip['id']}"))
    assert fip["fixed_ip_address"], fip
    say(f"floating IP {fip['floating_ip_address']} -> {fip['fixed_ip_address']}")

    # ---- block storage
    vol = api("POST", cinder + "/volumes", json={"volume": {"name": RUN, "size": 1}})["volume"]
    cleanup.insert(0, ("DELETE", f"{cinder}/volumes/{vol['id']}"))
    vstatus = lambda: api("GET", f"{cinder}/volumes/{vol['id']}")["volume"]["status"]  # noqa: E731
    poll("volume create", vstatus, {"available"}, {"error"})
    api("POST", f"{cinder}/volumes/{vol['id']}/action", json={"os-extend": {"new_size": 2}})
    poll("volume extend", vstatus, {"available"}, {"error", "error_extending"})
    assert api("GET", f"{cinder}/volumes/{vol['id']}")["volume"]["size"] == 2
    api("POST", f"{nova}/servers/{server['id']}/os-volume_attachments",
        json={"volumeAttachment": {"volumeId": vol["id"]}})
    poll("volume attach", vstatus, {"in-use"}, {"error", "error_attaching"})
    api("DELETE", f"{nova}/servers/{server['id']}/os-volume_attachments/{vol['id']}")
    poll("volume detach", vstatus, {"available"}, {"error", "error_detaching"})
    snap = api("POST", cinder + "/snapshots", json={"snapshot": {"volume_id": vol["id"], "name": RUN}})["snapshot"]
    poll("snapshot", lambda: api("GET", f"{cinder}/snapshots/{snap['id']}")["snapshot"]["status"],
         {"available"}, {"error"})
    api("DELETE", f"{cinder}/snapshots/{snap['id']}")
    poll("snapshot delete", lambda: gone(f"{cinder}/snapshots/{snap['id']}"), {True})
    say("volume create, extend, attach, detach, snapshot")

    # ---- load balancer
    lb = api("POST", octavia + "/lbaas/loadbalancers", json={"loadbalancer": {
        "name": RUN, "vip_subnet_id": subnet["id"]}})["loadbalancer"]
    cleanup.insert(0, ("DELETE", f"{octavia}/lbaas/loadbalancers/{lb['id']}?cascade=true"))
    lbstatus = lambda: api("GET", f"{octavia}/lbaas/loadbalancers/{lb['id']}")["loadbalancer"]["provisioning_status"]  # noqa: E731,E501
    poll("load balancer", lbstatus, {"ACTIVE"}, {"ERROR"})
    listener = api("POST", octavia + "/lbaas/listeners", json={"listener": {
        "loadbalancer_id": lb["id"], "protocol": "HTTP", "protocol_port": 80, "name": RUN}})["listener"]
    poll("listener", lbstatus, {"ACTIVE"}, {"ERROR"})
    pool = api("POST", octavia + "/lbaas/pools", json={"pool": {
        "listener_id": listener["id"], "protocol": "HTTP", "lb_algorithm": "ROUND_ROBIN"}})["pool"]
    poll("pool", lbstatus, {"ACTIVE"}, {"ERROR"})
    api("POST", f"{octavia}/lbaas/pools/{pool['id']}/members", json={"member": {
        "address": fip["fixed_ip_address"], "protocol_port": 80, "subnet_id": subnet["id"]}})
    poll("member", lbstatus, {"ACTIVE"}, {"ERROR"})
    api("POST", octavia + "/lbaas/healthmonitors", json={"healthmonitor": {
        "pool_id": pool["id"], "type": "HTTP", "delay": 5, "timeout": 3, "max_retries": 2}})
    poll("health monitor", lbstatus, {"ACTIVE"}, {"ERROR"})
    api("DELETE", f"{octavia}/lbaas/loadbalancers/{lb['id']}?cascade=true")
    cleanup.pop(0)
    poll("load balancer cascade delete",
         lambda: gone(f"{octavia}/lbaas/loadbalancers/{lb['id']}") or lbstatus() == "DELETED", {True})
    say("load balancer, listener, pool, member, health monitor, cascade delete")

    # ---- DNS
    zone = api("POST", designate + "/zones", json={
        "name": f"{RUN}.cloudpack.test.", "email": "admin@cloudpack.test", "ttl": 300})
    cleanup.insert(0, ("DELETE", f"{designate}/zones/{zone['id']}"))
    zstatus = lambda: api("GET", f"{designate}/zones/{zone['id']}")["status"]  # noqa: E731
    poll("zone", zstatus, {"ACTIVE"}, {"ERROR"})
    rs = api("POST", f"{designate}/zones/{zone['id']}/recordsets", json={
        "name": f"www.{RUN}.cloudpack.test.", "type": "A", "records": ["192.0.2.10"], "ttl": 300})
    poll("record set", lambda: api("GET", f"{designate}/zones/{zone['id']}/recordsets/{rs['id']}")["status"],
         {"ACTIVE"}, {"ERROR"})
    api("DELETE", f"{designate}/zones/{zone['id']}")
    cleanup.pop(0)
    poll("zone delete", lambda: gone(f"{designate}/zones/{zone['id']}"), {True})
    say("zone, record set, zone delete")

    # ---- orchestration
    if "--appcred" in sys.argv:
        # Heat creates a trust for every stack, and Debian's Keystone (security update) refuses
        # trusts to application-credential tokens, unrestricted or not: POST /stacks answers
        # 500 (RemoteError) as on any cloud that carries that fix.
        say("stack: not tried with an application credential (no trusts for them)")
        return main_tail(nova, cinder, neutron, pid)
    template = {"heat_template_version": "2018-08-31",
                "resources": {"rand": {"type": "OS::Heat::RandomString", "properties": {"length": 12}}},
                "outputs": {"value": {"value": {"get_attr": ["rand", "value"]}}}}
    stack = api("POST", heat + "/stacks", json={"stack_name": RUN, "template": template})["stack"]
    cleanup.insert(0, ("DELETE", f"{heat}/stacks/{RUN}/{stack['id']}"))
    sstatus = lambda: api("GET", f"{heat}/stacks/{RUN}/{stack['id']}")["stack"]["stack_status"]  # noqa: E731
    poll("stack create", sstatus, {"CREATE_COMPLETE"}, {"CREATE_FAILED"})
    api("DELETE", f"{heat}/stacks/{RUN}/{stack['id']}")
    cleanup.pop(0)
    poll("stack delete", lambda: gone(f"{heat}/stacks/{RUN}/{stack['id']}") or sstatus() == "DELETE_COMPLETE",
         {True}, {"DELETE_FAILED"})
    say("stack CREATE_COMPLETE, deleted")
    main_tail(nova, cinder, neutron, pid)


def main_tail(nova, cinder, neutron, pid):
    # ---- usage and limits
    api("GET", f"{nova}/os-simple-tenant-usage/{pid}")
    api("GET", f"{nova}/limits")
    api("GET", f"{cinder}/limits")
    api("GET", f"{neutron}/quotas/{pid}")
    say("usage and limits")


try:
    main()

finally:
    for item in cleanup:
        method, target = item[0], item[1]
        try:
            if method == "DELETE" and "/servers/" in target:
                HTTP.delete(target, headers={"X-Auth-Token": TOKEN})
                poll("server delete", lambda: gone(target), {True})
            elif method == "DELETE" and "/volumes/" in target:
                poll("volume detached", lambda: gone(target) or api("GET", target)["volume"]["status"],
                     {True, "available", "error"})
                HTTP.delete(target, headers={"X-Auth-Token": TOKEN})
                poll("volume delete", lambda: gone(target), {True})
            elif method == "PUT":
                HTTP.put(target, json=item[2], headers={"X-Auth-Token": TOKEN})
            else:
                HTTP.delete(target, headers={"X-Auth-Token": TOKEN})
        except SystemExit as e:
            print(f"cleanup: {e}")
say("cleaned up")
