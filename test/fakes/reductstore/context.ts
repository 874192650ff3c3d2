import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound } from './http';
import type { QueryRegistry } from './query';
import type { Replication } from './replications';
import type { BucketData } from './store';
import type { TokenStore } from './tokens';

/** Everything the fake keeps in memory. */
export interface FakeState {
	apiVersion: string;
	serverVersion: string;
	startedAt: number;
	baseUrl: string;
	buckets: Map<string, BucketData>;
	tokens: TokenStore;
	replications: Map<string, Replication>;
	queries: QueryRegistry;
}

export interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	method: string;
	state: FakeState;
}

export function getBucket(state: FakeState, name: string): BucketData {
	const bucket = state.buckets.get(name);
	if (!bucket) throw notFound(`Bucket '${name}' is not found`);
	return bucket;
}
