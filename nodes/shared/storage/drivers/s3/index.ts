export * from './config';
export * from './client';
export * from './errors';
export * from './input';
export * from './names';
export * from './service';
export * from './driver';
