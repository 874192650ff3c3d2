// Loaded into a measured n8n run (NODE_OPTIONS=--require ...) by bench/azure.ts: resolves
// every *.localhost host name to 127.0.0.1, so that a production-style Azure endpoint
// (https://<account>.blob.localhost:<port>, the only kind n8n's built-in Azure Storage node
// accepts) reaches the local Azurite without editing /etc/hosts.
const dns = require('dns');

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback, ...rest) {
	if (typeof hostname === 'string' && /\.localhost\.?$/i.test(hostname)) {
		const done = typeof options === 'function' ? options : callback;
		const opts = typeof options === 'object' && options !== null ? options : {};
		if (opts.all) process.nextTick(done, null, [{ address: '127.0.0.1', family: 4 }]);
		else process.nextTick(done, null, '127.0.0.1', 4);
		return;
	}
	return original.call(this, hostname, options, callback, ...rest);
};
