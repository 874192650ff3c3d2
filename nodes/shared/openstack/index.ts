export * from './catalog';
export * from './cloud';
export * from './credentialErrors';
export * from './dates';
export * from './faults';
export * from './request';
export * from './session';
export * from './wait';
