/** Small builders for workflow JSON, so each test states only what matters to it. */
export interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	typeVersion?: number;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export const PACK = 'n8n-nodes-cloud-pack';

export function workflow(
	id: string,
	nodes: WorkflowNode[],
	chain: string[][] = [nodes.map((n) => n.name)],
) {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	for (const path of chain) {
		for (let i = 0; i + 1 < path.length; i++) {
			connections[path[i]] ??= { main: [[]] };
			connections[path[i]].main[0].push({ node: path[i + 1], type: 'main', index: 0 });
		}
	}
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		connections,
		nodes: nodes.map((node, index) => ({
			id: `${id}-${index}`,
			typeVersion: 1,
			position: [index * 220, 0],
			parameters: {},
			...node,
		})),
	};
}

export const manualTrigger: WorkflowNode = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

/** A Code node that emits items with binary files built from the given texts. */
export function makeFiles(
	name: string,
	files: Array<{ fileName: string; text: string; mimeType?: string }>,
): WorkflowNode {
	const code = `const files = ${JSON.stringify(files)};
const out = [];
for (const f of files) {
  out.push({ json: { fileName: f.fileName }, binary: { data: await this.helpers.prepareBinaryData(Buffer.from(f.text), f.fileName, f.mimeType || 'text/plain') } });
}
return out;`;
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } };
}

export function locator(value: string) {
	return { __rl: true, mode: 'name', value };
}

export function keyLocator(value: string) {
	return { __rl: true, mode: 'key', value };
}
