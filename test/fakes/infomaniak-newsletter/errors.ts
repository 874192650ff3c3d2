/** Infomaniak's error answer: `{"result": "error", "error": {"code", "description", errors?}}`. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		description: string,
		readonly details?: Record<string, string[]>,
		readonly headers: Record<string, string> = {},
	) {
		super(description);
	}

	get body(): Record<string, unknown> {
		return {
			result: 'error',
			error: {
				code: this.code,
				description: this.message,
				...(this.details ? { errors: this.details } : {}),
			},
		};
	}
}

export const notFound = (what: string, id: string | number): ApiError =>
	new ApiError(404, 'object_not_found', `${what} ${id} not found`);

export const badRequest = (description: string): ApiError =>
	new ApiError(400, 'bad_request', description);

/** A validation failure of one or more body fields (422, as Laravel-style APIs answer). */
export const invalid = (errors: Record<string, string>): ApiError =>
	new ApiError(
		422,
		'validation_failed',
		'The given data was invalid.',
		Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, [message]])),
	);
