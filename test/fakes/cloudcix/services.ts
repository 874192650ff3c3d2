import {
	DEFAULT_NUMBER_FILTER_OPERATORS,
	DEFAULT_STRING_FILTER_OPERATORS,
	type FieldType,
	type ListMeta,
} from './framework';

/**
 * The services the fake serves, shaped like CloudCIX's Django services (`CloudCIX/membership`:
 * department, country, address, address link): a list controller (search fields, ordering),
 * create/update controllers validating each field with its own error code
 * (`<app>_<service>_<method>_1<field><n>`: 1 missing or wrong type, 2 too long, 3 taken), and
 * `<app>_<service>_<method>_001` for a record that does not exist. Tests may add services.
 */

export type Method = 'list' | 'create' | 'read' | 'update' | 'delete';

export interface FieldDef {
	type: Exclude<FieldType, 'datetime'>;
	required?: boolean;
	maxLength?: number;
	/** No two records of the service may share the value. */
	unique?: boolean;
}

export interface ServiceDef extends ListMeta {
	application: string;
	/** e.g. "department/" or "address/{address_id}/link/"; ids in braces are integers. */
	path: string;
	/** e.g. "membership_department": the prefix of its error codes. */
	errorPrefix: string;
	/** "single": the path names one record (no pk), like Membership's address link. */
	shape: 'collection' | 'single';
	methods: Method[];
	fields: Record<string, FieldDef>;
	/** For a nested service: the URL id that must name an existing record of another service. */
	parent?: { urlId: string; application: string; path: string };
}

const string = (maxLength: number, required = true, unique = false): FieldDef => ({
	type: 'string',
	maxLength,
	required,
	unique,
});

export const DEFAULT_SERVICES: ServiceDef[] = [
	{
		application: 'membership',
		path: 'country/',
		errorPrefix: 'membership_country',
		shape: 'collection',
		methods: ['list', 'read'],
		fields: {},
		allowedOrdering: [
			'english_name',
			'alpha_2_code',
			'alpha_3_code',
			'phone_prefix',
			'primary_level_name',
		],
		searchFields: {
			alpha_2_code: DEFAULT_STRING_FILTER_OPERATORS,
			alpha_3_code: DEFAULT_STRING_FILTER_OPERATORS,
			english_name: DEFAULT_STRING_FILTER_OPERATORS,
			phone_prefix: DEFAULT_NUMBER_FILTER_OPERATORS,
			primary_level_name: DEFAULT_STRING_FILTER_OPERATORS,
		},
	},
	{
		application: 'membership',
		path: 'department/',
		errorPrefix: 'membership_department',
		shape: 'collection',
		methods: ['list', 'create', 'read', 'update', 'delete'],
		fields: { name: string(50, true, true) },
		allowedOrdering: ['name'],
		searchFields: { name: DEFAULT_STRING_FILTER_OPERATORS },
	},
	{
		application: 'membership',
		path: 'address/',
		errorPrefix: 'membership_address',
		shape: 'collection',
		methods: ['list', 'create', 'read', 'update'],
		fields: { name: string(100), city: string(50, false) },
		allowedOrdering: ['name', 'id'],
		searchFields: { name: DEFAULT_STRING_FILTER_OPERATORS, city: DEFAULT_STRING_FILTER_OPERATORS },
	},
	{
		application: 'membership',
		path: 'address/{address_id}/link/',
		errorPrefix: 'membership_address_link',
		shape: 'single',
		methods: ['create', 'read', 'update'],
		fields: { contra_address_id: { type: 'integer', required: true }, notes: string(200, false) },
		allowedOrdering: ['id'],
		searchFields: {},
		parent: { urlId: 'address_id', application: 'membership', path: 'address/' },
	},
	{
		application: 'iaas',
		path: 'project/',
		errorPrefix: 'iaas_project',
		shape: 'collection',
		methods: ['list', 'create', 'read', 'update', 'delete'],
		fields: {
			name: string(50),
			region_id: { type: 'integer', required: true },
			note: string(500, false),
			archived: { type: 'boolean' },
		},
		allowedOrdering: ['name', 'created', 'id', 'region_id'],
		searchFields: {
			name: DEFAULT_STRING_FILTER_OPERATORS,
			region_id: DEFAULT_NUMBER_FILTER_OPERATORS,
			archived: [],
			created: ['gt', 'gte', 'lt', 'lte', 'range', 'year'],
		},
	},
];

export const SAMPLE_COUNTRIES = [
	['Australia', 'AU', 'AUS', '61', 'State'],
	['Brazil', 'BR', 'BRA', '55', 'State'],
	['Canada', 'CA', 'CAN', '1', 'Province'],
	['France', 'FR', 'FRA', '33', 'Region'],
	['Germany', 'DE', 'DEU', '49', 'State'],
	['Ireland', 'IE', 'IRL', '353', 'County'],
	['Japan', 'JP', 'JPN', '81', 'Prefecture'],
	['Spain', 'ES', 'ESP', '34', 'Community'],
	['United Kingdom', 'GB', 'GBR', '44', 'Country'],
	['United States', 'US', 'USA', '1', 'State'],
].map(([english_name, alpha_2_code, alpha_3_code, phone_prefix, primary_level_name]) => ({
	english_name,
	alpha_2_code,
	alpha_3_code,
	phone_prefix,
	primary_level_name,
}));

/** `count` IAAS projects named project-000, project-001, … in regions 1 to 4. */
export function sampleProjects(count: number): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, i) => ({
		name: `project-${String(i).padStart(3, '0')}`,
		region_id: (i % 4) + 1,
	}));
}

/** The field types a list can filter on: declared fields plus id, created and updated. */
export function fieldTypes(service: ServiceDef): Record<string, FieldType> {
	const types: Record<string, FieldType> = {
		id: 'integer',
		created: 'datetime',
		updated: 'datetime',
	};
	for (const [name, field] of Object.entries(service.fields)) types[name] = field.type;
	return types;
}

export interface FieldError {
	error_code: string;
	detail: string;
}

/**
 * The create/update controller: each field in order, `partial` (PATCH) skipping absent ones.
 * Returns the cleaned data and the errors by field.
 */
export function validateRecord(
	service: ServiceDef,
	method: 'create' | 'update',
	data: Record<string, unknown>,
	partial: boolean,
	taken: (field: string, value: unknown) => boolean,
): { clean: Record<string, unknown>; errors: Record<string, FieldError> } {
	const clean: Record<string, unknown> = {};
	const errors: Record<string, FieldError> = {};
	Object.entries(service.fields).forEach(([name, field], index) => {
		if (partial && !(name in data)) return;
		const code = (n: number) => `${service.errorPrefix}_${method}_1${index}${n}`;
		let value = data[name];
		if (field.type === 'string') {
			if (value === undefined || value === null) value = '';
			if (typeof value !== 'string' && typeof value !== 'number') {
				errors[name] = {
					error_code: code(1),
					detail: `The "${name}" parameter is invalid. "${name}" must be a string.`,
				};
				return;
			}
			value = String(value).trim();
			if (field.required && value === '') {
				errors[name] = {
					error_code: code(1),
					detail: `The "${name}" parameter is invalid. "${name}" is required and must be a string.`,
				};
				return;
			}
			if (field.maxLength !== undefined && (value as string).length > field.maxLength) {
				errors[name] = {
					error_code: code(2),
					detail: `The "${name}" parameter is invalid. "${name}" cannot be longer than ${field.maxLength} characters.`,
				};
				return;
			}
		} else if (field.type === 'integer') {
			const number = typeof value === 'number' ? value : Number.NaN;
			if (value === undefined && !field.required) return;
			if (!Number.isInteger(number)) {
				errors[name] = {
					error_code: code(1),
					detail: `The "${name}" parameter is invalid. "${name}" is required and must be an integer.`,
				};
				return;
			}
		} else {
			if (value === undefined && !field.required) return;
			if (typeof value !== 'boolean') {
				errors[name] = {
					error_code: code(1),
					detail: `The "${name}" parameter is invalid. "${name}" must be a boolean.`,
				};
				return;
			}
		}
		if (field.unique && taken(name, value)) {
			errors[name] = {
				error_code: code(3),
				detail: `The "${name}" parameter is invalid. A record with that ${name} already exists.`,
			};
			return;
		}
		clean[name] = value;
	});
	return { clean, errors };
}
