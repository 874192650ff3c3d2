// The floors of bench/swift.ts: what a plain client, outside n8n, needs on this machine to move
// the same file to and from the same Swift the way a checked transfer must, run as its own
// process on n8n's Node:
//   node swift-plain-floor.js segments STORAGE_URL TOKEN CONTAINER OBJECT FILE SEGMENT_BYTES CONCURRENCY CHECK
//     the file as a Static Large Object: segments read into `CONCURRENCY + 1` reused buffers,
//     CONCURRENCY PUTs at a time into `<CONTAINER>_segments`, each with its MD5 as ETag when
//     CHECK is 1 (Swift then refuses damaged bytes), then the manifest;
//   node swift-plain-floor.js get-md5 STORAGE_URL TOKEN CONTAINER OBJECT FILE
//     one GET piped to FILE, the MD5 computed on the way and compared with the object's ETag;
//   node swift-plain-floor.js ingest-get STORAGE_URL TOKEN CONTAINER OBJECT FILE
//     the same GET and MD5, written as n8n's binary store writes a stream: fs.promises.writeFile
//     of the body, one awaited write per chunk as it comes;
//   node swift-plain-floor.js ingest-file SOURCE FILE
//     SOURCE written the same way from fs.createReadStream, as n8n's Read File node does.
// Prints {"seconds": …} for the transfer alone.
const { createHash } = require('crypto');
const { createReadStream, createWriteStream } = require('fs');
const { open, writeFile } = require('fs/promises');
const http = require('http');
const { Transform } = require('stream');
const { pipeline } = require('stream/promises');

function request(url, options, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, options, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

async function uploadSegments(
	storage,
	token,
	container,
	object,
	file,
	segmentBytes,
	concurrency,
	check,
) {
	const handle = await open(file, 'r');
	const { size } = await handle.stat();
	const segments = `${container}_segments`;
	const prefix = `${object}/floor/${Date.now()}/`;
	const free = Array.from({ length: concurrency + 1 }, () => Buffer.allocUnsafeSlow(segmentBytes));
	const entries = [];
	const inFlight = new Set();
	/** Every segment PUT started, deleted again if the upload fails before its manifest. */
	const started = [];
	try {
		return await sendSegments();
	} catch (error) {
		await Promise.allSettled(inFlight);
		await Promise.allSettled(
			started.map((name) =>
				request(`${storage}/${segments}/${name}`, {
					method: 'DELETE',
					headers: { 'X-Auth-Token': token },
				}),
			),
		);
		throw error;
	} finally {
		await handle.close();
	}

	async function sendSegments() {
		let offset = 0;
		for (let number = 1; offset < size; number++) {
			while (inFlight.size >= concurrency) await Promise.race(inFlight);
			const buffer = free.pop();
			const { bytesRead } = await handle.read(
				buffer,
				0,
				Math.min(segmentBytes, size - offset),
				offset,
			);
			offset += bytesRead;
			const data = buffer.subarray(0, bytesRead);
			const etag = check ? createHash('md5').update(data).digest('hex') : undefined;
			const name = `${prefix}${String(number).padStart(8, '0')}`;
			started.push(name);
			const sent = request(
				`${storage}/${segments}/${name}`,
				{
					method: 'PUT',
					headers: {
						'X-Auth-Token': token,
						'Content-Length': data.length,
						'Content-Type': 'application/octet-stream',
						...(etag ? { ETag: etag } : {}),
					},
				},
				data,
			).then((answer) => {
				if (answer.status !== 201) throw new Error(`segment ${number} answered ${answer.status}`);
				entries[number - 1] = {
					path: `/${segments}/${name}`,
					etag: answer.headers.etag,
					size_bytes: data.length,
				};
				free.push(buffer);
			});
			inFlight.add(sent);
			sent.finally(() => inFlight.delete(sent)).catch(() => undefined);
		}
		await Promise.all(inFlight);
		const manifest = await request(
			`${storage}/${container}/${object}?multipart-manifest=put`,
			{
				method: 'PUT',
				headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
			},
			Buffer.from(JSON.stringify(entries)),
		);
		if (manifest.status !== 201) throw new Error(`the manifest answered ${manifest.status}`);
		return { segments: entries.length };
	}
}

async function downloadChecked(storage, token, container, object, file) {
	const hash = createHash('md5');
	const response = await new Promise((resolve, reject) => {
		http
			.get(`${storage}/${container}/${object}`, { headers: { 'X-Auth-Token': token } }, resolve)
			.on('error', reject);
	});
	if (response.statusCode !== 200) throw new Error(`GET answered ${response.statusCode}`);
	const hashing = new Transform({
		transform(chunk, _encoding, done) {
			hash.update(chunk);
			done(null, chunk);
		},
	});
	await pipeline(response, hashing, createWriteStream(file));
	const md5 = hash.digest('hex');
	const etag = String(response.headers.etag ?? '').replace(/"/g, '');
	if (etag !== md5) throw new Error(`MD5 ${md5} is not the ETag ${etag}`);
	return { md5 };
}

async function main() {
	const [mode, storage, token, container, object, file, segmentBytes, concurrency, check] =
		process.argv.slice(2);
	const started = process.hrtime.bigint();
	let extra;
	if (mode === 'segments') {
		extra = await uploadSegments(
			storage,
			token,
			container,
			object,
			file,
			Number(segmentBytes),
			Number(concurrency),
			check === '1',
		);
	} else if (mode === 'get-md5' || mode === 'ingest-get') {
		extra = await downloadChecked(storage, token, container, object, file, mode === 'ingest-get');
	} else if (mode === 'ingest-file') {
		// here the second and third arguments are SOURCE and FILE
		await writeFile(token, createReadStream(storage));
	} else {
		throw new Error(`unknown mode ${mode}`);
	}
	console.log(
		JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, ...extra }),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
