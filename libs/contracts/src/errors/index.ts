export * from './field-error';
export * from './domain-error';
export * from './not-found.error';
export * from './conflict.error';
export * from './forbidden.error';
export * from './invalid-input.error';
export * from './unprocessable.error';
export * from './refusal-code';
