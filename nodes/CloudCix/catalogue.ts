/**
 * The CloudCIX applications and the services the node's picker offers (the user may type any
 * other service path). Sources, as in the project's CloudCIX notes: the application list of the
 * `cloudcix` Python library (0.15.1 docs), Membership's URL configuration (`CloudCIX/membership`
 * urls.py), the IAAS service names of the Python library and the Compute API paths of the
 * official Go SDK. IAAS paths are the library's service names: its URL table is not public.
 */

export interface CloudCixService {
	name: string;
	/** Path below the application's base URL; `{name}` placeholders are filled from URL IDs. */
	path: string;
	/** The path itself names one resource (no `{pk}`): `pk=None` in CloudCIX's Python client. */
	withoutId?: boolean;
}

export interface CloudCixApplication {
	name: string;
	/** The host label: https://{value}.api.cloudcix.com/ */
	value: string;
	services: CloudCixService[];
}

/** The value of the Application parameter that lets the user type an application name. */
export const CUSTOM_APPLICATION = 'custom';

const MEMBERSHIP: CloudCixService[] = [
	{ name: 'Address', path: 'address/' },
	{ name: 'Address (Verbose List)', path: 'address/verbose/' },
	{ name: 'Address Link', path: 'address/{address_id}/link/', withoutId: true },
	{ name: 'App Settings', path: 'app_settings/' },
	{ name: 'Cloud Bill', path: 'cloud_bill/{address_id}/{target_address_id}/', withoutId: true },
	{ name: 'Cloud Budget', path: 'cloud_budget/{address_id}/', withoutId: true },
	{ name: 'Country', path: 'country/' },
	{ name: 'Currency', path: 'currency/' },
	{ name: 'Department', path: 'department/' },
	{ name: 'Language', path: 'language/' },
	{ name: 'Member', path: 'member/' },
	{ name: 'Member Link', path: 'member/{member_id}/link/' },
	{
		name: 'Notification',
		path: 'address/{address_id}/notification/{transaction_type_id}/',
		withoutId: true,
	},
	{ name: 'Profile', path: 'profile/' },
	{ name: 'Subdivision', path: 'country/{country_id}/subdivision/' },
	{ name: 'Team', path: 'team/' },
	{ name: 'Territory', path: 'territory/' },
	{ name: 'Transaction Type', path: 'transaction_type/' },
	{ name: 'User', path: 'user/' },
];

const IAAS_NAMES = [
	'allocation',
	'asn',
	'attach',
	'backup',
	'backup_history',
	'capacity',
	'ceph',
	'cloud',
	'detach',
	'device',
	'device_type',
	'domain',
	'image',
	'interface',
	'ip_address',
	'ip_address_group',
	'ip_validator',
	'policy_log',
	'project',
	'ptr_record',
	'record',
	'region_image',
	'region_storage_type',
	'server',
	'server_type',
	'snapshot',
	'snapshot_history',
	'snapshot_tree',
	'storage',
	'storage_type',
	'subnet',
	'subnet_space',
	'virtual_router',
	'vm',
	'vm_history',
	'vpn',
	'vpn_history',
	'vpn_status',
];

const ACRONYMS = new Set(['asn', 'ip', 'ptr', 'vm', 'vpn']);

/** "ip_address_group" → "IP Address Group". */
export function serviceTitle(name: string): string {
	return name
		.split('_')
		.map((word) =>
			ACRONYMS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

const COMPUTE: CloudCixService[] = [
	{ name: 'Backup', path: 'compute/backups/' },
	{ name: 'Firewall', path: 'network/firewalls/' },
	{ name: 'GPU', path: 'compute/gpus/' },
	{ name: 'Image', path: 'compute/images/' },
	{ name: 'Instance', path: 'compute/instances/' },
	{ name: 'IP Group', path: 'network/ip_groups/' },
	{ name: 'Project', path: 'project/' },
	{ name: 'Router', path: 'network/routers/' },
	{ name: 'Snapshot', path: 'compute/snapshots/' },
	{ name: 'Volume', path: 'storage/volumes/' },
	{ name: 'VPN', path: 'network/vpns/' },
];

const application = (
	name: string,
	value: string,
	services: CloudCixService[] = [],
): CloudCixApplication => ({ name, value, services });

export const APPLICATIONS: CloudCixApplication[] = [
	application('App Manager', 'appmanager'),
	application('Asset', 'asset'),
	application('Circuit', 'circuit'),
	application('Compute', 'compute', COMPUTE),
	application('Contact', 'contact'),
	application('Contacts', 'contacts'),
	application('DCIM', 'dcim'),
	application('Financial', 'financial'),
	application(
		'IAAS',
		'iaas',
		IAAS_NAMES.map((name) => ({ name: serviceTitle(name), path: `${name}/` })),
	),
	application('Membership', 'membership', MEMBERSHIP),
	application('NLP', 'nlp'),
	application('OTP', 'otp'),
	application('PAT', 'pat'),
	application('PLOT', 'plot'),
	application('Report Engine', 'reporting'),
	application('Repository', 'repository'),
	application('Scheduler', 'scheduler'),
	application('SCM', 'scm'),
	application('Security', 'security'),
	application('Support', 'support'),
	application('Training', 'training'),
	application('Vault', 'vault'),
];

export function findApplication(value: string): CloudCixApplication | undefined {
	return APPLICATIONS.find((app) => app.value === value);
}
