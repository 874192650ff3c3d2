"""Cinder volume driver for a test rig without block devices.

cinder.tests.fake_driver.FakeLoggingVolumeDriver (shipped by python3-cinder) creates,
deletes, snapshots and attaches nothing for real. In Zed its extend_volume fails
('FakeBrickLVM' object has no attribute 'extend_volume'): it is a no-op here.
"""
from cinder.tests import fake_driver


class FakeVolumeDriver(fake_driver.FakeLoggingVolumeDriver):
    def extend_volume(self, volume, new_size):
        pass

    def revert_to_snapshot(self, context, volume, snapshot):
        pass
