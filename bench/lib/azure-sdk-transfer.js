// The official-SDK baseline of bench/azure.ts, run as its own process on the same Node as
// n8n (so its time and peak RSS compare like for like):
//   node azure-sdk-transfer.js upload|download CONNECTION_STRING CONTAINER BLOB FILE [BLOCK_BYTES CONCURRENCY]
// upload: BlockBlobClient.uploadStream(createReadStream(FILE), BLOCK_BYTES, CONCURRENCY)
// download: BlobClient.download() piped to FILE.
// Prints {"seconds": …} for the transfer alone (loading the SDK excluded).
const { createReadStream, createWriteStream } = require('fs');
const { pipeline } = require('stream/promises');
const { BlobServiceClient } = require('@azure/storage-blob');

async function main() {
	const [mode, connectionString, containerName, blobName, file, blockBytes, concurrency] =
		process.argv.slice(2);
	const container =
		BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
	const started = process.hrtime.bigint();
	if (mode === 'upload') {
		await container
			.getBlockBlobClient(blobName)
			.uploadStream(
				createReadStream(file, { highWaterMark: 1024 * 1024 }),
				Number(blockBytes),
				Number(concurrency),
			);
	} else if (mode === 'download') {
		const response = await container.getBlobClient(blobName).download();
		await pipeline(response.readableStreamBody, createWriteStream(file));
	} else {
		throw new Error(`unknown mode ${mode}`);
	}
	console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
