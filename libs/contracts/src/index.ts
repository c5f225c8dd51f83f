// Contracts shared by the API and the worker: queue and job names, payload schemas, verdicts, languages.
export * from './verdicts';
export * from './languages';
export * from './jobs';
export * from './checkers';
export * from './webhooks';
export * from './scoring';
