import * as http from 'http';

/** Passes a request on to `target` unchanged and streams the answer back (for fault-injecting test proxies). */
export function forwardRequest(
	target: URL,
	req: http.IncomingMessage,
	res: http.ServerResponse,
): void {
	const upstream = http.request(
		{
			host: target.hostname,
			port: target.port,
			method: req.method,
			path: req.url,
			headers: req.headers,
		},
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => res.destroy());
	req.pipe(upstream);
}
