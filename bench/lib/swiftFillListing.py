"""Adds N listing entries to a container of the local Swift (test/servers/swift) in one go.

Listing benchmarks need 100,000 keys; Swift's single-process dev server stores ~100
objects a second, so the entries go straight into the container database, the way
Swift's object servers report new objects to it. Only listings read them.
Usage: swiftFillListing.py SWIFT_DIR DEVICES ACCOUNT CONTAINER COUNT PREFIX
"""
import os
import sys

from swift.common.ring import Ring
from swift.common.utils import Timestamp, hash_path
from swift.container.backend import ContainerBroker

swift_dir, devices, account, container, count, prefix = sys.argv[1:7]
count = int(count)
ring = Ring(swift_dir, ring_name='container')
part, nodes = ring.get_nodes(account, container)
digest = hash_path(account, container)
db = os.path.join(devices, nodes[0]['device'], 'containers', str(part), digest[-3:], digest, digest + '.db')
if not os.path.exists(db):
    sys.exit('container database not found: %s (create the bucket first)' % db)
broker = ContainerBroker(db, account=account, container=container)
now = Timestamp.now().internal
batch = []
for index in range(count):
    batch.append({
        'name': '%s%07d' % (prefix, index),
        'created_at': now,
        'size': 0,
        'content_type': 'application/octet-stream',
        'etag': 'd41d8cd98f00b204e9800998ecf8427e',
        'deleted': 0,
        'storage_policy_index': 0,
        'ctype_timestamp': now,
        'meta_timestamp': now,
    })
    if len(batch) == 10000:
        broker.merge_items(batch)
        batch = []
if batch:
    broker.merge_items(batch)
print(broker.get_info()['object_count'])
