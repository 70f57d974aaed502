export * from './evaluate.js';
export * from './levels.js';
export * from './messages.js';
export * from './quiet-hours.js';
export * from './settings.js';
export * from './state-codec.js';
export * from './types.js';
export * from './velocity.js';
