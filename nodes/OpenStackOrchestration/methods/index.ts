import { searchStacks } from './searchStacks';

export const listSearch = { searchStacks };
