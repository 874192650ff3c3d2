#!/usr/bin/python3
"""Nova's databases in one process (instead of five nova-manage runs, each of which spends
seconds importing Nova): nova-manage api_db sync; cell_v2 map_cell0; cell_v2 create_cell
--name cell1 (unless there); db sync (cell1 and cell0).

Usage: nova_setup.py NOVA_CONF CELL0_DATABASE_URL
"""
import sys

from nova import config, objects
from nova.cmd import manage
from oslo_log import log as logging


def main():
    conf_file, cell0_url = sys.argv[1], sys.argv[2]
    config.parse_args(["nova-manage", "--config-file", conf_file])
    logging.setup(manage.CONF, "nova")
    objects.register_all()
    steps = [
        ("api_db sync", lambda: manage.ApiDbCommands().sync(), (0, None)),
        ("cell_v2 map_cell0", lambda: manage.CellV2Commands().map_cell0(database_connection=cell0_url), (0, None)),
        # 2: a cell with this database and transport URL exists already.
        ("cell_v2 create_cell", lambda: manage.CellV2Commands().create_cell(name="cell1"), (0, 2, None)),
        ("db sync", lambda: manage.DbCommands().sync(), (0, None)),
    ]
    for name, step, ok in steps:
        result = step()
        if result not in ok:
            print(f"nova-manage {name} failed ({result})", file=sys.stderr)
            return 1
        print(f"nova-manage {name}: done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
