export { understand, parseButtonId } from './understand.js';
export type * from './types.js';
