import { existsSync } from 'fs';

/**
 * The command line of a child process that is killed when the process that started it dies,
 * however it dies: jest stopped from outside (Ctrl-C, a timeout, SIGKILL) would otherwise leave
 * its n8n, PostgreSQL and Redis children running. util-linux's `setpriv --pdeathsig` (Debian's
 * util-linux is essential) asks the kernel for the signal, then executes the command in its
 * place, so the child's PID stays the command's own and stopping it by PID works as before.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));

export function diesWithParent(command: string, args: string[]): [string, string[]] {
	return SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, args];
}
