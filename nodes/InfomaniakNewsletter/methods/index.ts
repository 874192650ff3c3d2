import { getGroups, getSegments } from './loadOptions';
import { searchCampaigns } from './searchCampaigns';
import { searchGroups } from './searchGroups';

export const listSearch = { searchCampaigns, searchGroups };
export const loadOptions = { getGroups, getSegments };
