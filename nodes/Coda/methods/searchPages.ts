import { codaPath } from '../transport';
import { docPicker } from './docPicker';

export const searchPages = docPicker({ path: (docId) => codaPath`/docs/${docId}/pages` });
