import { parseContent } from './content';
import type {
	CellValue,
	ColumnRec,
	ColumnType,
	DocRec,
	PageRec,
	Person,
	RowRec,
	TableRec,
} from './model';
import type { Store } from './store';

/** Declarative test data for the fake; names are resolved to generated ids. */

export interface SeedColumn {
	name: string;
	type?: ColumnType;
	isArray?: boolean;
	hidden?: boolean;
	/** Makes this the display column (default: the first column). */
	display?: boolean;
	calculated?: boolean;
	formula?: string;
	defaultValue?: string;
	options?: string[];
	currencyCode?: string;
	precision?: number;
	/** For `lookup` columns: name of the referenced table in the same doc. */
	lookupTable?: string;
	/** For `button` columns; `sets` maps column names/ids to values written when pressed. */
	button?: { label?: string; disabled?: boolean; sets?: Record<string, CellValue> };
}

/** Column name → value. */
export type SeedRow = Record<string, CellValue>;

export interface SeedTable {
	name: string;
	/** Page name (default: the doc's first page). */
	page?: string;
	columns: SeedColumn[];
	rows?: SeedRow[];
	/** Indexes (into `rows`) of rows hidden by a filter; `visibleOnly=true` skips them. */
	hiddenRows?: number[];
	views?: Array<{ name: string; page?: string; hiddenColumns?: string[] }>;
}

export interface SeedPage {
	name: string;
	subtitle?: string;
	iconName?: string;
	hidden?: boolean;
	/** Canvas content as markdown (`# h1`, `- bullet`, plain paragraphs…). */
	content?: string;
	children?: SeedPage[];
}

export interface SeedDoc {
	name: string;
	/** Default: the token's user, so `isOwner=true` lists the doc. */
	owner?: Person;
	folderId?: string;
	workspaceId?: string;
	published?: boolean;
	starred?: boolean;
	/** Default: one page named after the doc. */
	pages?: SeedPage[];
	tables?: SeedTable[];
	formulas?: Array<{ name: string; value: CellValue; page?: string }>;
	controls?: Array<{ name: string; value: CellValue; controlType?: string; page?: string }>;
}

export interface SeededTable {
	id: string;
	name: string;
	/** Column name → id. */
	columns: Record<string, string>;
	/** Row ids in seed order. */
	rowIds: string[];
	/** View name → id. */
	views: Record<string, string>;
}

export interface SeededDoc {
	id: string;
	name: string;
	pages: Record<string, string>;
	tables: Record<string, SeededTable>;
	formulas: Record<string, string>;
	controls: Record<string, string>;
}

export function newDocRecord(store: Store, name: string, extra: Partial<DocRec> = {}): DocRec {
	const now = store.now();
	return {
		id: store.newId('Doc'),
		name,
		owner: { name: store.user.name, email: store.user.email },
		createdAt: now,
		updatedAt: now,
		folderId: store.user.folderId,
		workspaceId: store.user.workspaceId,
		isPublished: false,
		isStarred: false,
		pages: [],
		tables: [],
		formulas: [],
		controls: [],
		exports: new Map(),
		...extra,
	};
}

export function newPageRecord(store: Store, name: string, extra: Partial<PageRec> = {}): PageRec {
	const now = store.now();
	return {
		id: store.newId('canvas-'),
		name,
		isHidden: false,
		contentType: 'canvas',
		lines: [],
		createdAt: now,
		updatedAt: now,
		...extra,
	};
}

export function newRowRecord(store: Store, values: Map<string, CellValue>): RowRec {
	const now = store.now();
	const seq = store.nextSeq();
	return {
		id: store.newId('i-'),
		values,
		createdAt: now,
		updatedAt: now,
		createdSeq: seq,
		updatedSeq: seq,
		hidden: false,
	};
}

function addPages(
	store: Store,
	doc: DocRec,
	pages: SeedPage[],
	ids: Record<string, string>,
	parentId?: string,
): void {
	for (const spec of pages) {
		const page = newPageRecord(store, spec.name, {
			subtitle: spec.subtitle,
			iconName: spec.iconName,
			isHidden: spec.hidden ?? false,
			parentId,
		});
		page.lines = parseContent('markdown', spec.content ?? '', () => store.newId('line-'));
		doc.pages.push(page);
		ids[spec.name] = page.id;
		addPages(store, doc, spec.children ?? [], ids, page.id);
	}
}

function pageIdFor(doc: DocRec, pageName: string | undefined): string {
	const page = pageName === undefined ? doc.pages[0] : doc.pages.find((p) => p.name === pageName);
	if (!page) throw new Error(`seed: unknown page ${pageName}`);
	return page.id;
}

function addTable(store: Store, doc: DocRec, spec: SeedTable): SeededTable {
	const now = store.now();
	const columns: ColumnRec[] = spec.columns.map((c) => ({
		id: store.newId('c-'),
		name: c.name,
		type: c.type ?? 'text',
		isArray: c.isArray ?? false,
		hidden: c.hidden ?? false,
		calculated: c.calculated ?? false,
		formula: c.formula,
		defaultValue: c.defaultValue,
		options: c.options,
		currencyCode: c.currencyCode,
		precision: c.precision,
		button: c.button && {
			label: c.button.label ?? c.name,
			disabled: c.button.disabled,
			sets: c.button.sets,
		},
	}));
	const display = spec.columns.findIndex((c) => c.display);
	const table: TableRec = {
		id: store.newId('grid-'),
		name: spec.name,
		tableType: 'table',
		pageId: pageIdFor(doc, spec.page),
		columns,
		rows: [],
		hiddenColumnIds: new Set(),
		displayColumnId: columns[Math.max(0, display)]?.id ?? '',
		createdAt: now,
		updatedAt: now,
	};
	doc.tables.push(table);
	const byName = Object.fromEntries(columns.map((c) => [c.name, c.id]));
	(spec.rows ?? []).forEach((values, index) => {
		const cells = new Map<string, CellValue>();
		for (const [name, value] of Object.entries(values)) {
			if (!(name in byName)) throw new Error(`seed: unknown column ${name} in table ${spec.name}`);
			cells.set(byName[name], value);
		}
		const row = newRowRecord(store, cells);
		row.hidden = spec.hiddenRows?.includes(index) ?? false;
		table.rows.push(row);
	});
	const views: Record<string, string> = {};
	for (const view of spec.views ?? []) {
		const record: TableRec = {
			...table,
			id: store.newId('table-'),
			name: view.name,
			tableType: 'view',
			pageId: pageIdFor(doc, view.page ?? spec.page),
			parentTableId: table.id,
			columns: [],
			rows: [],
			hiddenColumnIds: new Set((view.hiddenColumns ?? []).map((n) => byName[n])),
		};
		doc.tables.push(record);
		views[view.name] = record.id;
	}
	return {
		id: table.id,
		name: table.name,
		columns: byName,
		rowIds: table.rows.map((r) => r.id),
		views,
	};
}

/** Adds a doc described by `spec` to the store and returns the generated ids by name. */
export function seedDoc(store: Store, spec: SeedDoc): SeededDoc {
	const doc = newDocRecord(store, spec.name, {
		owner: spec.owner ?? { name: store.user.name, email: store.user.email },
		folderId: spec.folderId ?? store.user.folderId,
		workspaceId: spec.workspaceId ?? store.user.workspaceId,
		isPublished: spec.published ?? false,
		isStarred: spec.starred ?? false,
	});
	store.docs.push(doc);
	const pages: Record<string, string> = {};
	addPages(store, doc, spec.pages ?? [{ name: spec.name }], pages);
	const tables: Record<string, SeededTable> = {};
	for (const table of spec.tables ?? []) tables[table.name] = addTable(store, doc, table);
	for (const [index, table] of (spec.tables ?? []).entries()) {
		for (const column of table.columns.filter((c) => c.lookupTable)) {
			const record = doc.tables.find((t) => t.id === tables[table.name].id)?.columns[
				table.columns.indexOf(column)
			];
			const target = tables[column.lookupTable as string];
			if (!record || !target)
				throw new Error(`seed: unknown lookup table ${column.lookupTable} (table #${index})`);
			record.lookupTableId = target.id;
		}
	}
	const formulas: Record<string, string> = {};
	for (const f of spec.formulas ?? []) {
		const id = store.newId('f-');
		doc.formulas.push({ id, name: f.name, value: f.value, pageId: pageIdFor(doc, f.page) });
		formulas[f.name] = id;
	}
	const controls: Record<string, string> = {};
	for (const c of spec.controls ?? []) {
		const id = store.newId('ctrl-');
		doc.controls.push({
			id,
			name: c.name,
			value: c.value,
			controlType: c.controlType ?? 'textbox',
			pageId: pageIdFor(doc, c.page),
		});
		controls[c.name] = id;
	}
	return { id: doc.id, name: doc.name, pages, tables, formulas, controls };
}

/**
 * A ready-made doc: pages "Overview" (+ subpage "Details") and "Data"; table "Tasks" on "Data" with
 * text/select/number/checkbox/person/currency/link/multi-select/lookup/date/button columns,
 * a view "Open tasks", table "Projects", a formula "Total" and a control "Threshold".
 */
export function sampleDoc(options: { name?: string; rows?: number } = {}): SeedDoc {
	const statuses = ['Open', 'In progress', 'Done'];
	const rows: SeedRow[] = Array.from({ length: options.rows ?? 5 }, (_, i) => ({
		Name: `Task ${i + 1}`,
		Status: statuses[i % 3],
		Points: i + 1,
		Done: i % 3 === 2,
		Owner: 'ada@example.com',
		Budget: (i + 1) * 10.5,
		Link: `https://example.com/tasks/${i + 1}`,
		Tags: i % 2 === 0 ? ['red', 'blue'] : ['green'],
		Project: i % 2 === 0 ? 'Apollo' : 'Gemini',
		Due: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
	}));
	return {
		name: options.name ?? 'Sample doc',
		pages: [
			{
				name: 'Overview',
				subtitle: 'Start here',
				content: '# Welcome\nThis is the overview.\n- first point\n- second point',
				children: [{ name: 'Details', content: 'Some details.' }],
			},
			{ name: 'Data' },
		],
		tables: [
			{
				name: 'Projects',
				page: 'Data',
				columns: [{ name: 'Title' }, { name: 'Lead', type: 'person' }],
				rows: [
					{ Title: 'Apollo', Lead: 'ada@example.com' },
					{ Title: 'Gemini', Lead: 'grace@example.com' },
				],
			},
			{
				name: 'Tasks',
				page: 'Data',
				columns: [
					{ name: 'Name', display: true },
					{ name: 'Status', type: 'select', options: statuses },
					{ name: 'Points', type: 'number', precision: 0 },
					{ name: 'Done', type: 'checkbox' },
					{ name: 'Owner', type: 'person' },
					{ name: 'Budget', type: 'currency', currencyCode: 'USD', precision: 2 },
					{ name: 'Link', type: 'link' },
					{ name: 'Tags', type: 'select', isArray: true, options: ['red', 'green', 'blue'] },
					{ name: 'Project', type: 'lookup', lookupTable: 'Projects' },
					{ name: 'Due', type: 'date' },
					{
						name: 'Score',
						type: 'number',
						calculated: true,
						formula: 'thisRow.Points * 2',
						hidden: true,
					},
					{
						name: 'Complete',
						type: 'button',
						button: { label: 'Mark done', sets: { Status: 'Done', Done: true } },
					},
				],
				rows,
				views: [{ name: 'Open tasks', hiddenColumns: ['Budget'] }],
			},
		],
		formulas: [{ name: 'Total', value: 42, page: 'Data' }],
		controls: [{ name: 'Threshold', value: 10, controlType: 'slider', page: 'Data' }],
	};
}
