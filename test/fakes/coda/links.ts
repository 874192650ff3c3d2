/** API (`href`) and browser (`browserLink`) URLs of fake resources. */
export class Links {
	constructor(
		readonly apiBase: string,
		readonly origin: string,
	) {}

	doc(docId: string): string {
		return `${this.apiBase}/docs/${encodeURIComponent(docId)}`;
	}

	page(docId: string, pageId: string): string {
		return `${this.doc(docId)}/pages/${encodeURIComponent(pageId)}`;
	}

	table(docId: string, tableId: string): string {
		return `${this.doc(docId)}/tables/${encodeURIComponent(tableId)}`;
	}

	column(docId: string, tableId: string, columnId: string): string {
		return `${this.table(docId, tableId)}/columns/${encodeURIComponent(columnId)}`;
	}

	row(docId: string, tableId: string, rowId: string): string {
		return `${this.table(docId, tableId)}/rows/${encodeURIComponent(rowId)}`;
	}

	formula(docId: string, formulaId: string): string {
		return `${this.doc(docId)}/formulas/${encodeURIComponent(formulaId)}`;
	}

	control(docId: string, controlId: string): string {
		return `${this.doc(docId)}/controls/${encodeURIComponent(controlId)}`;
	}

	exportStatus(docId: string, pageId: string, exportId: string): string {
		return `${this.page(docId, pageId)}/export/${encodeURIComponent(exportId)}`;
	}

	/** Served by the fake itself, outside the API base path and without auth (like a signed URL). */
	download(exportId: string): string {
		return `${this.origin}/_fake/exports/${encodeURIComponent(exportId)}`;
	}

	whoami(): string {
		return `${this.apiBase}/whoami`;
	}

	docBrowser(docId: string): string {
		return `https://coda.io/d/_d${docId}`;
	}

	pageBrowser(docId: string, pageId: string): string {
		return `${this.docBrowser(docId)}/_su${pageId}`;
	}

	tableBrowser(docId: string, tableId: string): string {
		return `${this.docBrowser(docId)}#_tu${tableId}`;
	}

	rowBrowser(docId: string, tableId: string, rowId: string): string {
		return `${this.docBrowser(docId)}#_tu${tableId}/_ru${rowId}`;
	}

	folderBrowser(folderId: string): string {
		return `https://coda.io/docs?folderId=${folderId}`;
	}

	workspaceBrowser(workspaceId: string): string {
		return `https://coda.io/docs?workspaceId=${workspaceId}`;
	}
}
