// Judging logic that needs no sandbox: output checkers, verdict mapping and scoring.
export * from './checkers';
export * from './scoring';
export * from './run-verdict';
export * from './limits';
export * from './verification';
export * from './java-entry';
