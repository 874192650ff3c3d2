import type { Links } from './links';
import type {
	ColumnRec,
	ControlRec,
	DocRec,
	FormulaRec,
	LineRec,
	PageRec,
	Person,
	RowRec,
	TableRec,
} from './model';
import type { Store } from './store';
import { formatCell, type LookupResolver, type ValueFormat } from './values';

/** Builds API payloads (shapes from the spec's components/schemas) from in-memory records. */

type Json = Record<string, unknown>;

const PNG_ICON_BASE = 'https://cdn.coda.io/icons/png/color';

export interface RowOptions {
	valueFormat: ValueFormat;
	useColumnNames: boolean;
	visibleOnly: boolean;
}

export class Presenter {
	constructor(
		private readonly store: Store,
		private readonly links: Links,
	) {}

	person(person: Person): Json {
		return {
			'@context': 'http://schema.org/',
			'@type': 'Person',
			name: person.name,
			email: person.email,
		};
	}

	icon(name: string | undefined): Json | undefined {
		return name
			? { name, type: 'png', browserLink: `${PNG_ICON_BASE}/${encodeURIComponent(name)}-32.png` }
			: undefined;
	}

	doc(doc: DocRec): Json {
		const source = doc.sourceDocId;
		return {
			id: doc.id,
			type: 'doc',
			href: this.links.doc(doc.id),
			browserLink: this.links.docBrowser(doc.id),
			...optional('icon', this.icon(doc.iconName)),
			name: doc.name,
			owner: doc.owner.email,
			ownerName: doc.owner.name,
			docSize: {
				totalRowCount: doc.tables
					.filter((t) => t.tableType === 'table')
					.reduce((n, t) => n + t.rows.length, 0),
				tableAndViewCount: doc.tables.length,
				pageCount: doc.pages.length,
				overApiSizeLimit: false,
			},
			...optional(
				'sourceDoc',
				source && {
					id: source,
					type: 'doc',
					href: this.links.doc(source),
					browserLink: this.links.docBrowser(source),
				},
			),
			createdAt: doc.createdAt,
			updatedAt: doc.updatedAt,
			...optional(
				'published',
				doc.isPublished && {
					browserLink: `https://coda.io/@fake/${doc.id}`,
					discoverable: false,
					earnCredit: false,
					mode: 'view',
					categories: [],
				},
			),
			folder: {
				id: doc.folderId,
				type: 'folder',
				browserLink: this.links.folderBrowser(doc.folderId),
				name: 'My docs',
			},
			workspace: {
				id: doc.workspaceId,
				type: 'workspace',
				browserLink: this.links.workspaceBrowser(doc.workspaceId),
				name: 'Fake workspace',
			},
			workspaceId: doc.workspaceId,
			folderId: doc.folderId,
		};
	}

	pageRef(doc: DocRec, page: PageRec): Json {
		return {
			id: page.id,
			type: 'page',
			href: this.links.page(doc.id, page.id),
			browserLink: this.links.pageBrowser(doc.id, page.id),
			name: page.name,
		};
	}

	page(doc: DocRec, page: PageRec): Json {
		const parent = page.parentId ? doc.pages.find((p) => p.id === page.parentId) : undefined;
		const image =
			page.imageUrl && URL.canParse(page.imageUrl)
				? { browserLink: page.imageUrl, type: 'image' }
				: undefined;
		return {
			id: page.id,
			type: 'page',
			href: this.links.page(doc.id, page.id),
			browserLink: this.links.pageBrowser(doc.id, page.id),
			name: page.name,
			...optional('subtitle', page.subtitle),
			...optional('icon', this.icon(page.iconName)),
			...optional('image', image),
			contentType: page.contentType,
			isHidden: page.isHidden,
			isEffectivelyHidden: this.effectivelyHidden(doc, page),
			...optional('parent', parent && this.pageRef(doc, parent)),
			children: doc.pages.filter((p) => p.parentId === page.id).map((p) => this.pageRef(doc, p)),
			authors: [this.person(doc.owner)],
			createdAt: page.createdAt,
			createdBy: this.person(doc.owner),
			updatedAt: page.updatedAt,
			updatedBy: this.person(doc.owner),
		};
	}

	private effectivelyHidden(doc: DocRec, page: PageRec): boolean {
		for (let p: PageRec | undefined = page, depth = 0; p && depth < 50; depth++) {
			if (p.isHidden) return true;
			const parentId: string | undefined = p.parentId;
			p = parentId ? doc.pages.find((x) => x.id === parentId) : undefined;
		}
		return false;
	}

	line(line: LineRec): Json {
		return {
			id: line.id,
			type: 'line',
			itemContent: {
				style: line.style,
				format: 'plainText',
				content: line.content,
				...optional('lineLevel', line.lineLevel),
			},
		};
	}

	tableRef(doc: DocRec, table: TableRec): Json {
		const page = doc.pages.find((p) => p.id === table.pageId);
		return {
			id: table.id,
			type: 'table',
			tableType: table.tableType,
			href: this.links.table(doc.id, table.id),
			browserLink: this.links.tableBrowser(doc.id, table.id),
			name: table.name,
			...optional('parent', page && this.pageRef(doc, page)),
		};
	}

	table(doc: DocRec, table: TableRec): Json {
		const base = this.store.baseTable(doc, table);
		return {
			...this.tableRef(doc, table),
			...optional('parentTable', table.tableType === 'view' ? this.tableRef(doc, base) : undefined),
			displayColumn: {
				id: base.displayColumnId,
				type: 'column',
				href: this.links.column(doc.id, table.id, base.displayColumnId),
			},
			rowCount: base.rows.length,
			sorts: [],
			layout: 'default',
			createdAt: table.createdAt,
			updatedAt: table.updatedAt,
		};
	}

	columnFormat(doc: DocRec, column: ColumnRec): Json {
		const base = { type: column.type, isArray: column.isArray };
		switch (column.type) {
			case 'number':
			case 'percent':
				return { ...base, ...optional('precision', column.precision) };
			case 'currency':
				return {
					...base,
					currencyCode: column.currencyCode ?? 'USD',
					...optional('precision', column.precision),
				};
			case 'checkbox':
				return { ...base, displayType: 'check' };
			case 'select':
				return {
					...base,
					...optional(
						'options',
						column.options?.map((name) => ({ name })),
					),
				};
			case 'button':
				return { ...base, label: column.button?.label ?? column.name };
			case 'lookup': {
				const target = doc.tables.find((t) => t.id === column.lookupTableId);
				return { ...base, ...optional('table', target && this.tableRef(doc, target)) };
			}
			default:
				return base;
		}
	}

	column(doc: DocRec, table: TableRec, column: ColumnRec): Json {
		const base = this.store.baseTable(doc, table);
		return {
			id: column.id,
			type: 'column',
			href: this.links.column(doc.id, table.id, column.id),
			name: column.name,
			...optional('display', column.id === base.displayColumnId ? true : undefined),
			...optional('calculated', column.calculated ? true : undefined),
			...optional('formula', column.formula),
			...optional('defaultValue', column.defaultValue),
			format: this.columnFormat(doc, column),
		};
	}

	columnDetail(doc: DocRec, table: TableRec, column: ColumnRec): Json {
		return { ...this.column(doc, table, column), parent: this.tableRef(doc, table) };
	}

	row(doc: DocRec, table: TableRec, row: RowRec, options: RowOptions): Json {
		const base = this.store.baseTable(doc, table);
		const values: Json = {};
		for (const column of base.columns) {
			if (options.visibleOnly && !this.store.isColumnVisible(doc, table, column)) continue;
			const stored =
				column.type === 'button'
					? (column.button?.label ?? column.name)
					: row.values.get(column.id);
			const key = options.useColumnNames ? column.name : column.id;
			values[key] =
				stored === undefined
					? ''
					: formatCell(column, stored, options.valueFormat, this.lookupResolver(doc));
		}
		return {
			id: row.id,
			type: 'row',
			href: this.links.row(doc.id, table.id, row.id),
			name: this.store.rowName(doc, table, row),
			index: base.rows.indexOf(row),
			browserLink: this.links.rowBrowser(doc.id, table.id, row.id),
			createdAt: row.createdAt,
			updatedAt: row.updatedAt,
			values,
		};
	}

	rowDetail(doc: DocRec, table: TableRec, row: RowRec, options: RowOptions): Json {
		return { ...this.row(doc, table, row, options), parent: this.tableRef(doc, table) };
	}

	private lookupResolver(doc: DocRec): LookupResolver {
		return (column, name) => {
			const target = doc.tables.find((t) => t.id === column.lookupTableId);
			if (!target) return undefined;
			const row = target.rows.find((r) => this.store.rowName(doc, target, r) === name);
			if (!row) return undefined;
			return {
				rowId: row.id,
				tableId: target.id,
				url: this.links.rowBrowser(doc.id, target.id, row.id),
				tableUrl: this.links.tableBrowser(doc.id, target.id),
			};
		};
	}

	formulaRef(doc: DocRec, formula: FormulaRec): Json {
		const page = formula.pageId ? doc.pages.find((p) => p.id === formula.pageId) : undefined;
		return {
			id: formula.id,
			type: 'formula',
			href: this.links.formula(doc.id, formula.id),
			name: formula.name,
			...optional('parent', page && this.pageRef(doc, page)),
		};
	}

	formula(doc: DocRec, formula: FormulaRec): Json {
		return { ...this.formulaRef(doc, formula), value: formula.value };
	}

	controlRef(doc: DocRec, control: ControlRec): Json {
		const page = control.pageId ? doc.pages.find((p) => p.id === control.pageId) : undefined;
		return {
			id: control.id,
			type: 'control',
			href: this.links.control(doc.id, control.id),
			name: control.name,
			...optional('parent', page && this.pageRef(doc, page)),
		};
	}

	control(doc: DocRec, control: ControlRec): Json {
		return {
			...this.controlRef(doc, control),
			controlType: control.controlType,
			value: control.value,
		};
	}

	user(): Json {
		const user = this.store.user;
		return {
			name: user.name,
			loginId: user.email,
			type: 'user',
			scoped: false,
			tokenName: user.tokenName,
			href: this.links.whoami(),
			workspace: {
				id: user.workspaceId,
				type: 'workspace',
				browserLink: this.links.workspaceBrowser(user.workspaceId),
				name: 'Fake workspace',
			},
		};
	}
}

/** `{ [key]: value }` when value is present, `{}` otherwise (keeps optional fields out of payloads). */
export function optional(key: string, value: unknown): Json {
	return value === undefined || value === false || value === '' ? {} : { [key]: value };
}
