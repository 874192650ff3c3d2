/** In-memory records kept by the Coda fake (internal shapes, not API payloads). */

export type ScalarValue = string | number | boolean;
export type CellValue = ScalarValue | Array<ScalarValue | ScalarValue[]>;

export type ColumnType =
	| 'text'
	| 'number'
	| 'percent'
	| 'currency'
	| 'checkbox'
	| 'date'
	| 'dateTime'
	| 'select'
	| 'person'
	| 'email'
	| 'link'
	| 'lookup'
	| 'button';

export interface ButtonSpec {
	label: string;
	disabled?: boolean;
	/** Cells set on the pressed row (column id or name → value). */
	sets?: Record<string, CellValue>;
}

export interface ColumnRec {
	id: string;
	name: string;
	type: ColumnType;
	isArray: boolean;
	hidden: boolean;
	calculated: boolean;
	formula?: string;
	defaultValue?: string;
	options?: string[];
	currencyCode?: string;
	precision?: number;
	lookupTableId?: string;
	button?: ButtonSpec;
}

export interface RowRec {
	id: string;
	/** Column id → stored value. */
	values: Map<string, CellValue>;
	createdAt: string;
	updatedAt: string;
	createdSeq: number;
	updatedSeq: number;
	hidden: boolean;
}

export interface TableRec {
	id: string;
	name: string;
	tableType: 'table' | 'view';
	pageId: string;
	/** Views share their base table's columns and rows. */
	parentTableId?: string;
	columns: ColumnRec[];
	rows: RowRec[];
	/** Columns hidden in this table or view. */
	hiddenColumnIds: Set<string>;
	displayColumnId: string;
	createdAt: string;
	updatedAt: string;
}

export type PageLineStyle =
	| 'blockQuote'
	| 'bulletedList'
	| 'checkboxList'
	| 'code'
	| 'collapsibleList'
	| 'h1'
	| 'h2'
	| 'h3'
	| 'numberedList'
	| 'paragraph'
	| 'pullQuote';

export interface LineRec {
	id: string;
	style: PageLineStyle;
	content: string;
	lineLevel?: number;
}

export interface PageRec {
	id: string;
	name: string;
	subtitle?: string;
	iconName?: string;
	imageUrl?: string;
	isHidden: boolean;
	parentId?: string;
	contentType: 'canvas' | 'embed' | 'syncPage';
	lines: LineRec[];
	createdAt: string;
	updatedAt: string;
}

export interface FormulaRec {
	id: string;
	name: string;
	pageId?: string;
	value: CellValue;
}

export interface ControlRec {
	id: string;
	name: string;
	pageId?: string;
	controlType: string;
	value: CellValue;
}

export interface ExportRec {
	id: string;
	pageId: string;
	format: 'html' | 'markdown';
	content: string;
	readyAt: number;
}

export interface Person {
	name: string;
	email: string;
}

export interface DocRec {
	id: string;
	name: string;
	owner: Person;
	createdAt: string;
	updatedAt: string;
	folderId: string;
	workspaceId: string;
	sourceDocId?: string;
	iconName?: string;
	timezone?: string;
	isPublished: boolean;
	isStarred: boolean;
	pages: PageRec[];
	tables: TableRec[];
	formulas: FormulaRec[];
	controls: ControlRec[];
	exports: Map<string, ExportRec>;
}

export interface ButtonPress {
	docId: string;
	tableId: string;
	rowId: string;
	columnId: string;
}
