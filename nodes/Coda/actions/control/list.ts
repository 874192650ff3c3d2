import { listAction, sortByName } from '../operations';

export const { description, execute } = listAction('control', {
	parents: ['docId'],
	folder: 'controls',
	...sortByName('Whether to sort the controls by name'),
});
