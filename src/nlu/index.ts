export { understand, parseButtonId } from './understand.js';
export { completeWhen, needsDay, type OnTable, type CompleteOptions } from './complete.js';
export { extractName, isPlausibleName, type NameOptions } from './names.js';
export type * from './types.js';
export { clean } from './normalize.js';
