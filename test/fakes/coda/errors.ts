import { STATUS_CODES } from 'node:http';

/** Coda's error payload: `{ statusCode, statusMessage, message }` (see components/responses). */
export interface CodaErrorBody {
	statusCode: number;
	statusMessage: string;
	message: string;
}

export function errorBody(status: number, message?: string): CodaErrorBody {
	const statusMessage = STATUS_CODES[status] ?? 'Error';
	return { statusCode: status, statusMessage, message: message ?? statusMessage };
}

/** Thrown by route handlers; turned into a Coda error response by the server. */
export class CodaError extends Error {
	constructor(
		readonly status: number,
		message?: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message ?? STATUS_CODES[status] ?? 'Error');
	}
}

export const badRequest = (message: string): CodaError => new CodaError(400, message);

export const notFound = (what: string, idOrName: string): CodaError =>
	new CodaError(404, `Could not find ${what} with the specified ID or name: ${idOrName}`);
