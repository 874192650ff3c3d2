import type { IDataObject } from 'n8n-workflow';

/** A record as CloudCIX sends it, without its `{ "content": … }` envelope. */
export function unwrapContent(response: unknown): IDataObject {
	if (response && typeof response === 'object' && !Array.isArray(response)) {
		const content = (response as IDataObject).content;
		if (content && typeof content === 'object' && !Array.isArray(content))
			return content as IDataObject;
		return response as IDataObject;
	}
	return {};
}
