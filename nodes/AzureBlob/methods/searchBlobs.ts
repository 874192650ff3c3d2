import { picker, type PickerSpec } from '../../shared/node/pickers';
import { listBlobsPage } from '../../shared/storage/drivers/azure/blobs';
import { containerNameProblem } from '../../shared/storage/drivers/azure/names';
import { withConnection } from '../connection';

/** One page of the names starting with the filter: one page, however large the container. */
const names: PickerSpec<string>['page'] = async (ctx, prefix, token, container) => {
	if (containerNameProblem(container)) return { items: [] };
	return await withConnection(ctx, async (azure) => {
		const page = await listBlobsPage(azure, container, { prefix, pageSize: 100, pageToken: token });
		return { items: page.blobs.map((blob) => blob.name), next: page.nextPageToken };
	});
};

export const searchBlobs = picker({ within: 'container', page: names });

/** The source-blob picker of Copy, in the source container. */
export const searchSourceBlobs = picker({ within: 'sourceContainer', page: names });
