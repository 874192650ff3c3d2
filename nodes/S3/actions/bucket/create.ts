import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { succeedIfExistsParameter } from '../../../shared/node/description';
import { assertNewBucketName, type S3Service } from '../../../shared/storage/drivers/s3';
import { ACL_OPTIONS, forOperation, invalid, showFor } from '../common';
import { nameOf } from '../../../shared/node/errors';

const displayOptions = showFor('bucket', 'create');

export const description: INodeProperties[] = forOperation(displayOptions, [
	{
		displayName: 'Bucket Name',
		name: 'bucketName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. my-reports-2026',
		description:
			'3-63 lower-case letters, digits, "." and "-", starting and ending with a letter or digit',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'ACL',
				name: 'acl',
				type: 'options',
				options: ACL_OPTIONS.filter(
					(option) => !option.value.startsWith('bucket-owner') && option.value !== 'aws-exec-read',
				),
				default: 'private',
				description: 'Canned access control list of the bucket',
			},
			{
				displayName: 'Region',
				name: 'region',
				type: 'string',
				default: '',
				placeholder: 'e.g. eu-west-3',
				description: "Region to create the bucket in. Leave empty for the credential's region.",
			},
			succeedIfExistsParameter(
				'Whether to succeed, without changing anything, when you already own a bucket of this name',
			),
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const name = String(this.getNodeParameter('bucketName', itemIndex, '')).trim();
	assertNewBucketName(name, nameOf(this.getNode(), 'bucketName'));
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		acl?: string;
		region?: string;
		ifNotExists?: boolean;
	};
	const region = options.region?.trim();
	if (region && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(region))
		throw invalid(this, 'Region', `"${region}" is not a region name`, itemIndex);
	const { created, container } = await s3.createBucket(name, {
		region,
		ifNotExists: options.ifNotExists,
		acl: options.acl,
	});
	return { bucket: container.name, region: container.region, created };
}
