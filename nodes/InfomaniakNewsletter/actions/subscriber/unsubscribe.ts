import { statusOperation } from './setStatus';

export const { description, execute } = statusOperation('unsubscribe', 'unsubscribed');
