import { execFileSync } from 'child_process';

/**
 * Direct access to the local test Nova's database (MariaDB of test/servers/openstack), for the
 * one test that needs thousands of servers. Nova makes an ERROR server of cell0 (a flavor no host
 * can take) at about 2 a second on this 2-core machine and deletes it as slowly, so that test has
 * Nova make a real batch through its API and copies those rows for the rest, and retires them the
 * way Nova's own soft delete marks a row. Only for servers that never reached a host: no port,
 * volume, allocation or guest exists for them.
 */

const CELL = 'nova_cell0';
/**
 * The cell tables holding a server's rows, by `instance_uuid`, besides `instances` itself, with
 * the columns a copy must not share (a unique `uuid` of its own).
 */
const CHILD_TABLES: Record<string, Record<string, string>> = {
	instance_extra: {},
	instance_info_caches: {},
	instance_system_metadata: {},
	instance_faults: {},
	block_device_mapping: { uuid: 'UUID()' },
};

function sql(statements: string): string {
	return execFileSync(
		'mysql',
		[
			'-h',
			'127.0.0.1',
			'-P',
			process.env.OPENSTACK_MYSQL_PORT ?? '15306',
			'-uroot',
			'-N',
			'-D',
			CELL,
			'-e',
			statements,
		],
		{ encoding: 'utf8' },
	);
}

/** A LIKE pattern for names starting with `prefix` + `-` (prefixes are the tests' unique names). */
function namesLike(prefix: string): string {
	if (!/^[\w.-]+$/.test(prefix)) throw new Error(`unexpected server name prefix "${prefix}"`);
	return `${prefix}-%`;
}

function columnsOf(schema: string, tables: string[]): Record<string, string[]> {
	const rows = sql(
		`SELECT table_name, GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name IN (${tables.map((t) => `'${t}'`).join(',')}) GROUP BY table_name`,
	);
	const columns: Record<string, string[]> = {};
	for (const line of rows.trim().split('\n')) {
		const [table, list] = line.split('\t');
		columns[table] = list.split(',');
	}
	return columns;
}

/** `INSERT … SELECT` copying `table`'s rows of the mapped servers, with the columns replaced. */
function copyRows(
	table: string,
	columns: string[],
	joinColumn: string,
	replace: Record<string, string>,
): string {
	const kept = columns.filter((column) => column !== 'id');
	const chosen = kept.map((column) => replace[column] ?? `t.\`${column}\``);
	return `INSERT INTO ${table} (${kept.map((c) => `\`${c}\``).join(',')}) SELECT ${chosen.join(',')} FROM ${table} t JOIN clone_map m ON t.\`${joinColumn}\` = m.src;`;
}

/**
 * Adds `copies` copies of every live cell0 server whose name starts with `prefix`-, named
 * `<name>-c<k>`: their rows in the cell database and their mappings in the API database, so
 * Nova's API lists, shows and deletes them as any other. Returns how many were added.
 */
export function copyCell0Servers(prefix: string, copies: number): number {
	const like = namesLike(prefix);
	const cell = columnsOf(CELL, ['instances', ...Object.keys(CHILD_TABLES)]);
	const api = columnsOf('nova_api', ['instance_mappings']);
	const statements = [
		'CREATE TEMPORARY TABLE clone_map (src CHAR(36), dst CHAR(36), name VARCHAR(255));',
		`INSERT INTO clone_map SELECT i.uuid, UUID(), CONCAT(i.display_name, '-c', n.k) FROM ${CELL}.instances i JOIN (WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < ${copies}) SELECT k FROM seq) n WHERE i.display_name LIKE '${like}' AND i.deleted = 0;`,
		copyRows(`${CELL}.instances`, cell.instances, 'uuid', {
			uuid: 'm.dst',
			display_name: 'm.name',
			hostname: 'm.name',
		}),
		...Object.entries(CHILD_TABLES).map(([table, own]) =>
			copyRows(`${CELL}.${table}`, cell[table], 'instance_uuid', {
				...own,
				instance_uuid: 'm.dst',
			}),
		),
		copyRows('nova_api.instance_mappings', api.instance_mappings, 'instance_uuid', {
			instance_uuid: 'm.dst',
		}),
		'SELECT COUNT(*) FROM clone_map;',
	];
	return Number(sql(statements.join(' ')).trim());
}

/** Soft-deletes, as Nova marks them, every live cell0 server whose name starts with `prefix`-. */
export function retireCell0Servers(prefix: string): number {
	const like = namesLike(prefix);
	const out = sql(
		[
			`UPDATE nova_api.instance_mappings m JOIN ${CELL}.instances i ON i.uuid = m.instance_uuid SET m.queued_for_delete = 1 WHERE i.display_name LIKE '${like}' AND i.deleted = 0;`,
			`UPDATE ${CELL}.instances SET deleted = id, deleted_at = UTC_TIMESTAMP(), vm_state = 'deleted' WHERE display_name LIKE '${like}' AND deleted = 0;`,
			'SELECT ROW_COUNT();',
		].join(' '),
	);
	return Number(out.trim().split('\n').pop());
}
