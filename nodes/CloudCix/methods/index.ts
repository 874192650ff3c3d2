import { searchServices } from './searchServices';

export const listSearch = { searchServices };
