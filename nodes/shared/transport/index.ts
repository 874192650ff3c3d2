export * from './retryPolicy';
export * from './redact';
export * from './errors';
export * from './request';
