import { picker, type PickerSpec } from '../../shared/node/pickers';
import { withS3 } from './service';

/** One page of the keys starting with the filter: one request, however large the bucket. */
const keys: PickerSpec<string>['page'] = async (ctx, prefix, token, bucket) =>
	await withS3(ctx, async (s3) => {
		const page = await s3.listObjectsPage(bucket, {
			prefix,
			maxKeys: 100,
			continuationToken: token,
		});
		return { items: page.objects.map((object) => object.key), next: page.nextContinuationToken };
	});

export const searchObjects = picker({ within: 'bucket', page: keys });

/** The source-object picker of Copy, in the source bucket. */
export const searchSourceObjects = picker({ within: 'sourceBucket', page: keys });
