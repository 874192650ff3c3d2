import { picker, type PickerSpec } from '../../shared/node/pickers';
import { listObjectsPage } from '../../shared/storage/drivers/gcs/objects';
import { withClient } from '../client';

/** One page of the names starting with the filter: the picker stays one page, however large the bucket. */
const names: PickerSpec<string>['page'] = async (ctx, prefix, token, bucket) =>
	await withClient(ctx, async (client) => {
		const page = await listObjectsPage(client, bucket, { prefix, pageSize: 100, pageToken: token });
		return { items: page.objects.map((object) => object.key), next: page.nextPageToken };
	});

/** The object picker, in the bucket chosen above it. */
export const searchObjects = picker({ within: 'bucket', page: names });

/** The source-object picker of Copy, in the source bucket. */
export const searchSourceObjects = picker({ within: 'sourceBucket', page: names });
