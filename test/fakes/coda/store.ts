import { notFound } from './errors';
import type { ColumnRec, DocRec, Person, PageRec, RowRec, TableRec, ButtonPress } from './model';
import { simpleText } from './values';

/** All in-memory state of one fake instance, plus id/sequence generation and lookups. */
export class Store {
	docs: DocRec[] = [];
	buttonPresses: ButtonPress[] = [];
	readonly user: Person & { tokenName: string; workspaceId: string; folderId: string } = {
		name: 'Fake User',
		email: 'fake.user@example.com',
		tokenName: 'n8n-test-token',
		workspaceId: 'ws-FakeWs01',
		folderId: 'fl-FakeFl01',
	};
	private counter = 0;
	private seq = 0;
	private lastTime = 0;

	newId(prefix: string): string {
		this.counter += 1;
		return `${prefix}${String(this.counter).padStart(4, '0')}`;
	}

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	/** ISO timestamp, strictly increasing across calls so ordering by time is deterministic. */
	now(): string {
		this.lastTime = Math.max(Date.now(), this.lastTime + 1);
		return new Date(this.lastTime).toISOString();
	}

	reset(): void {
		this.docs = [];
		this.buttonPresses = [];
		this.counter = 0;
		this.seq = 0;
	}

	doc(docId: string): DocRec {
		const doc = this.docs.find((d) => d.id === docId);
		if (!doc) throw notFound('a doc', docId);
		return doc;
	}

	findPage(doc: DocRec, idOrName: string): PageRec | undefined {
		return doc.pages.find((p) => p.id === idOrName) ?? doc.pages.find((p) => p.name === idOrName);
	}

	page(doc: DocRec, idOrName: string): PageRec {
		const page = this.findPage(doc, idOrName);
		if (!page) throw notFound('a page', idOrName);
		return page;
	}

	table(doc: DocRec, idOrName: string): TableRec {
		const table =
			doc.tables.find((t) => t.id === idOrName) ?? doc.tables.find((t) => t.name === idOrName);
		if (!table) throw notFound('a table', idOrName);
		return table;
	}

	/** The table holding columns and rows (the table itself, or a view's base table). */
	baseTable(doc: DocRec, table: TableRec): TableRec {
		if (table.tableType === 'table' || !table.parentTableId) return table;
		return this.table(doc, table.parentTableId);
	}

	columns(doc: DocRec, table: TableRec): ColumnRec[] {
		return this.baseTable(doc, table).columns;
	}

	rows(doc: DocRec, table: TableRec): RowRec[] {
		return this.baseTable(doc, table).rows;
	}

	findColumn(doc: DocRec, table: TableRec, idOrName: string): ColumnRec | undefined {
		const columns = this.columns(doc, table);
		return columns.find((c) => c.id === idOrName) ?? columns.find((c) => c.name === idOrName);
	}

	column(doc: DocRec, table: TableRec, idOrName: string): ColumnRec {
		const column = this.findColumn(doc, table, idOrName);
		if (!column) throw notFound('a column', idOrName);
		return column;
	}

	isColumnVisible(doc: DocRec, table: TableRec, column: ColumnRec): boolean {
		return (
			!column.hidden &&
			!table.hiddenColumnIds.has(column.id) &&
			!this.baseTable(doc, table).hiddenColumnIds.has(column.id)
		);
	}

	/** Display name of a row: the value of its table's display column. */
	rowName(doc: DocRec, table: TableRec, row: RowRec): string {
		const base = this.baseTable(doc, table);
		const value = row.values.get(base.displayColumnId);
		return value === undefined ? '' : simpleText(value);
	}

	row(doc: DocRec, table: TableRec, idOrName: string): RowRec {
		const rows = this.rows(doc, table);
		const row =
			rows.find((r) => r.id === idOrName) ??
			rows.find((r) => this.rowName(doc, table, r) === idOrName);
		if (!row) throw notFound('a row', idOrName);
		return row;
	}
}
