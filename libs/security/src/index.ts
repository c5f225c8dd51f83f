// Static security analysis of submissions: ast-grep rules and per-language analyzers run in the
// sandbox, normalized CWE findings, deduplication and SARIF 2.1.0 export.
export * from './analyzers';
export * from './cwe';
export * from './findings';
export * from './parsers';
export * from './sarif';
export * from './policy';
export * from './sanitizers';
export * from './replay';
export * from './integer-checks';
export * from './compiler-warnings';
export * from './java-exceptions';
export * from './evidence';
