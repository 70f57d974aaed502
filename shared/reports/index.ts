export * from './abc.js';
export * from './reorder.js';
export * from './sales.js';
export * from './valuation.js';
