// Configuration: the environment parsed once, validated, into one typed object.
export * from './config';
export * from './config.module';
