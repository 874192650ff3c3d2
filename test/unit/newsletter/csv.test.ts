import { emailColumnIndex, parseCsv } from '../../../nodes/InfomaniakNewsletter/csv';

describe('parseCsv', () => {
	it('reads separators, enclosures, doubled enclosures, CRLF, newlines inside values and blank lines', () => {
		const text = 'email;name;note\r\na@b.ch;"Doe; Jane";"said ""hi"""\n\nc@d.ch;Max;"two\nlines"\n';
		expect(parseCsv(text, ';')).toEqual([
			['email', 'name', 'note'],
			['a@b.ch', 'Doe; Jane', 'said "hi"'],
			['c@d.ch', 'Max', 'two\nlines'],
		]);
		expect(parseCsv("email,name\nx@y.ch,'O,K'", ',', "'")).toEqual([
			['email', 'name'],
			['x@y.ch', 'O,K'],
		]);
		expect(parseCsv('email\tname\nx@y.ch\tX', '\t')).toEqual([
			['email', 'name'],
			['x@y.ch', 'X'],
		]);
		expect(parseCsv('')).toEqual([]);
	});
});

describe('emailColumnIndex', () => {
	it('finds the named column, or for the default name the usual headers', () => {
		expect(emailColumnIndex(['Name', ' EMAIL '], 'email')).toBe(1);
		expect(emailColumnIndex(['Name', 'E-Mail'], 'email')).toBe(1);
		expect(emailColumnIndex(['Mail', 'x'], 'email')).toBe(0);
		expect(emailColumnIndex(['Name', 'Courriel'], 'courriel')).toBe(1);
		expect(emailColumnIndex(['Name', 'E-Mail'], 'courriel')).toBe(-1);
		expect(emailColumnIndex(['name', 'city'], 'email')).toBe(-1);
	});
});
