/**
 * n8n's own REST API, as the editor calls it, for what only the editor does: test a credential
 * ("Test" in the credential dialog) and search a resource locator (the pickers of a node). A
 * running `n8n start` (N8nInstance.start) answers it; the owner account is set up on first use.
 */
export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface ListSearchRequest {
	/** e.g. n8n-nodes-cloud-pack.cloudStorage */
	nodeType: string;
	nodeVersion?: number;
	methodName: string;
	/** The parameter the picker belongs to, e.g. "container". */
	parameter: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
	filter?: string;
	paginationToken?: string;
}

export interface ListSearchResult {
	results: Array<{ name: string; value: string }>;
	paginationToken?: string;
}

const BROWSER_ID = 'cloud-pack-e2e-browser';
const OWNER = { email: 'owner@cloud-pack.test', password: 'Cloud-Pack-e2e-1' };

export class N8nRest {
	private constructor(
		private readonly base: string,
		private readonly cookie: string,
	) {}

	/**
	 * Signs in as the owner: sets the owner up on a fresh instance, or logs in when an earlier
	 * server of the same user folder already did.
	 */
	static async signIn(port: number): Promise<N8nRest> {
		const base = `http://127.0.0.1:${port}/rest`;
		const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
		let response = await fetch(`${base}/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ ...OWNER, firstName: 'Cloud', lastName: 'Pack' }),
		});
		if (response.status === 400) {
			response = await fetch(`${base}/login`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
		}
		const cookie = (response.headers.getSetCookie?.() ?? [])
			.map((entry) => entry.split(';')[0])
			.find((entry) => entry.startsWith('n8n-auth='));
		if (!response.ok || !cookie) {
			throw new Error(`owner sign-in failed (${response.status}): ${await response.text()}`);
		}
		return new N8nRest(base, cookie);
	}

	/** POST to the REST API; resolves with the HTTP status and n8n's `data` (or error body). */
	async post<T>(path: string, body: unknown): Promise<{ status: number; data: T; raw: any }> {
		return await this.call<T>('POST', path, body);
	}

	async get<T>(path: string): Promise<{ status: number; data: T; raw: any }> {
		return await this.call<T>('GET', path);
	}

	async delete<T>(path: string): Promise<{ status: number; data: T; raw: any }> {
		return await this.call<T>('DELETE', path);
	}

	private async call<T>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; data: T; raw: any }> {
		const response = await fetch(`${this.base}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let raw: any;
		try {
			raw = JSON.parse(text);
		} catch {
			raw = text;
		}
		return { status: response.status, data: raw?.data as T, raw };
	}

	/** Saves a credential, as the editor's credential dialog does; resolves with its id. */
	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<string> {
		const { status, data, raw } = await this.post<{ id: string }>('/credentials', credential);
		if (status !== 200)
			throw new Error(`credential creation answered ${status}: ${JSON.stringify(raw)}`);
		return data.id;
	}

	/** The editor's "Test" of a saved credential, with the data it is given (sent whole). */
	async testCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<CredentialTestResult> {
		const { status, data, raw } = await this.post<CredentialTestResult>('/credentials/test', {
			credentials: credential,
		});
		if (status !== 200)
			throw new Error(`credential test answered ${status}: ${JSON.stringify(raw)}`);
		return data;
	}

	/** A resource-locator search, as the picker of the node's parameter runs it. */
	async listSearch(
		request: ListSearchRequest,
	): Promise<
		{ ok: true; result: ListSearchResult } | { ok: false; status: number; message: string }
	> {
		const { status, data, raw } = await this.post<ListSearchResult>(
			'/dynamic-node-parameters/resource-locator-results',
			{
				path: `parameters.${request.parameter}`,
				nodeTypeAndVersion: { name: request.nodeType, version: request.nodeVersion ?? 1 },
				methodName: request.methodName,
				currentNodeParameters: request.parameters,
				credentials: request.credentials,
				filter: request.filter,
				paginationToken: request.paginationToken,
			},
		);
		if (status === 200) return { ok: true, result: data };
		return { ok: false, status, message: String(raw?.message ?? JSON.stringify(raw)) };
	}
}
