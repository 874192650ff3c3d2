/**
 * Just enough CSV (RFC 4180 with a chosen separator and enclosure) to check a file before it is
 * uploaded: its header, and the e-mail column of every row. Infomaniak parses the file itself.
 */
export function parseCsv(text: string, separator = ',', enclosure = '"'): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char !== enclosure) cell += char;
			else if (text[i + 1] === enclosure) {
				cell += enclosure;
				i++;
			} else quoted = false;
		} else if (char === enclosure && cell === '') quoted = true;
		else if (char === separator) {
			row.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += char;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	// blank lines carry nothing
	return rows.filter((cells) => cells.some((value) => value.trim() !== ''));
}

/** Header names that mean "the e-mail address" when the user kept the default column name. */
export const EMAIL_HEADERS = ['email', 'e-mail', 'mail', 'email address', 'e-mail address'];

/** The index of the e-mail column: the one named `wanted`, or (for the default) a usual name. */
export function emailColumnIndex(header: string[], wanted: string): number {
	const names = header.map((name) => name.trim().toLowerCase());
	const exact = names.indexOf(wanted.trim().toLowerCase());
	if (exact >= 0 || wanted.trim().toLowerCase() !== 'email') return exact;
	return names.findIndex((name) => EMAIL_HEADERS.includes(name));
}
